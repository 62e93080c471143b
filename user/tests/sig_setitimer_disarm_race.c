/*
 * Disarming ITIMER_REAL while its expiry is being handled on another CPU:
 * the disarm wins.  The timer callback used to read the interval, send
 * SIGALRM, then re-arm with the interval it had read; a setitimer(0) in
 * between was undone, so getitimer() still showed the timer running and
 * one more SIGALRM came after the disarm.  Many rounds of a 100 us
 * interval timer, each disarmed after about a millisecond, with SIGALRM
 * blocked; after each disarm the timer reads as zero and, once the
 * signal generated before the disarm is taken, none arrives any more.
 */
#include <signal.h>
#include <sys/time.h>
#include "utest.h"

#define ROUNDS		300
#define RUN_NS		1000000LL	/* let the timer fire a few times */
#define QUIET_MS	20

static void spin_ns(long long ns)
{
	long long end = utest_now_ns() + ns;

	while (utest_now_ns() < end)
		;
}

static int alrm_pending(void)
{
	sigset_t p;

	CHECK(sigpending(&p) == 0);
	return sigismember(&p, SIGALRM);
}

int main(void)
{
	struct itimerval it = { { 0, 100 }, { 0, 100 } }, off = { { 0, 0 }, { 0, 0 } }, now;
	struct timespec zero = { 0, 0 };
	sigset_t alrm;

	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	CHECK(sigprocmask(SIG_BLOCK, &alrm, NULL) == 0);
	for (int i = 0; i < ROUNDS; i++) {
		CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
		spin_ns(RUN_NS);
		CHECK(setitimer(ITIMER_REAL, &off, NULL) == 0);
		CHECK(getitimer(ITIMER_REAL, &now) == 0);
		if (now.it_value.tv_sec || now.it_value.tv_usec || now.it_interval.tv_usec)
			fprintf(stderr, "round %d: still armed: %ld us, interval %ld us\n", i,
				(long)now.it_value.tv_usec, (long)now.it_interval.tv_usec);
		CHECK(!now.it_value.tv_sec && !now.it_value.tv_usec);
		CHECK(!now.it_interval.tv_sec && !now.it_interval.tv_usec);
		sigtimedwait(&alrm, NULL, &zero);	/* generated before the disarm */
	}
	utest_sleep_ms(QUIET_MS);
	CHECK(!alrm_pending());
	return 0;
}
