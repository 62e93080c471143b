/*
 * CLOCK_REALTIME holds a plausible wall-clock date (after 2020-01-01 and
 * before 2100), time(2) agrees with it, and it advances with the
 * monotonic clock across a sleep.
 */
#include <sys/syscall.h>
#include "utest.h"

#define Y2020 1577836800LL
#define Y2100 4102444800LL

int main(void)
{
	struct timespec r0, r1;
	long long m0, m1;
	time_t t;

	CHECK(clock_gettime(CLOCK_REALTIME, &r0) == 0);
	CHECK(r0.tv_sec > Y2020 && r0.tv_sec < Y2100);
	CHECK(r0.tv_nsec >= 0 && r0.tv_nsec < 1000000000);
	/*
	 * Linux's time() reads the coarse clock, updated once a tick: just
	 * after a second boundary it may still say the second before.
	 */
	t = time(NULL);
	CHECK(t >= r0.tv_sec - 1 && t <= r0.tv_sec + 2);
	t = (time_t)syscall(SYS_time, NULL);
	CHECK(t >= r0.tv_sec - 1 && t <= r0.tv_sec + 2);

	m0 = utest_now_ns();
	CHECK(clock_gettime(CLOCK_REALTIME, &r0) == 0);
	utest_sleep_ms(100);
	CHECK(clock_gettime(CLOCK_REALTIME, &r1) == 0);
	m1 = utest_now_ns();
	{
		long long dr = (r1.tv_sec - r0.tv_sec) * 1000000000LL + (r1.tv_nsec - r0.tv_nsec);

		CHECK(dr >= 100000000LL);
		CHECK(dr <= m1 - m0 + 10000000LL);	/* nobody set the clock */
	}
	return 0;
}
