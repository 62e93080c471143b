/*
 * MAP_PRIVATE of a file: until a page is written, it shows the file's
 * current contents (later write(2)s included); the first store makes a
 * private copy, which the file never sees and which no longer follows
 * the file.  MADV_DONTNEED drops the copy: the page reads the file again;
 * on anonymous memory it reads zeroes again.
 */
#include "mm_file_util.h"

int main(void)
{
	int fd = mf_make("/tmp/mm_file_private", 2 * PG);
	char *m, *anon, buf[4];

	m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK(m[5] == 'a' && m[PG + 5] == 'b');
	/* Not yet written: file changes show through. */
	CHECK(pwrite(fd, "X", 1, 5) == 1);
	CHECK(m[5] == 'X');

	/* First store: a private copy. */
	m[6] = 'P';
	CHECK(pread(fd, buf, 1, 6) == 1 && buf[0] == 'a');	/* file untouched */
	CHECK(pwrite(fd, "Y", 1, 7) == 1);
	CHECK(m[7] == 'a');		/* the copy no longer follows the file */
	CHECK(m[5] == 'X' && m[6] == 'P');
	/* The other page was never written: it still follows. */
	CHECK(pwrite(fd, "Z", 1, PG + 1) == 1);
	CHECK(m[PG + 1] == 'Z');

	/* A second private mapping does not see the first one's copy. */
	{
		char *m2 = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);

		CHECK(m2 != MAP_FAILED);
		CHECK(m2[6] == 'a' && m2[7] == 'Y');
		CHECK(munmap(m2, PG) == 0);
	}

	/* MADV_DONTNEED: the private copy goes, the file's page comes back. */
	CHECK(madvise(m, PG, MADV_DONTNEED) == 0);
	CHECK(m[6] == 'a' && m[7] == 'Y' && m[5] == 'X');

	/* On anonymous private memory it reads as zero again. */
	anon = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(anon != MAP_FAILED);
	memset(anon, 0x5a, 2 * PG);
	CHECK(madvise(anon + PG, PG, MADV_DONTNEED) == 0);
	CHECK(anon[0] == 0x5a && anon[PG] == 0 && anon[2 * PG - 1] == 0);
	CHECK_ERRNO(madvise(anon + 1, PG, MADV_DONTNEED), EINVAL);
	CHECK_ERRNO(madvise(anon, PG, 999), EINVAL);
	CHECK(madvise(anon, 2 * PG, MADV_WILLNEED) == 0);
	CHECK(munmap(anon + PG, PG) == 0);
	CHECK_ERRNO(madvise(anon, 2 * PG, MADV_DONTNEED), ENOMEM);
	CHECK(anon[0] == 0);		/* applied to the mapped part anyway */

	/* mincore: a page mapped here is resident. */
	{
		unsigned char vec[2];

		CHECK(mincore(m, 2 * PG, vec) == 0);
		CHECK((vec[0] & 1) && (vec[1] & 1));
		CHECK_ERRNO(mincore(m + 1, PG, vec), EINVAL);
		CHECK_ERRNO(mincore(anon, 2 * PG, vec), ENOMEM);
	}
	CHECK(close(fd) == 0);
	CHECK(unlink("/tmp/mm_file_private") == 0);
	return 0;
}
