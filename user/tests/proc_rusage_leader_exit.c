/*
 * CPU time of a process whose main thread ends first (SYS_exit) while
 * another thread goes on: the leader's time still counts for the process
 * (getrusage RUSAGE_SELF, CLOCK_PROCESS_CPUTIME_ID), for the parent
 * (wait4's rusage, RUSAGE_CHILDREN), and RUSAGE_THREAD is the calling
 * thread's own share.  wait4's rusage is the reaped child's, as on Linux,
 * with page faults and voluntary switches counted too.
 */
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "utest.h"

#define SPIN_MS 150
#define AT_LEAST_MS (2 * SPIN_MS * 8 / 10)	/* both spins, with slack for sampling */

static long long cpu_ms(clockid_t clk)
{
	struct timespec t;

	CHECK(clock_gettime(clk, &t) == 0);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static long long ru_ms(const struct rusage *ru)
{
	return (ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000LL +
	       (ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1000;
}

static void spin(void)
{
	long long start = cpu_ms(CLOCK_THREAD_CPUTIME_ID);

	while (cpu_ms(CLOCK_THREAD_CPUTIME_ID) - start < SPIN_MS)
		;
}

static void *survivor(void *arg)
{
	struct rusage self, thread;

	(void)arg;
	utest_sleep_ms(50);		/* the leader has exited by now */
	spin();
	CHECK(getrusage(RUSAGE_SELF, &self) == 0);
	CHECK(getrusage(RUSAGE_THREAD, &thread) == 0);
	if (ru_ms(&self) < AT_LEAST_MS || ru_ms(&thread) >= ru_ms(&self))
		fprintf(stderr, "self %lld ms, thread %lld ms\n", ru_ms(&self), ru_ms(&thread));
	CHECK(ru_ms(&self) >= AT_LEAST_MS);
	CHECK(ru_ms(&thread) >= SPIN_MS * 8 / 10 && ru_ms(&thread) < ru_ms(&self));
	CHECK(cpu_ms(CLOCK_PROCESS_CPUTIME_ID) >= AT_LEAST_MS);
	CHECK(thread.ru_nvcsw >= 1);	/* it slept */
	exit(0);
}

static void child(void)
{
	pthread_t th;

	spin();
	CHECK(pthread_create(&th, NULL, survivor, NULL) == 0);
	syscall(SYS_exit, 0);		/* only this thread */
}

int main(void)
{
	struct rusage ru, children;
	int status;
	pid_t pid = utest_fork();

	if (pid == 0)
		child();
	CHECK(wait4(pid, &status, 0, &ru) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(getrusage(RUSAGE_CHILDREN, &children) == 0);
	if (ru_ms(&ru) < AT_LEAST_MS || ru_ms(&children) < AT_LEAST_MS)
		fprintf(stderr, "wait4 %lld ms, children %lld ms\n", ru_ms(&ru), ru_ms(&children));
	CHECK(ru_ms(&ru) >= AT_LEAST_MS);
	CHECK(ru_ms(&children) >= AT_LEAST_MS);
	CHECK(ru.ru_minflt > 0 && ru.ru_nvcsw >= 1);
	CHECK(children.ru_minflt >= ru.ru_minflt && children.ru_nvcsw >= ru.ru_nvcsw);
	return 0;
}
