/*
 * alarm(2) delivers SIGALRM after the given seconds (at least that long,
 * by the monotonic clock); it returns the seconds left of a previous
 * alarm (rounded to the nearest second, here exactly 5), and alarm(0)
 * cancels.  The default action of SIGALRM terminates.
 */
#include <signal.h>
#include "utest.h"

static volatile int calls;

static void on_alrm(int sig)
{
	(void)sig;
	calls++;
}

int main(void)
{
	long long t0, elapsed;
	unsigned guard;
	pid_t child;
	int status;

	/* The runner's timeout is an alarm too (it survives execve). */
	guard = alarm(0);
	CHECK(signal(SIGALRM, on_alrm) != SIG_ERR);
	CHECK(alarm(5) == 0);
	/*
	 * t0 before alarm(1): the alarm's clock reading is after it, so the
	 * signal cannot come sooner than 1 s after t0.  (Read after alarm(),
	 * t0 could lag the kernel's reading by any time the host took the
	 * CPU away, and a correct kernel looked early.)
	 */
	t0 = utest_now_ns();
	CHECK(alarm(1) == 5);
	while (calls == 0)
		pause();
	elapsed = utest_now_ns() - t0;
	CHECK(calls == 1);
	CHECK(elapsed >= 1000000000LL);
	CHECK(elapsed < 10000000000LL);
	CHECK(alarm(0) == 0);	/* nothing left */

	/* Cancelled: no signal. */
	CHECK(alarm(1) == 0);
	CHECK(alarm(0) == 1);
	utest_sleep_ms(1200);
	CHECK(calls == 1);

	/* Default action: terminate with SIGALRM. */
	child = utest_fork();
	if (child == 0) {
		signal(SIGALRM, SIG_DFL);
		alarm(1);
		for (;;)
			pause();
	}
	status = utest_wait(child);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM);
	alarm(guard);
	return 0;
}
