/*
 * MADV_POPULATE_READ/WRITE fault pages in as a read or a write would:
 * a write population of a private file mapping makes private copies (the
 * file stays as it was, later file writes no longer show); populating
 * what the mapping's rights forbid is EINVAL, a page past the end of the
 * file EFAULT (where an access would raise SIGBUS), a hole ENOMEM.
 * mmap's MAP_POPULATE does the same at once (writing into private
 * writable mappings), and ignores pages past the end of the file.
 */
#include "mm_file_util.h"

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#endif

int main(void)
{
	int fd = mf_make("/tmp/mm_madv_pop", 2 * PG);
	char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *r = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	char *s = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	char *n = mmap(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[2];
	char buf[1];

	CHECK(p != MAP_FAILED && r != MAP_FAILED && s != MAP_FAILED && n != MAP_FAILED);
	CHECK(madvise(r, 2 * PG, MADV_POPULATE_READ) == 0);
	CHECK(mincore(r, 2 * PG, vec) == 0 && (vec[0] & 1) && (vec[1] & 1));
	CHECK_ERRNO(madvise(r, PG, MADV_POPULATE_WRITE), EINVAL);
	CHECK_ERRNO(madvise(n, PG, MADV_POPULATE_READ), EINVAL);

	CHECK(madvise(p, 2 * PG, MADV_POPULATE_WRITE) == 0);
	CHECK(pwrite(fd, "X", 1, 0) == 1);
	CHECK(p[0] == 'a');			/* already a private copy */
	CHECK(r[0] == 'X');			/* a read-only view follows the file */
	CHECK(pread(fd, buf, 1, PG) == 1 && buf[0] == 'b');

	CHECK_ERRNO(madvise(p, 3 * PG, MADV_POPULATE_WRITE), EFAULT);	/* page 2: past EOF */
	CHECK_ERRNO(madvise(s, 3 * PG, MADV_POPULATE_READ), EFAULT);
	CHECK(madvise(s, 2 * PG, MADV_POPULATE_WRITE) == 0);
	CHECK(munmap(s + PG, PG) == 0);
	CHECK_ERRNO(madvise(s, 2 * PG, MADV_POPULATE_READ), ENOMEM);

	/* MAP_POPULATE: resident at once; private writable ones copied already. */
	{
		char *q = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		unsigned char v3[3];

		CHECK(q != MAP_FAILED);
		CHECK(mincore(q, 2 * PG, v3) == 0 && (v3[0] & 1) && (v3[1] & 1));
		CHECK(pwrite(fd, "Y", 1, PG) == 1);
		CHECK(q[0] == 'X' && q[PG] == 'b');	/* copies made before the write */
		CHECK(mf_probe(q + 2 * PG, 0) == SIGBUS);
	}
	CHECK(unlink("/tmp/mm_madv_pop") == 0);
	return 0;
}
