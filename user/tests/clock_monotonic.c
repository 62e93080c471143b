/*
 * CLOCK_MONOTONIC never goes backwards, keeps tv_nsec in [0, 1e9), and
 * moves forward by at least the time we slept.
 */
#include <time.h>
#include "utest.h"

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void)
{
	struct timespec prev, now;
	struct timespec nap = { .tv_sec = 0, .tv_nsec = 2000000 };

	CHECK(clock_gettime(CLOCK_MONOTONIC, &prev) == 0);
	for (int i = 0; i < 10000; i++) {
		CHECK(clock_gettime(CLOCK_MONOTONIC, &now) == 0);
		CHECK(now.tv_nsec >= 0 && now.tv_nsec < 1000000000);
		CHECK(ns(&now) >= ns(&prev));
		prev = now;
	}
	CHECK(nanosleep(&nap, NULL) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &now) == 0);
	CHECK(ns(&now) - ns(&prev) >= ns(&nap));
	return 0;
}
