/*
 * CLOCK_MONOTONIC is one clock for the whole machine: a reading sent
 * through a pipe to another process is never later than the receiver's
 * own reading taken after the read.  Parent and child play ping-pong,
 * each checking the other's time stamps, so on a multiprocessor the two
 * usually run on different CPUs and a per-CPU clock offset (TSC skew)
 * shows as time going backwards.  Both the vDSO and the system call are
 * checked, and CLOCK_BOOTTIME too.
 */
#include <sys/syscall.h>
#include "utest.h"

#define ROUNDS 2000

static long long now_ns(clockid_t clk, int round)
{
	struct timespec t;

	if (round & 1)
		CHECK(syscall(SYS_clock_gettime, clk, &t) == 0);
	else
		CHECK(clock_gettime(clk, &t) == 0);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Receive the peer's stamp, check causality, answer with ours. */
static void play(int in, int out, int first_move)
{
	long long stamp[2];

	for (int i = 0; i < ROUNDS; i++) {
		if (i > 0 || !first_move) {
			CHECK(read(in, stamp, sizeof(stamp)) == sizeof(stamp));
			long long mono = now_ns(CLOCK_MONOTONIC, i), boot = now_ns(CLOCK_BOOTTIME, i);

			if (mono < stamp[0] || boot < stamp[1])
				fprintf(stderr, "round %d: peer's stamp %lld/%lld, ours %lld/%lld\n",
					i, stamp[0], stamp[1], mono, boot);
			CHECK(mono >= stamp[0]);
			CHECK(boot >= stamp[1]);
		}
		stamp[0] = now_ns(CLOCK_MONOTONIC, i);
		stamp[1] = now_ns(CLOCK_BOOTTIME, i);
		CHECK(write(out, stamp, sizeof(stamp)) == sizeof(stamp));
	}
}

int main(void)
{
	int to_child[2], to_parent[2];
	pid_t child;

	CHECK(pipe(to_child) == 0 && pipe(to_parent) == 0);
	child = utest_fork();
	if (child == 0) {
		play(to_child[0], to_parent[1], 0);
		_exit(0);
	}
	play(to_parent[0], to_child[1], 1);
	CHECK_CHILD_OK(child);
	return 0;
}
