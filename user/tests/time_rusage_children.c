/*
 * A waited-for child's CPU time is added to the parent's
 * getrusage(RUSAGE_CHILDREN) and times() tms_cutime, and only once it has
 * been reaped: a child that burns about 300 ms of user time shows up
 * after waitpid, and not before.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/times.h>
#include "utest.h"

static volatile unsigned long sink;
static volatile int exited;

static void on_chld(int sig)
{
	(void)sig;
	exited = 1;
}

int main(void)
{
	struct rusage ru;
	struct tms tm;
	sigset_t chld, old;
	pid_t child;
	int status;

	CHECK(signal(SIGCHLD, on_chld) != SIG_ERR);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	CHECK(sigprocmask(SIG_BLOCK, &chld, &old) == 0);
	CHECK(getrusage(RUSAGE_CHILDREN, &ru) == 0);
	CHECK(ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0);
	child = utest_fork();
	if (child == 0) {
		long long t0 = utest_now_ns();

		do {
			for (unsigned long i = 0; i < 1000000; i++)
				sink += i * i;
		} while (utest_now_ns() - t0 < 300000000LL);
		_exit(0);
	}
	/* Exited (SIGCHLD came) but not reaped: not counted yet. */
	while (!exited)
		sigsuspend(&old);
	CHECK(getrusage(RUSAGE_CHILDREN, &ru) == 0);
	CHECK(ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0);
	status = utest_wait(child);
	CHECK(WIFEXITED(status));
	CHECK(getrusage(RUSAGE_CHILDREN, &ru) == 0);
	CHECK(ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec > 0);
	CHECK(times(&tm) != (clock_t)-1);
	CHECK(tm.tms_cutime > 0);
	return 0;
}
