/*
 * timerfd_create(2): argument checks, a one-shot relative timer, a
 * periodic one whose read returns how many periods passed, absolute
 * times on CLOCK_MONOTONIC and CLOCK_REALTIME (a start in the past counts
 * its missed periods), timerfd_gettime and the old value of settime,
 * EAGAIN when non-blocking, disarming, and epoll on a timerfd.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include "utest.h"

#define MS 1000000LL

static struct itimerspec spec(long long value_ns, long long interval_ns)
{
	struct itimerspec its = {
		.it_value = { value_ns / 1000000000LL, value_ns % 1000000000LL },
		.it_interval = { interval_ns / 1000000000LL, interval_ns % 1000000000LL },
	};

	return its;
}

static long long ts_ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static uint64_t rd(int fd)
{
	uint64_t v = 0;

	CHECK(read(fd, &v, sizeof(v)) == sizeof(v));
	return v;
}

static void checks(void)
{
	struct itimerspec its = spec(MS, 0);
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), p[2];

	CHECK(fd >= 0 && pipe(p) == 0);
	CHECK_ERRNO(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0), EINVAL);
	CHECK_ERRNO(timerfd_create(CLOCK_MONOTONIC, 0x10), EINVAL);
	CHECK_ERRNO(timerfd_settime(fd, 0x100, &its, NULL), EINVAL);
	its.it_value.tv_nsec = 1000000000;
	CHECK_ERRNO(timerfd_settime(fd, 0, &its, NULL), EINVAL);
	its = spec(MS, 0);
	CHECK_ERRNO(timerfd_settime(p[0], 0, &its, NULL), EINVAL);
	CHECK_ERRNO(timerfd_settime(999, 0, &its, NULL), EBADF);
	CHECK_ERRNO(timerfd_gettime(p[0], &its), EINVAL);
	CHECK_ERRNO(timerfd_settime(fd, 0, NULL, NULL), EFAULT);
	{
		char small[4];

		CHECK_ERRNO(read(fd, small, sizeof(small)), EINVAL);
	}
	CHECK(close(fd) == 0 && close(p[0]) == 0 && close(p[1]) == 0);
}

static void one_shot(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	struct itimerspec its = spec(40 * MS, 0), cur;
	long long t0;
	uint64_t v;

	CHECK(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK(timerfd_gettime(fd, &cur) == 0 && ts_ns(&cur.it_value) == 0);
	t0 = utest_now_ns();
	CHECK(timerfd_settime(fd, 0, &its, NULL) == 0);
	CHECK_ERRNO(read(fd, &v, sizeof(v)), EAGAIN);
	CHECK(timerfd_gettime(fd, &cur) == 0);
	CHECK(ts_ns(&cur.it_value) > 0 && ts_ns(&cur.it_value) <= 40 * MS);
	CHECK(ts_ns(&cur.it_interval) == 0);
	CHECK(fcntl(fd, F_SETFL, 0) == 0);		/* now block */
	CHECK(rd(fd) == 1);
	CHECK(utest_now_ns() - t0 >= 40 * MS);
	CHECK(timerfd_gettime(fd, &cur) == 0 && ts_ns(&cur.it_value) == 0);
	/* re-arm, then disarm: the old value comes back, nothing expires */
	its = spec(10000 * MS, 0);
	CHECK(timerfd_settime(fd, 0, &its, NULL) == 0);
	its = spec(0, 0);
	CHECK(timerfd_settime(fd, 0, &its, &cur) == 0);
	CHECK(ts_ns(&cur.it_value) > 9000 * MS && ts_ns(&cur.it_value) <= 10000 * MS);
	CHECK(fcntl(fd, F_SETFL, O_NONBLOCK) == 0);
	CHECK_ERRNO(read(fd, &v, sizeof(v)), EAGAIN);
	CHECK(close(fd) == 0);
}

static void periodic(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec its = spec(20 * MS, 20 * MS), cur;
	long long before, after, t1;
	uint64_t n;

	CHECK(fd >= 0);
	before = utest_now_ns();
	CHECK(timerfd_settime(fd, 0, &its, NULL) == 0);
	after = utest_now_ns();
	utest_sleep_ms(110);
	t1 = utest_now_ns();
	n = rd(fd);
	/*
	 * Between the periods surely over when the read began and those
	 * possibly over when it ended (less one: Linux's timer slack may
	 * leave a just-passed expiration uncounted for some microseconds).
	 */
	CHECK(n + 1 >= (uint64_t)((t1 - after) / (20 * MS)));
	CHECK(n <= (uint64_t)((utest_now_ns() - before) / (20 * MS)));
	CHECK(n >= 4);
	CHECK(timerfd_gettime(fd, &cur) == 0);
	CHECK(ts_ns(&cur.it_interval) == 20 * MS);
	CHECK(ts_ns(&cur.it_value) > 0 && ts_ns(&cur.it_value) <= 20 * MS);
	/* the next read blocks for the next period only */
	CHECK(rd(fd) >= 1);
	CHECK(close(fd) == 0);
}

static void absolute(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0), rfd = timerfd_create(CLOCK_REALTIME, 0);
	struct itimerspec its;
	struct timespec now;
	long long t0;

	CHECK(fd >= 0 && rfd >= 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &now) == 0);
	t0 = ts_ns(&now);
	its = spec(t0 + 30 * MS, 0);
	CHECK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL) == 0);
	CHECK(rd(fd) == 1);
	CHECK(utest_now_ns() >= t0 + 30 * MS);
	/* a start 10.05 periods ago: 11 expirations are already due */
	CHECK(clock_gettime(CLOCK_MONOTONIC, &now) == 0);
	if (ts_ns(&now) < 1100 * MS) {		/* keep the start after boot */
		utest_sleep_ms(1100);
		CHECK(clock_gettime(CLOCK_MONOTONIC, &now) == 0);
	}
	its = spec(ts_ns(&now) - 1005 * MS, 100 * MS);
	CHECK(timerfd_settime(fd, TFD_TIMER_ABSTIME, &its, NULL) == 0);
	CHECK(rd(fd) == 11);
	/* CLOCK_REALTIME, absolute */
	CHECK(clock_gettime(CLOCK_REALTIME, &now) == 0);
	t0 = utest_now_ns();
	its = spec(ts_ns(&now) + 30 * MS, 0);
	CHECK(timerfd_settime(rfd, TFD_TIMER_ABSTIME, &its, NULL) == 0);
	CHECK(rd(rfd) == 1);
	CHECK(utest_now_ns() - t0 >= 25 * MS);
	CHECK(clock_gettime(CLOCK_REALTIME, &now) == 0 && ts_ns(&now) >= ts_ns(&its.it_value));
	CHECK(close(fd) == 0 && close(rfd) == 0);
}

static void with_epoll(void)
{
	int fd = timerfd_create(CLOCK_BOOTTIME, TFD_NONBLOCK), ep = epoll_create1(0);
	struct itimerspec its = spec(20 * MS, 0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 5 }, out[1];

	CHECK(fd >= 0 && ep >= 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
	CHECK(epoll_wait(ep, out, 1, 0) == 0);
	CHECK(timerfd_settime(fd, 0, &its, NULL) == 0);
	CHECK(epoll_wait(ep, out, 1, 5000) == 1 && out[0].data.u64 == 5);
	CHECK(out[0].events == EPOLLIN);
	CHECK(rd(fd) == 1);
	CHECK(epoll_wait(ep, out, 1, 0) == 0);
	CHECK(close(fd) == 0 && close(ep) == 0);
}

int main(void)
{
	checks();
	one_shot();
	periodic();
	absolute();
	with_epoll();
	return 0;
}
