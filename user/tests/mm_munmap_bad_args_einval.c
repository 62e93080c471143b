/*
 * munmap(2) argument rules: an address that is not page aligned and a
 * length of 0 are EINVAL, and so is a range reaching past the user half;
 * an unaligned length is rounded up; unmapping a range with nothing mapped
 * succeeds.  A failed munmap leaves the mapping alone.
 */
#include <stdint.h>
#include <sys/mman.h>
#include "utest.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	volatile char *v;
	char *a;

	a = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	a[0] = 1;
	CHECK_ERRNO(munmap(a + 1, pg), EINVAL);
	CHECK_ERRNO(munmap(a + pg / 2, pg), EINVAL);
	CHECK_ERRNO(munmap(a, 0), EINVAL);
	CHECK_ERRNO(munmap((void *)(uintptr_t)0x7ffffffff000ULL, 2 * pg), EINVAL);
	CHECK_ERRNO(munmap((void *)(uintptr_t)0xffffffff81000000ULL, pg), EINVAL);
	v = a;
	CHECK(v[0] == 1);

	/* Length 1 unmaps the whole first page; the rest stays. */
	a[pg] = 2;
	CHECK(munmap(a, 1) == 0);
	CHECK(v[pg] == 2);
	CHECK(munmap(a, 3 * pg) == 0);
	/* Nothing mapped there any more: still success. */
	CHECK(munmap(a, 3 * pg) == 0);
	return 0;
}
