/*
 * MAP_FIXED_NOREPLACE maps at exactly the given address when the range is
 * free, and fails with EEXIST, leaving the old mapping intact, when any
 * page of the range is already mapped (Linux 4.17+).
 */
#include <sys/mman.h>
#include "utest.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	int prot = PROT_READ | PROT_WRITE;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE;
	char *a, *b;

	/* Reserve 4 pages, keep page 0 and 1 mapped, free 2 and 3. */
	a = mmap(NULL, 4 * pg, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	CHECK(munmap(a + 2 * pg, 2 * pg) == 0);
	a[0] = 'a';
	a[pg] = 'b';

	/* Fully overlapping, partly overlapping: EEXIST. */
	CHECK(mmap(a, pg, prot, flags, -1, 0) == MAP_FAILED);
	CHECK(errno == EEXIST);
	CHECK(mmap(a + pg, 2 * pg, prot, flags, -1, 0) == MAP_FAILED);
	CHECK(errno == EEXIST);
	CHECK(a[0] == 'a' && a[pg] == 'b');

	/* The free part: mapped exactly there, zero-filled. */
	b = mmap(a + 2 * pg, 2 * pg, prot, flags, -1, 0);
	CHECK(b == a + 2 * pg);
	CHECK(b[0] == 0 && b[2 * pg - 1] == 0);
	b[0] = 'c';
	CHECK(munmap(a, 4 * pg) == 0);
	return 0;
}
