/*
 * A blocked signal is not delivered but stays pending (sigpending shows
 * it); standard signals do not queue, so two kills give one delivery; the
 * handler runs as soon as the signal is unblocked, before sigprocmask
 * returns.  An ignored signal that is blocked is still left pending (Linux:
 * the action may change before it is unblocked) and discarded when
 * unblocked; making a pending signal's action SIG_IGN discards it.
 */
#include <signal.h>
#include <sys/syscall.h>
#include "utest.h"

static volatile int calls;

static void on_usr1(int sig)
{
	(void)sig;
	calls++;
}

int main(void)
{
	sigset_t usr1, pend, cur, empty;

	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	sigemptyset(&empty);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK(sigprocmask(SIG_SETMASK, &empty, NULL) == 0);
	CHECK(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &cur) == 0);
	CHECK(sigismember(&cur, SIGUSR1));

	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(calls == 0);
	CHECK(sigpending(&pend) == 0);
	CHECK(sigismember(&pend, SIGUSR1));
	CHECK(!sigismember(&pend, SIGUSR2));

	CHECK(sigprocmask(SIG_UNBLOCK, &usr1, NULL) == 0);
	CHECK(calls == 1);
	CHECK(sigpending(&pend) == 0);
	CHECK(!sigismember(&pend, SIGUSR1));

	/* Ignored but blocked: pending; unblocked: gone, nothing happens. */
	CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR);
	sigaddset(&usr1, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);
	CHECK(kill(getpid(), SIGUSR2) == 0);
	CHECK(sigpending(&pend) == 0);
	CHECK(sigismember(&pend, SIGUSR2));
	CHECK(sigprocmask(SIG_SETMASK, &empty, NULL) == 0);
	CHECK(sigpending(&pend) == 0);
	CHECK(!sigismember(&pend, SIGUSR2));
	CHECK(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);

	/* A pending signal whose action becomes SIG_IGN is dropped. */
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1));
	CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);
	CHECK(sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR1));
	CHECK(sigprocmask(SIG_SETMASK, &empty, NULL) == 0);
	CHECK(calls == 1);
	/* musl checks "how" itself: ask the kernel directly. */
	CHECK_ERRNO(syscall(SYS_rt_sigprocmask, 99, &usr1, NULL, 8), EINVAL);
	return 0;
}
