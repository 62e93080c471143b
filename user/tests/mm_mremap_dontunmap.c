/*
 * mremap(MREMAP_DONTUNMAP), Linux 5.7+: the pages move to a new address
 * and the old range stays mapped but empty, so it faults afresh: private
 * anonymous memory reads zeroes there, shared memory its shared pages
 * again.  It must be MREMAP_MAYMOVE and keep the size (EINVAL otherwise),
 * takes MREMAP_FIXED for an exact place, and refuses overlapping ranges.
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include "utest.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#define PG 4096

static int all(const volatile char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

static char *map(int flags, size_t pages)
{
	char *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	return p;
}

static void check_private(void)
{
	char *p = map(MAP_PRIVATE, 4), *q, *target;

	memset(p, 'a', 4 * PG);
	CHECK(mremap(p, 4 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP) == MAP_FAILED &&
	      errno == EINVAL);
	CHECK(mremap(p, 4 * PG, 4 * PG, MREMAP_DONTUNMAP) == MAP_FAILED && errno == EINVAL);
	CHECK(mremap(p, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED,
		     p + PG) == MAP_FAILED && errno == EINVAL);
	q = mremap(p, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	CHECK(q != MAP_FAILED && q != p);
	CHECK(all(q, 4 * PG, 'a'));
	CHECK(all(p, 4 * PG, 0));		/* still mapped, empty */
	p[0] = 'b';
	CHECK(q[0] == 'a');

	/* An exact place with MREMAP_FIXED. */
	target = map(MAP_PRIVATE, 2);
	memset(q, 'c', PG);
	CHECK(mremap(q, PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED, target) ==
	      target);
	CHECK(target[0] == 'c' && q[0] == 0 && q[PG] == 'a');
	CHECK(munmap(p, 4 * PG) == 0 && munmap(q, 4 * PG) == 0 && munmap(target, 2 * PG) == 0);
}

static void check_shared(void)
{
	char *p = map(MAP_SHARED, 2), *q;

	memset(p, 's', 2 * PG);
	q = mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	CHECK(q != MAP_FAILED && q != p);
	CHECK(all(q, 2 * PG, 's') && all(p, 2 * PG, 's'));	/* the same shared pages */
	q[0] = 't';
	CHECK(p[0] == 't');
	CHECK(munmap(p, 2 * PG) == 0 && munmap(q, 2 * PG) == 0);
}

int main(void)
{
	check_private();
	check_shared();
	return 0;
}
