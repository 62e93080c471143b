/*
 * clock_nanosleep(TIMER_ABSTIME) on CLOCK_MONOTONIC and CLOCK_REALTIME
 * sleeps until the clock reaches the target (never returns before it); a
 * target in the past returns 0 at once; a relative sleep works too; bad
 * arguments return (not set in errno) EINVAL.
 */
#include "utest.h"

static void abs_sleep(clockid_t clk, long ms)
{
	struct timespec target, now;

	CHECK(clock_gettime(clk, &target) == 0);
	target.tv_nsec += ms * 1000000L;
	if (target.tv_nsec >= 1000000000L) {
		target.tv_sec++;
		target.tv_nsec -= 1000000000L;
	}
	CHECK(clock_nanosleep(clk, TIMER_ABSTIME, &target, NULL) == 0);
	CHECK(clock_gettime(clk, &now) == 0);
	CHECK(now.tv_sec > target.tv_sec ||
	      (now.tv_sec == target.tv_sec && now.tv_nsec >= target.tv_nsec));
}

int main(void)
{
	struct timespec past = { 1, 0 }, rel = { 0, 30000000 }, bad = { 0, 1000000000 };
	long long t0;

	abs_sleep(CLOCK_MONOTONIC, 50);
	abs_sleep(CLOCK_MONOTONIC, 999);
	abs_sleep(CLOCK_REALTIME, 50);

	t0 = utest_now_ns();
	CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL) == 0);
	CHECK(utest_now_ns() - t0 < 1000000000LL);
	t0 = utest_now_ns();
	CHECK(clock_nanosleep(CLOCK_MONOTONIC, 0, &rel, NULL) == 0);
	CHECK(utest_now_ns() - t0 >= 30000000LL);

	CHECK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &bad, NULL) == EINVAL);
	CHECK(clock_nanosleep(1000, 0, &rel, NULL) == EINVAL);
	return 0;
}
