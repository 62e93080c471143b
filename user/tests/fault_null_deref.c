/*
 * A NULL dereference kills the process with SIGSEGV (the parent's waitpid
 * sees WTERMSIG 11); with a SA_SIGINFO handler the siginfo says si_code
 * SEGV_MAPERR and si_addr the faulting address (0 for a read of *NULL, 8
 * for a write to NULL->second).
 */
#include <signal.h>
#include <stdint.h>
#include "utest.h"

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig != SIGSEGV || si->si_signo != SIGSEGV)
		_exit(2);
	if (si->si_code != SEGV_MAPERR)
		_exit(3);
	_exit(10 + (int)(uintptr_t)si->si_addr);
}

static int run(int handled, int write)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		volatile long *volatile p = NULL;

		if (handled) {
			struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

			CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
		}
		if (write)
			p[1] = 1;
		else
			(void)p[0];
		_exit(99);
	}
	return utest_wait(pid);
}

int main(void)
{
	int status;

	status = run(0, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	status = run(0, 1);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	status = run(1, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 10);
	status = run(1, 1);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 18);
	return 0;
}
