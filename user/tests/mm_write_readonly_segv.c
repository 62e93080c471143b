/*
 * Writing a PROT_READ page raises SIGSEGV with si_code SEGV_ACCERR, the
 * byte is not changed, and reading the page still works.  The same holds
 * for a page made read-only by mprotect after it was written.
 */
#include <signal.h>
#include <sys/mman.h>
#include "utest.h"



static void expect_write_fault(volatile char *p)
{
	CHECK(utest_probe(p, 1) == SEGV_ACCERR);
	CHECK(utest_fault_addr == (void *)p);
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	volatile char *ro;
	char *m;


	/* Read-only from the start: reads see zeros, writes fault. */
	m = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	ro = m;
	CHECK(ro[10] == 0);
	expect_write_fault(ro + 10);
	CHECK(ro[10] == 0);

	/* Written, then made read-only. */
	m = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	m[100] = 'k';
	CHECK(mprotect(m, pg, PROT_READ) == 0);
	ro = m;
	expect_write_fault(ro + 100);
	CHECK(ro[100] == 'k');
	return 0;
}
