/*
 * A handled signal interrupts nanosleep(2): it fails with EINTR and writes
 * the unslept time into *rem, which is less than the request and more
 * than the request minus the time that really passed (generous bounds).
 * Here a 2 s sleep is cut by SIGALRM from a 100 ms ITIMER_REAL.
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
	struct sigaction sa = { .sa_handler = on_alrm };
	struct itimerval it = { .it_value = { 0, 100000 } };
	struct timespec req = { 2, 0 }, rem = { -1, -1 };
	long long t0, t1, slept, left;
	unsigned guard;

	guard = alarm(0);	/* the runner's timeout, restored below */
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	t0 = utest_now_ns();
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	t1 = utest_now_ns();
	CHECK_ERRNO(nanosleep(&req, &rem), EINTR);
	slept = utest_now_ns() - t0;
	CHECK(calls == 1);
	CHECK(rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000);
	left = rem.tv_sec * 1000000000LL + rem.tv_nsec;
	CHECK(slept >= 100000000LL);
	CHECK(left < 2000000000LL);
	CHECK(left > 0);
	/* Unslept time is roughly request - slept (1 ms of slack). */
	CHECK(left >= 2000000000LL - slept - 1000000);
	/*
	 * The sleep began t1 - t0 after the timer was set at the latest
	 * (plus the syscall entry): a loaded host may take the CPU away in
	 * between, which is not the kernel's doing.
	 */
	CHECK(left <= 2000000000LL - 100000000LL + (t1 - t0) + 1000000);

	/* Invalid requests: EINVAL, without sleeping. */
	req.tv_nsec = 1000000000;
	CHECK_ERRNO(nanosleep(&req, NULL), EINVAL);
	req.tv_sec = -1;
	req.tv_nsec = 0;
	CHECK_ERRNO(nanosleep(&req, NULL), EINVAL);
	alarm(guard);
	return 0;
}
