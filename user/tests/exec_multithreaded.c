/*
 * execve(2) from a thread of a multithreaded process: the other threads
 * (sleeping in a futex, spinning, and the main thread blocked in join) are
 * ended, the new program runs as a single thread whose tid is the old pid
 * (Linux hands the exec'ing thread the leader's identity), and the pid and
 * parent are unchanged.  tgkill(pid, old_tid, 0) on the vanished threads
 * fails with ESRCH.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include "utest.h"

#define THREADS 3

static const char *self;
static volatile pid_t tids[THREADS];
static volatile int started;
static char pidbuf[16], tidbuf[THREADS][16], ppidbuf[16];

static void *sleeper(void *arg)
{
	long i = (long)arg;

	tids[i] = (pid_t)syscall(SYS_gettid);
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	if (i == 0) {
		for (;;)
			pause();
	}
	if (i == 1) {
		for (;;)
			;	/* spinning: also ended */
	}
	/* The last one execs once everybody is up. */
	while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < THREADS)
		sched_yield();
	snprintf(pidbuf, sizeof(pidbuf), "%d", getpid());
	snprintf(ppidbuf, sizeof(ppidbuf), "%d", getppid());
	for (int t = 0; t < THREADS; t++)
		snprintf(tidbuf[t], sizeof(tidbuf[t]), "%d", tids[t]);
	{
		char *args[] = { "exec_multithreaded", "after", pidbuf, ppidbuf,
				 tidbuf[0], tidbuf[1], tidbuf[2], NULL };

		execv(self, args);
	}
	perror("execv");
	exit(127);
}

static int after_exec(char **argv)
{
	pid_t pid = atoi(argv[2]);

	CHECK(getpid() == pid);
	CHECK(getppid() == atoi(argv[3]));
	CHECK(syscall(SYS_gettid) == pid);
	for (int t = 0; t < THREADS; t++) {
		pid_t tid = atoi(argv[4 + t]);

		CHECK(tid != pid);
		CHECK_ERRNO(syscall(SYS_tgkill, pid, tid, 0), ESRCH);
	}
	CHECK(syscall(SYS_tgkill, pid, pid, 0) == 0);
	return 0;
}

int main(int argc, char **argv)
{
	pthread_t th[THREADS];

	if (argc == 7 && strcmp(argv[1], "after") == 0)
		return after_exec(argv);
	self = utest_self(argv[0]);
	for (long i = 0; i < THREADS; i++)
		CHECK(pthread_create(&th[i], NULL, sleeper, (void *)i) == 0);
	pthread_join(th[0], NULL);	/* never returns: execve ends us */
	CHECK(!"the main thread survived execve");
	return 1;
}
