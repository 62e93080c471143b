/*
 * Four threads share a counter under a pthread mutex (no increment is
 * lost), then pass a token round-robin with a condition variable: each
 * thread waits for its turn, so the turns come out in order.  Both rest on
 * FUTEX_WAIT/FUTEX_WAKE; with one CPU, contention comes from preemption.
 */
#include <pthread.h>
#include "utest.h"

#define THREADS 4
#define INCREMENTS 20000
#define ROUNDS 50

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static long counter;
static int turn;
static int order[THREADS * ROUNDS], order_len;

static void *worker(void *arg)
{
	int me = (int)(long)arg;

	for (int i = 0; i < INCREMENTS; i++) {
		CHECK(pthread_mutex_lock(&lock) == 0);
		long c = counter;

		if ((i & 255) == 0)
			sched_yield();	/* widen the window for a lost update */
		counter = c + 1;
		CHECK(pthread_mutex_unlock(&lock) == 0);
	}
	for (int r = 0; r < ROUNDS; r++) {
		CHECK(pthread_mutex_lock(&lock) == 0);
		while (turn != me)
			CHECK(pthread_cond_wait(&turn_changed, &lock) == 0);
		order[order_len++] = me;
		turn = (turn + 1) % THREADS;
		CHECK(pthread_cond_broadcast(&turn_changed) == 0);
		CHECK(pthread_mutex_unlock(&lock) == 0);
	}
	return NULL;
}

int main(void)
{
	pthread_t th[THREADS];

	for (long i = 0; i < THREADS; i++)
		CHECK(pthread_create(&th[i], NULL, worker, (void *)i) == 0);
	for (int i = 0; i < THREADS; i++)
		CHECK(pthread_join(th[i], NULL) == 0);
	CHECK(counter == (long)THREADS * INCREMENTS);
	CHECK(order_len == THREADS * ROUNDS);
	for (int i = 0; i < order_len; i++)
		CHECK(order[i] == i % THREADS);
	return 0;
}
