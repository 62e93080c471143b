/*
 * setitimer(ITIMER_REAL) with an interval delivers SIGALRM periodically:
 * three signals take at least three periods; getitimer shows a remaining
 * value within one period and the interval as set; setting a zero value
 * disarms it and returns the old setting.
 */
#include <signal.h>
#include <sys/time.h>
#include "utest.h"

static volatile int calls;

static void on_alrm(int sig)
{
	(void)sig;
	calls++;
}

int main(void)
{
	struct itimerval it = { .it_interval = { 0, 20000 }, .it_value = { 0, 20000 } };
	struct itimerval now, old, off = { { 0, 0 }, { 0, 0 } };
	sigset_t alrm, empty;
	long long t0, elapsed;
	unsigned guard;

	/* The runner's timeout is an alarm too (it survives execve). */
	guard = alarm(0);
	CHECK(signal(SIGALRM, on_alrm) != SIG_ERR);
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigemptyset(&empty);
	CHECK(sigprocmask(SIG_BLOCK, &alrm, NULL) == 0);

	CHECK(getitimer(ITIMER_REAL, &now) == 0);
	CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);
	t0 = utest_now_ns();
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	CHECK(getitimer(ITIMER_REAL, &now) == 0);
	CHECK(now.it_interval.tv_sec == 0 && now.it_interval.tv_usec == 20000);
	CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_usec <= 20000);
	CHECK(now.it_value.tv_usec > 0);

	while (calls < 3)
		sigsuspend(&empty);
	elapsed = utest_now_ns() - t0;
	CHECK(elapsed >= 60000000LL);
	CHECK(elapsed < 10000000000LL);

	CHECK(setitimer(ITIMER_REAL, &off, &old) == 0);
	CHECK(old.it_interval.tv_usec == 20000);
	CHECK(getitimer(ITIMER_REAL, &now) == 0);
	CHECK(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0);
	/*
	 * Disarmed: nothing more arrives.  An expiry between the third
	 * signal and the disarm (a loaded host may take 20 ms from us) left
	 * one SIGALRM pending while blocked: it came before, so drop it.
	 */
	sigtimedwait(&alrm, NULL, &(struct timespec){ 0, 0 });
	calls = 0;
	CHECK(sigprocmask(SIG_UNBLOCK, &alrm, NULL) == 0);
	utest_sleep_ms(100);
	CHECK(calls == 0);

	it.it_value.tv_usec = 1000000;	/* out of range */
	CHECK_ERRNO(setitimer(ITIMER_REAL, &it, NULL), EINVAL);
	alarm(guard);
	return 0;
}
