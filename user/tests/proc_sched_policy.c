/*
 * The scheduling-policy queries: every task runs under SCHED_OTHER with
 * static priority 0; the priority range is 1-99 for SCHED_FIFO/RR and 0
 * for the others; a negative pid or NULL parameter is EINVAL, an unknown
 * pid ESRCH, a bad policy EINVAL (the system calls themselves).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/syscall.h>
#include "utest.h"

int main(void)
{
	int param = -1;
	pid_t child;

	CHECK(syscall(SYS_sched_getscheduler, 0) == SCHED_OTHER);
	CHECK(syscall(SYS_sched_getscheduler, getpid()) == SCHED_OTHER);
	CHECK(syscall(SYS_sched_getscheduler, -1) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_sched_getparam, 0, &param) == 0 && param == 0);
	CHECK(syscall(SYS_sched_getparam, 0, NULL) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_sched_getparam, -5, &param) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_sched_getparam, 0, (void *)8) == -1 && errno == EFAULT);
	child = utest_fork();
	if (child == 0) {
		CHECK(syscall(SYS_sched_getscheduler, getppid()) == SCHED_OTHER);
		_exit(0);
	}
	CHECK_CHILD_OK(child);
	CHECK(syscall(SYS_sched_getscheduler, child) == -1 && errno == ESRCH);
	CHECK(syscall(SYS_sched_getparam, child, &param) == -1 && errno == ESRCH);

	CHECK(sched_get_priority_max(SCHED_FIFO) == 99 && sched_get_priority_min(SCHED_FIFO) == 1);
	CHECK(sched_get_priority_max(SCHED_RR) == 99 && sched_get_priority_min(SCHED_RR) == 1);
	CHECK(sched_get_priority_max(SCHED_OTHER) == 0 && sched_get_priority_min(SCHED_OTHER) == 0);
	CHECK(sched_get_priority_max(SCHED_BATCH) == 0 && sched_get_priority_min(SCHED_IDLE) == 0);
	CHECK(sched_get_priority_max(4) == -1 && errno == EINVAL);
	CHECK(sched_get_priority_min(-1) == -1 && errno == EINVAL);
	return 0;
}
