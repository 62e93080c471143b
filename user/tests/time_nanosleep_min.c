/*
 * nanosleep(2) sleeps at least the requested time by CLOCK_MONOTONIC
 * (1 ms, 50 ms, 250 ms; an upper sanity bound of 5 s), and a zero request
 * returns at once with success.
 */
#include "utest.h"

int main(void)
{
	static const long ms[] = { 1, 50, 250 };
	struct timespec zero = { 0, 0 };

	for (unsigned i = 0; i < sizeof(ms) / sizeof(ms[0]); i++) {
		struct timespec req = { 0, ms[i] * 1000000L };
		long long t0 = utest_now_ns(), dt;

		CHECK(nanosleep(&req, NULL) == 0);
		dt = utest_now_ns() - t0;
		CHECK(dt >= ms[i] * 1000000LL);
		CHECK(dt < 5000000000LL);
	}
	CHECK(nanosleep(&zero, NULL) == 0);
	return 0;
}
