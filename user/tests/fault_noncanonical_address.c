/*
 * An access to a non-canonical address (0x0000800000000000, the first
 * beyond the 47-bit user half) raises a general-protection fault, not a
 * page fault: SIGSEGV with si_code SI_KERNEL (0x80) and si_addr 0.  Same
 * for a jump there.
 */
#include <signal.h>
#include <stdint.h>
#include "utest.h"

#define NONCANON 0x0000800000000000ULL

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code != SI_KERNEL)
		_exit(3);
	_exit(si->si_addr == NULL ? 0 : 4);
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
			void (*volatile fn)(void) = (void (*)(void))(uintptr_t)NONCANON;

			fn();
		} else {
			(void)*(volatile long *)(uintptr_t)NONCANON;
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
