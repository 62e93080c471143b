/*
 * A hint address without MAP_FIXED: Linux maps exactly there when the range
 * is free and page aligned, and otherwise picks another free range, never
 * replacing what is mapped at the hint.
 */
#include <stdint.h>
#include <sys/mman.h>
#include "utest.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	int prot = PROT_READ | PROT_WRITE;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	char *a, *b, *hint;

	/* Find a free range, then free it again and use it as the hint. */
	hint = mmap(NULL, 2 * pg, prot, flags, -1, 0);
	CHECK(hint != MAP_FAILED);
	CHECK(munmap(hint, 2 * pg) == 0);
	a = mmap(hint, 2 * pg, prot, flags, -1, 0);
	CHECK(a == hint);
	a[0] = 'a';

	/* The hint is taken: another address, and a[] is untouched. */
	b = mmap(a, pg, prot, flags, -1, 0);
	CHECK(b != MAP_FAILED);
	CHECK(b + pg <= a || b >= a + 2 * pg);
	CHECK(a[0] == 'a');
	CHECK(b[0] == 0);
	CHECK(((uintptr_t)b & (pg - 1)) == 0);
	CHECK(munmap(b, pg) == 0);
	CHECK(munmap(a, 2 * pg) == 0);
	return 0;
}
