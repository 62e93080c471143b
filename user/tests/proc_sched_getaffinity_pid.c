/*
 * sched_getaffinity names a task: itself by 0 or by pid, another process
 * (a zombie too), and ESRCH for a pid nobody has (negative ones
 * included); a length that is not a whole number of longs is EINVAL
 * before the pid is looked at.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/syscall.h>
#include "utest.h"

static long raw_getaffinity(int pid, unsigned int len, void *mask)
{
	return syscall(SYS_sched_getaffinity, pid, len, mask);
}

int main(void)
{
	cpu_set_t self, other;
	unsigned long words[16];
	pid_t child;

	CHECK(sched_getaffinity(0, sizeof(self), &self) == 0 && CPU_COUNT(&self) >= 1);
	CHECK(sched_getaffinity(getpid(), sizeof(other), &other) == 0 && CPU_EQUAL(&self, &other));
	CHECK_ERRNO(sched_getaffinity(999999, sizeof(other), &other), ESRCH);
	CHECK_ERRNO(sched_getaffinity(-5, sizeof(other), &other), ESRCH);
	CHECK_ERRNO(raw_getaffinity(999999, 4, words), EINVAL);	/* length first */
	CHECK(raw_getaffinity(0, sizeof(words), words) == sizeof(long));
	child = utest_fork();
	if (child == 0)
		_exit(0);
	utest_sleep_ms(50);		/* a zombie now, most likely: still there */
	CHECK(sched_getaffinity(child, sizeof(other), &other) == 0 && CPU_EQUAL(&self, &other));
	CHECK_CHILD_OK(child);
	CHECK_ERRNO(sched_getaffinity(child, sizeof(other), &other), ESRCH);	/* reaped */
	return 0;
}
