/*
 * Splitting file mappings keeps each piece at its file offset: unmapping
 * the middle of a mapping, mprotect of one page, mremap moving a piece,
 * and mapping at a non-zero offset all show the right file page.
 */
#include "mm_file_util.h"

int main(void)
{
	int fd = mf_make("/tmp/mm_file_split", 6 * PG);
	char *m, *q, *moved;

	m = mmap(NULL, 6 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK(munmap(m + 2 * PG, PG) == 0);
	CHECK(m[0] == 'a' && m[PG] == 'b' && m[3 * PG] == 'd' && m[5 * PG] == 'f');
	CHECK(mf_probe(m + 2 * PG, 0) == SIGSEGV && mf_code == SEGV_MAPERR);

	CHECK(mprotect(m + 4 * PG, PG, PROT_READ) == 0);
	CHECK(m[4 * PG] == 'e');
	CHECK(mf_probe(m + 4 * PG, 1) == SIGSEGV && mf_code == SEGV_ACCERR);
	m[5 * PG + 1] = 'F';	/* the tail piece is still writable and shared */
	CHECK(mf_probe(m + 3 * PG, 1) == 0);

	/* Move the [3, 4) page elsewhere: it is still file page 3. */
	moved = mremap(m + 3 * PG, PG, 2 * PG, MREMAP_MAYMOVE);
	CHECK(moved != MAP_FAILED);
	CHECK(moved[0] == 'w' && moved[1] == 'd' && moved[PG] == 'e');
	CHECK(mf_probe(m + 3 * PG, 0) == SIGSEGV);

	/* An offset mapping, split by a private mapping placed over its middle. */
	q = mmap(NULL, 3 * PG, PROT_READ, MAP_PRIVATE, fd, 2 * PG);
	CHECK(q != MAP_FAILED);
	CHECK(q[0] == 'c' && q[PG] == 'w' && q[2 * PG] == 'e');
	CHECK(mmap(q + PG, PG, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 5 * PG) == q + PG);
	CHECK(q[0] == 'c' && q[PG] == 'f' && q[PG + 1] == 'F' && q[2 * PG] == 'e');
	CHECK(munmap(q, 3 * PG) == 0);
	CHECK(close(fd) == 0);
	CHECK(unlink("/tmp/mm_file_split") == 0);
	return 0;
}
