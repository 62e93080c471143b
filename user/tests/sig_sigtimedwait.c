/*
 * sigtimedwait(2) takes a blocked, pending signal without running its
 * handler and returns its number with siginfo (si_code SI_USER, si_pid);
 * with nothing pending it waits for the timeout and fails with EAGAIN; a
 * signal sent meanwhile by a child ends the wait early.
 */
#include <signal.h>
#include "utest.h"

static volatile int handler_calls;

static void on_usr1(int sig)
{
	(void)sig;
	handler_calls++;
}

int main(void)
{
	struct timespec zero = { 0, 0 }, short_wait = { 0, 50000000 }, long_wait = { 5, 0 };
	sigset_t set;
	siginfo_t si;
	long long t0;
	pid_t child;

	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);

	CHECK(kill(getpid(), SIGUSR1) == 0);
	memset(&si, 0, sizeof(si));
	CHECK(sigtimedwait(&set, &si, &zero) == SIGUSR1);
	CHECK(si.si_signo == SIGUSR1 && si.si_code == SI_USER && si.si_pid == getpid());
	CHECK(handler_calls == 0);

	/* Nothing pending: EAGAIN after the timeout. */
	t0 = utest_now_ns();
	CHECK_ERRNO(sigtimedwait(&set, &si, &short_wait), EAGAIN);
	CHECK(utest_now_ns() - t0 >= 50000000LL);
	CHECK_ERRNO(sigtimedwait(&set, &si, &zero), EAGAIN);

	/* Sent while waiting. */
	child = utest_fork();
	if (child == 0) {
		utest_sleep_ms(30);
		CHECK(kill(getppid(), SIGUSR1) == 0);
		_exit(0);
	}
	t0 = utest_now_ns();
	CHECK(sigtimedwait(&set, &si, &long_wait) == SIGUSR1);
	CHECK(si.si_pid == child);
	CHECK(utest_now_ns() - t0 < 4000000000LL);
	CHECK(handler_calls == 0);
	CHECK_CHILD_OK(child);
	return 0;
}
