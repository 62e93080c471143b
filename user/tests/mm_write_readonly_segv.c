/*
 * Writing a PROT_READ page raises SIGSEGV with si_code SEGV_ACCERR, the
 * byte is not changed, and reading the page still works.  The same holds
 * for a page made read-only by mprotect after it was written.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include "utest.h"

static sigjmp_buf env;
static volatile int got_code;
static void *volatile got_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_code = si->si_code;
	got_addr = si->si_addr;
	siglongjmp(env, 1);
}

static void expect_write_fault(volatile char *p)
{
	got_code = 0;
	got_addr = NULL;
	if (sigsetjmp(env, 1) == 0) {
		*p = 'w';
		CHECK(!"write to a read-only page did not fault");
	}
	CHECK(got_code == SEGV_ACCERR);
	CHECK(got_addr == (void *)p);
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
	volatile char *ro;
	char *m;

	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);

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
