/*
 * munmap(2) of the middle page of a three-page mapping splits it: the first
 * and last pages stay mapped with their contents, and touching the hole
 * raises SIGSEGV with si_code SEGV_MAPERR and si_addr the faulting address.
 * Unmapping the ends of the remaining pieces works the same way.
 */
#include <signal.h>
#include <sys/mman.h>
#include "utest.h"



/* Read one byte; true when it faulted with SIGSEGV. */
static int faults(volatile char *p)
{
	return utest_probe(p, 0) != 0;
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *a;

	a = mmap(NULL, 5 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	for (int i = 0; i < 5; i++)
		a[i * pg] = 'A' + i;

	CHECK(munmap(a + 2 * pg, pg) == 0);
	CHECK(faults(a + 2 * pg + 5));
	CHECK(utest_fault_code == SEGV_MAPERR);
	CHECK(utest_fault_addr == a + 2 * pg + 5);
	for (int i = 0; i < 5; i++) {
		if (i == 2)
			continue;
		CHECK(!faults(a + i * pg));
		CHECK(a[i * pg] == 'A' + i);
		a[i * pg + 1] = 'a' + i;	/* still writable */
	}

	/* Trim the first piece from its start, the second from its end. */
	CHECK(munmap(a, pg) == 0);
	CHECK(munmap(a + 4 * pg, pg) == 0);
	CHECK(faults(a));
	CHECK(faults(a + 4 * pg));
	CHECK(a[pg] == 'B' && a[pg + 1] == 'b');
	CHECK(a[3 * pg] == 'D' && a[3 * pg + 1] == 'd');

	/* One munmap over the hole and both pieces: all gone, no error. */
	CHECK(munmap(a, 5 * pg) == 0);
	CHECK(faults(a + pg));
	CHECK(faults(a + 3 * pg));
	return 0;
}
