/*
 * Linux 6.1's flag and offset rules for mmap and mprotect, beyond the
 * basic ones: MAP_SHARED_VALIDATE refuses flags it does not know
 * (EOPNOTSUPP) where MAP_SHARED ignores them, and is EINVAL for anonymous
 * memory, as is MAP_SHARED with MAP_GROWSDOWN; an offset whose mapping
 * would pass the largest file offset is EOVERFLOW; mmap ignores unknown
 * PROT bits; mprotect accepts PROT_SEM, refuses unknown bits, and takes
 * PROT_GROWSDOWN only on a grows-down area, PROT_GROWSUP never.
 */
#include "mm_file_util.h"

#ifndef MAP_SYNC
#define MAP_SYNC		0x80000
#endif
#define PROT_SEM_BIT		0x8

int main(void)
{
	int fd = mf_make("/tmp/mm_mmap_flags", 2 * PG);
	char *a, *g;

	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0), EOPNOTSUPP);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | 0x400000, fd, 0), EOPNOTSUPP);
	CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_SYNC, fd, 0) != MAP_FAILED);
	CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_POPULATE, fd, 0) != MAP_FAILED);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0),
		    EINVAL);

	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, -4096L), EOVERFLOW);
	CHECK_ERRNO(mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0x7ffffffffffff000L), EOVERFLOW);
	CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0x7ffffffffffe0000L) != MAP_FAILED);

	a = mmap(NULL, PG, PROT_READ | PROT_WRITE | 0x10, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	a[0] = 1;
	CHECK(mprotect(a, PG, PROT_READ | PROT_WRITE | PROT_SEM_BIT) == 0);
	CHECK_ERRNO(mprotect(a, PG, PROT_READ | 0x10), EINVAL);
	CHECK_ERRNO(mprotect(a, PG, PROT_READ | PROT_GROWSDOWN), EINVAL);
	CHECK_ERRNO(mprotect(a, PG, PROT_READ | PROT_GROWSUP), EINVAL);
	CHECK(mprotect(a, 0, 0x10) == 0);	/* an empty range is not checked */

	/* PROT_GROWSDOWN on a grows-down area: down to its start. */
	g = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN,
		 -1, 0);
	CHECK(g != MAP_FAILED);
	CHECK(mprotect(g + 2 * PG, PG, PROT_READ | PROT_GROWSDOWN) == 0);
	CHECK(mf_probe(g, 1) == SIGSEGV && mf_probe(g + 2 * PG, 1) == SIGSEGV);
	CHECK(mf_probe(g + 3 * PG, 1) == 0);	/* above the range: untouched */
	CHECK(unlink("/tmp/mm_mmap_flags") == 0);
	return 0;
}
