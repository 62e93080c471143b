/*
 * FUTEX_WAKE wakes at most the requested number of waiters and returns how
 * many it woke.  Three threads block in FUTEX_WAIT on word A; FUTEX_CMP_REQUEUE
 * (wake 0, requeue all) reports each waiter as it moves them to word B, so
 * we know all three are asleep; then FUTEX_WAKE(B, 2) returns 2, another
 * FUTEX_WAKE(B, 5) returns the last 1, and a third returns 0.  A
 * CMP_REQUEUE whose expected value is stale fails with EAGAIN.
 */
#include <pthread.h>
#include <sys/syscall.h>
#include "utest.h"

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_CMP_REQUEUE	4

static int word_a, word_b;
static volatile int woken;

static long futex(int *uaddr, int op, int val, long val2, int *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
}

static void *waiter(void *arg)
{
	(void)arg;
	/* Only a wake ends this: word_a stays 0 throughout. */
	while (futex(&word_a, FUTEX_WAIT, 0, 0, NULL, 0) != 0)
		CHECK(errno == EINTR);
	__atomic_add_fetch(&woken, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

int main(void)
{
	pthread_t th[3];
	long moved = 0;

	for (int i = 0; i < 3; i++)
		CHECK(pthread_create(&th[i], NULL, waiter, NULL) == 0);
	CHECK_ERRNO(futex(&word_a, FUTEX_CMP_REQUEUE, 0, 100, &word_b, 1), EAGAIN);
	for (int i = 0; moved < 3; i++) {
		long n = futex(&word_a, FUTEX_CMP_REQUEUE, 0, 100, &word_b, 0);

		CHECK(n >= 0);
		moved += n;
		CHECK(i < 10000);
		if (moved < 3)
			utest_sleep_ms(1);
	}
	CHECK(moved == 3);
	CHECK(woken == 0);
	CHECK(futex(&word_b, FUTEX_WAKE, 2, 0, NULL, 0) == 2);
	CHECK(futex(&word_b, FUTEX_WAKE, 5, 0, NULL, 0) == 1);
	CHECK(futex(&word_b, FUTEX_WAKE, 5, 0, NULL, 0) == 0);
	CHECK(futex(&word_a, FUTEX_WAKE, 5, 0, NULL, 0) == 0);
	for (int i = 0; i < 3; i++)
		CHECK(pthread_join(th[i], NULL) == 0);
	CHECK(woken == 3);
	return 0;
}
