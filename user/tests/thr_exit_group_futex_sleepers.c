/*
 * exit_group from one thread ends the whole process while the other
 * threads sleep in FUTEX_WAIT without a timeout (and the main thread
 * sleeps in one too): the parent's waitpid returns promptly with the exit
 * code of the thread that called _exit.  exit(2) of a single thread, on
 * the contrary, leaves the others running.
 */
#include <pthread.h>
#include <sys/syscall.h>
#include "utest.h"

#define FUTEX_WAIT 0

static int never;	/* nobody ever wakes this */
static volatile int asleep;

static void *sleeper(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&asleep, 1, __ATOMIC_SEQ_CST);
	for (;;)
		syscall(SYS_futex, &never, FUTEX_WAIT, 0, NULL, NULL, 0);
	return NULL;
}

static void *exiter(void *arg)
{
	(void)arg;
	while (__atomic_load_n(&asleep, __ATOMIC_SEQ_CST) < 3)
		sched_yield();
	utest_sleep_ms(20);	/* let them reach FUTEX_WAIT */
	_exit(42);		/* exit_group */
	return NULL;
}

static void *thread_exit_only(void *arg)
{
	(void)arg;
	syscall(SYS_exit, 0);	/* this thread only */
	return NULL;
}

int main(void)
{
	pthread_t th;
	pid_t child;
	int status;

	child = utest_fork();
	if (child == 0) {
		for (int i = 0; i < 3; i++)
			CHECK(pthread_create(&th, NULL, sleeper, NULL) == 0);
		CHECK(pthread_create(&th, NULL, exiter, NULL) == 0);
		for (;;)
			syscall(SYS_futex, &never, FUTEX_WAIT, 0, NULL, NULL, 0);
	}
	status = utest_wait(child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);

	/* SYS_exit in one thread: the process carries on. */
	child = utest_fork();
	if (child == 0) {
		CHECK(pthread_create(&th, NULL, thread_exit_only, NULL) == 0);
		utest_sleep_ms(50);
		_exit(7);
	}
	status = utest_wait(child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	return 0;
}
