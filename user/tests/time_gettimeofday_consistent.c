/*
 * gettimeofday(2) reads the same clock as CLOCK_REALTIME: a reading taken
 * between two clock_gettime calls lies between them (to the microsecond),
 * tv_usec is in [0, 1e6), and a NULL timeval is accepted.
 */
#include <sys/syscall.h>
#include <sys/time.h>
#include "utest.h"

static long long us(const struct timespec *t)
{
	return t->tv_sec * 1000000LL + t->tv_nsec / 1000;
}

int main(void)
{
	for (int i = 0; i < 100; i++) {
		struct timespec a, b;
		struct timeval tv;
		long long g;

		CHECK(clock_gettime(CLOCK_REALTIME, &a) == 0);
		/* The system call, then libc's (maybe vDSO) path, alternately. */
		if (i & 1)
			CHECK(syscall(SYS_gettimeofday, &tv, NULL) == 0);
		else
			CHECK(gettimeofday(&tv, NULL) == 0);
		CHECK(clock_gettime(CLOCK_REALTIME, &b) == 0);
		CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
		g = tv.tv_sec * 1000000LL + tv.tv_usec;
		CHECK(g >= us(&a) && g <= us(&b));
	}
	CHECK(syscall(SYS_gettimeofday, NULL, NULL) == 0);
	return 0;
}
