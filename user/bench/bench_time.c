/*
 * Reading the clock: clock_gettime(CLOCK_MONOTONIC) through libc (musl
 * calls the vDSO when the kernel offers one) and through syscall(2),
 * which always enters the kernel.  The ratio is what the vDSO saves.
 * Every reading must be at least the one before it.
 */
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define CLOCK_READS	100000

static uint64_t ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

/* n readings through libc (vdso) or syscall(2); each checked against the last. */
static void read_clock(long n, int through_syscall)
{
	struct timespec ts;
	uint64_t prev = 0, now;

	for (long i = 0; i < n; i++) {
		if (through_syscall)
			must(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts), "clock_gettime");
		else
			must(clock_gettime(CLOCK_MONOTONIC, &ts), "clock_gettime");
		now = ts_ns(&ts);
		expect(now >= prev, "the clock went back at reading %ld", i);
		prev = now;
	}
}

void bench_clock_gettime(void)
{
	uint64_t t0, t1;

	t0 = bench_now();
	read_clock(CLOCK_READS, 0);
	t1 = bench_now();
	bench_time("clock_gettime_libc", bench_per_op(t0, t1, CLOCK_READS, 1), "ns");
	t0 = bench_now();
	read_clock(CLOCK_READS, 1);
	t1 = bench_now();
	bench_time("clock_gettime_syscall", bench_per_op(t0, t1, CLOCK_READS, 1), "ns");
}
