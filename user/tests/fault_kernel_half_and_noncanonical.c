/*
 * User code cannot touch addresses outside the user half, and the signal
 * says which kind of address it was:
 *   - the kernel half (0xffffffff81000000, where Linux puts its text): a
 *     page fault, SIGSEGV with SEGV_MAPERR and si_addr that address;
 *   - a non-canonical address (0x0000800000000000, the first beyond the
 *     47-bit user half): a general-protection fault, SIGSEGV with
 *     SI_KERNEL (0x80) and si_addr 0.
 * Both for a read and for a call there; unhandled, the process dies of
 * SIGSEGV.  The kernel survives.
 */
#include <signal.h>
#include <stdint.h>
#include "utest.h"

struct bad_address {
	uintptr_t addr;
	int code;		/* expected si_code */
	uintptr_t fault_addr;	/* expected si_addr */
};

static const struct bad_address cases[] = {
	{ 0xffffffff81000000ULL, SEGV_MAPERR, 0xffffffff81000000ULL },
	{ 0x0000800000000000ULL, SI_KERNEL, 0 },
};

static const struct bad_address *expected;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code != expected->code)
		_exit(3);
	_exit((uintptr_t)si->si_addr == expected->fault_addr ? 0 : 4);
}

static int run(const struct bad_address *bad, int handled, int call)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		expected = bad;
		if (handled) {
			struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

			CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
		}
		if (call) {
			void (*volatile fn)(void) = (void (*)(void))bad->addr;

			fn();
		} else {
			(void)*(volatile long *)bad->addr;
		}
		_exit(99);
	}
	return utest_wait(pid);
}

int main(void)
{
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (int call = 0; call < 2; call++) {
			int status = run(&cases[i], 0, call);

			CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
			status = run(&cases[i], 1, call);
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				fprintf(stderr, "addr %#lx call=%d handled: status 0x%x\n",
					(unsigned long)cases[i].addr, call, status);
			CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		}
	}
	return 0;
}
