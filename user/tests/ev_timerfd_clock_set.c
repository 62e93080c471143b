/*
 * Setting CLOCK_REALTIME (timerfd_create(2)): an absolute CLOCK_REALTIME
 * timer keeps its wall-clock deadline, so moving the clock past it makes
 * it expire at once; TFD_TIMER_CANCEL_ON_SET makes the next read fail
 * with ECANCELED (once per change), and poll reports that as readable;
 * relative and CLOCK_MONOTONIC timers are not affected.  The clock is put
 * back at the end.
 */
#include <poll.h>
#include <stdint.h>
#include <sys/timerfd.h>
#include "utest.h"

#define SEC 1000000000LL

static long long rt_now(void)
{
	struct timespec t;

	CHECK(clock_gettime(CLOCK_REALTIME, &t) == 0);
	return t.tv_sec * SEC + t.tv_nsec;
}

static void rt_set(long long ns)
{
	struct timespec t = { ns / SEC, ns % SEC };

	CHECK(clock_settime(CLOCK_REALTIME, &t) == 0);
}

static void arm(int fd, int flags, long long value_ns)
{
	struct itimerspec its = { .it_value = { value_ns / SEC, value_ns % SEC } };

	CHECK(timerfd_settime(fd, flags, &its, NULL) == 0);
}

static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	CHECK(poll(&p, 1, ms) >= 0);
	return p.revents == POLLIN;
}

int main(void)
{
	int abs = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int cancel = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int rel = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
	int mono = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	long long start = rt_now(), mono0 = utest_now_ns();
	struct itimerspec cur;
	uint64_t v;

	CHECK(abs >= 0 && cancel >= 0 && rel >= 0 && mono >= 0);
	arm(abs, TFD_TIMER_ABSTIME, start + 50 * SEC);
	arm(cancel, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, start + 500 * SEC);
	arm(rel, 0, 50 * SEC);
	arm(mono, 0, 50 * SEC);
	CHECK(!readable(abs, 0) && !readable(cancel, 0));

	/* 100 s forward: the absolute timer's deadline has passed */
	rt_set(rt_now() + 100 * SEC);
	CHECK(readable(abs, 2000));
	CHECK(read(abs, &v, sizeof(v)) == sizeof(v) && v == 1);
	CHECK(readable(cancel, 0));
	CHECK_ERRNO(read(cancel, &v, sizeof(v)), ECANCELED);
	CHECK_ERRNO(read(cancel, &v, sizeof(v)), EAGAIN);	/* reported once */
	CHECK(!readable(cancel, 0));
	/* still armed for its wall time, now about 400 s away */
	CHECK(timerfd_gettime(cancel, &cur) == 0);
	CHECK(cur.it_value.tv_sec >= 390 && cur.it_value.tv_sec <= 400);
	CHECK(!readable(rel, 0) && !readable(mono, 0));
	CHECK(timerfd_gettime(rel, &cur) == 0 && cur.it_value.tv_sec >= 40);

	/* an absolute timer re-armed after the change, then the clock goes back */
	arm(abs, TFD_TIMER_ABSTIME, rt_now() + 30 * SEC);
	rt_set(rt_now() - 100 * SEC);
	CHECK(timerfd_gettime(abs, &cur) == 0 && cur.it_value.tv_sec >= 120);
	CHECK_ERRNO(read(cancel, &v, sizeof(v)), ECANCELED);
	CHECK_ERRNO(read(abs, &v, sizeof(v)), EAGAIN);

	/* put the wall clock back where it would be */
	rt_set(start + (utest_now_ns() - mono0));
	CHECK(close(abs) == 0 && close(cancel) == 0 && close(rel) == 0 && close(mono) == 0);
	return 0;
}
