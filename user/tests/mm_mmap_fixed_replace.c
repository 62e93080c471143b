/*
 * mmap(2) with MAP_FIXED over an existing mapping replaces exactly the
 * pages it covers: they read as fresh zero pages, while the pages of the
 * old mapping outside the new range keep their contents.
 */
#include <sys/mman.h>
#include "utest.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *a, *b;

	a = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	memset(a, 'x', 4 * pg);
	/* Replace pages 1 and 2. */
	b = mmap(a + pg, 2 * pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(b == a + pg);
	for (long i = 0; i < 2 * pg; i++)
		CHECK(b[i] == 0);
	CHECK(a[0] == 'x' && a[pg - 1] == 'x');
	CHECK(a[3 * pg] == 'x' && a[4 * pg - 1] == 'x');
	b[0] = 'y';
	CHECK(a[pg] == 'y');
	/* MAP_FIXED at an address that is not page aligned is EINVAL. */
	CHECK(mmap(a + 1, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
	      == MAP_FAILED && errno == EINVAL);
	CHECK(a[0] == 'x');
	CHECK(munmap(a, 4 * pg) == 0);
	return 0;
}
