/*
 * FUTEX_WAIT with a timeout is woken by FUTEX_WAKE at once, not at its
 * timeout.  Two threads hand a token back and forth many times, each
 * waiting with a 10 s timeout; no round may take anywhere near that.  A
 * kernel that set the waiter's state again after checking for the
 * wake-up (before arming the timer) lost wake-ups that landed in
 * between, and the waiter slept to its timeout: that only shows when the
 * waker runs on another CPU.
 */
#include <pthread.h>
#include <sys/syscall.h>
#include "utest.h"

#define FUTEX_WAIT_PRIVATE 128	/* FUTEX_WAIT | FUTEX_PRIVATE_FLAG */
#define FUTEX_WAKE_PRIVATE 129
#define ROUNDS 3000
#define WAIT_S 10

static int turn;	/* 0: main's move, 1: the helper's */
static long long slowest_ns;

static void pass_to(int who)
{
	__atomic_store_n(&turn, who, __ATOMIC_SEQ_CST);
	CHECK(syscall(SYS_futex, &turn, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) >= 0);
}

/* Wait (timed) until it is our move; fail if the timeout ever ran out. */
static void wait_for(int me)
{
	long long t0 = utest_now_ns(), t;
	int v;

	while ((v = __atomic_load_n(&turn, __ATOMIC_SEQ_CST)) != me) {
		struct timespec to = { WAIT_S, 0 };
		long r = syscall(SYS_futex, &turn, FUTEX_WAIT_PRIVATE, v, &to, NULL, 0);

		CHECK(r == 0 || errno == EAGAIN || errno == EINTR);
	}
	t = utest_now_ns() - t0;
	if (t > __atomic_load_n(&slowest_ns, __ATOMIC_RELAXED))
		__atomic_store_n(&slowest_ns, t, __ATOMIC_RELAXED);
}

static void *helper(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		wait_for(1);
		pass_to(0);
	}
	return NULL;
}

int main(void)
{
	pthread_t th;

	CHECK(pthread_create(&th, NULL, helper, NULL) == 0);
	for (int i = 0; i < ROUNDS; i++) {
		pass_to(1);
		wait_for(0);
	}
	CHECK(pthread_join(th, NULL) == 0);
	if (slowest_ns >= 2000000000LL)
		fprintf(stderr, "slowest hand-over: %lld ms\n", slowest_ns / 1000000);
	CHECK(slowest_ns < 2000000000LL);	/* a lost wake-up costs 10 s */
	return 0;
}
