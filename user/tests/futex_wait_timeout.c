/*
 * FUTEX_WAIT with a relative timeout and nobody waking it fails with
 * ETIMEDOUT after at least that long; FUTEX_WAIT_BITSET takes an absolute
 * CLOCK_MONOTONIC time (or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME); a
 * bitset of 0 is EINVAL, a negative or oversized timeout EINVAL.
 */
#include <sys/syscall.h>
#include "utest.h"

#define FUTEX_WAIT		0
#define FUTEX_WAIT_BITSET	9
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256

static int word;

static long futex6(int op, int val, const struct timespec *t, unsigned bitset)
{
	return syscall(SYS_futex, &word, op, val, t, NULL, bitset);
}

static struct timespec in_ms(clockid_t clk, long ms)
{
	struct timespec t;

	CHECK(clock_gettime(clk, &t) == 0);
	t.tv_nsec += ms * 1000000L;
	t.tv_sec += t.tv_nsec / 1000000000L;
	t.tv_nsec %= 1000000000L;
	return t;
}

int main(void)
{
	struct timespec rel = { 0, 50000000 }, abs, bad = { 0, 1000000000 };
	long long t0;

	t0 = utest_now_ns();
	CHECK_ERRNO(futex6(FUTEX_WAIT, 0, &rel, 0), ETIMEDOUT);
	CHECK(utest_now_ns() - t0 >= 50000000LL);

	t0 = utest_now_ns();
	CHECK_ERRNO(futex6(FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &rel, 0), ETIMEDOUT);
	CHECK(utest_now_ns() - t0 >= 50000000LL);

	abs = in_ms(CLOCK_MONOTONIC, 50);
	CHECK_ERRNO(futex6(FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, &abs, ~0u), ETIMEDOUT);
	{
		struct timespec now;

		CHECK(clock_gettime(CLOCK_MONOTONIC, &now) == 0);
		CHECK(now.tv_sec > abs.tv_sec ||
		      (now.tv_sec == abs.tv_sec && now.tv_nsec >= abs.tv_nsec));
	}
	abs = in_ms(CLOCK_REALTIME, 30);
	CHECK_ERRNO(futex6(FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &abs, ~0u), ETIMEDOUT);

	CHECK_ERRNO(futex6(FUTEX_WAIT_BITSET, 0, &abs, 0), EINVAL);
	CHECK_ERRNO(futex6(FUTEX_WAIT, 0, &bad, 0), EINVAL);
	bad.tv_sec = -1;
	bad.tv_nsec = 0;
	CHECK_ERRNO(futex6(FUTEX_WAIT, 0, &bad, 0), EINVAL);
	return 0;
}
