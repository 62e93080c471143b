/*
 * mprotect(PROT_NONE) turns a page into a guard: a read raises SIGSEGV with
 * si_code SEGV_ACCERR (mapped, but no access) and si_addr the address.
 * mprotect back to PROT_READ|PROT_WRITE brings the old contents back.
 * mprotect of an unaligned address is EINVAL; of an unmapped range ENOMEM.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "utest.h"



int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	volatile char *a;
	char *m;

	m = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED);
	a = m;
	a[pg + 7] = 'z';
	a[0] = 'a';
	a[2 * pg] = 'c';
	CHECK(mprotect(m + pg, pg, PROT_NONE) == 0);

	CHECK(utest_probe(a + pg + 7, 0) == SEGV_ACCERR);	/* read */
	CHECK(utest_fault_addr == m + pg + 7);
	CHECK(utest_probe(a + pg + 8, 1) == SEGV_ACCERR);	/* write */
	CHECK(utest_fault_addr == m + pg + 8);

	/* The neighbours were not affected. */
	CHECK(a[0] == 'a' && a[2 * pg] == 'c');
	CHECK(mprotect(m + pg, pg, PROT_READ | PROT_WRITE) == 0);
	CHECK(a[pg + 7] == 'z');

	/* The system call: musl's mprotect() rounds the address down itself. */
	CHECK_ERRNO(syscall(SYS_mprotect, m + 1, pg, PROT_READ), EINVAL);
	CHECK(munmap(m, 3 * pg) == 0);
	CHECK_ERRNO(mprotect(m, pg, PROT_READ), ENOMEM);
	return 0;
}
