/*
 * sigsuspend(2) swaps in a temporary mask and sleeps until a handled
 * signal arrives: with SIGUSR1 blocked, a signal sent before the call
 * (kept pending) or during it is delivered inside sigsuspend, which then
 * fails with EINTR after the handler ran and restores the old mask
 * (SIGUSR1 blocked again).
 */
#include <signal.h>
#include "utest.h"

static volatile int calls;
static volatile int blocked_in_handler;

static void on_usr1(int sig)
{
	sigset_t cur;

	(void)sig;
	calls++;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_in_handler = sigismember(&cur, SIGUSR2);
}

int main(void)
{
	sigset_t usr1, during, cur;
	pid_t child;

	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);
	sigemptyset(&during);
	sigaddset(&during, SIGUSR2);	/* blocked while suspended */

	/* Pending before the call. */
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(calls == 0);
	CHECK_ERRNO(sigsuspend(&during), EINTR);
	CHECK(calls == 1);
	CHECK(blocked_in_handler);	/* the handler ran with the temporary mask */
	CHECK(sigprocmask(SIG_BLOCK, NULL, &cur) == 0);
	CHECK(sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGUSR2));

	/* Arriving while suspended, from a child 50 ms later. */
	child = utest_fork();
	if (child == 0) {
		utest_sleep_ms(50);
		CHECK(kill(getppid(), SIGUSR1) == 0);
		_exit(0);
	}
	CHECK_ERRNO(sigsuspend(&during), EINTR);
	CHECK(calls == 2);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &cur) == 0);
	CHECK(sigismember(&cur, SIGUSR1));
	CHECK_CHILD_OK(child);
	return 0;
}
