/*
 * User code cannot touch the kernel half of the address space: calling a
 * pointer to 0xffffffff81000000 (where Linux puts its text) and reading
 * from it both kill the process with SIGSEGV; a handler sees si_code
 * SEGV_MAPERR and si_addr that address.  The kernel survives.
 */
#include <signal.h>
#include <stdint.h>
#include "utest.h"

#define KADDR 0xffffffff81000000ULL

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code != SEGV_MAPERR)
		_exit(3);
	_exit((uintptr_t)si->si_addr == KADDR ? 0 : 4);
}

static int run(int handled, int call)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		if (handled) {
			struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

			CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
		}
		if (call) {
			void (*volatile fn)(void) = (void (*)(void))(uintptr_t)KADDR;

			fn();
		} else {
			(void)*(volatile long *)(uintptr_t)KADDR;
		}
		_exit(99);
	}
	return utest_wait(pid);
}

int main(void)
{
	for (int call = 0; call < 2; call++) {
		int status = run(0, call);

		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
		status = run(1, call);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fprintf(stderr, "call=%d handled: status 0x%x\n", call, status);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	return 0;
}
