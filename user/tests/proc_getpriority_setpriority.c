/*
 * Bug: getpriority(2) and setpriority(2) were missing (ENOSYS), so
 * busybox renice failed.  Nice values as Linux keeps them: per task,
 * inherited by fork, clamped to -20..19; PRIO_PGRP and PRIO_USER report
 * the lowest nice among their tasks; ESRCH when nothing matches, EINVAL
 * for a bad 'which'.  Without root: raising is allowed, lowering is
 * EACCES (RLIMIT_NICE 0), another user's process EPERM.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/resource.h>
#include "utest.h"

static int nice_of(int which, int who)
{
	errno = 0;
	int v = getpriority(which, who);

	CHECK(errno == 0);
	return v;
}

int main(void)
{
	pid_t child, other;
	int p[2];
	char c;

	CHECK(setpgid(0, 0) == 0);	/* a group of our own for PRIO_PGRP */
	CHECK(nice_of(PRIO_PROCESS, 0) == 0);
	CHECK(setpriority(PRIO_PROCESS, 0, 5) == 0);
	CHECK(nice_of(PRIO_PROCESS, 0) == 5);
	CHECK(nice_of(PRIO_PROCESS, getpid()) == 5);
	CHECK(setpriority(PRIO_PROCESS, 0, 100) == 0);
	CHECK(nice_of(PRIO_PROCESS, 0) == 19);
	CHECK(setpriority(PRIO_PROCESS, 0, -100) == 0);	/* root may go down */
	CHECK(nice_of(PRIO_PROCESS, 0) == -20);
	CHECK(setpriority(PRIO_PROCESS, 0, 3) == 0);
	CHECK_ERRNO(getpriority(7, 0), EINVAL);
	CHECK_ERRNO(setpriority(-1, 0, 0), EINVAL);
	CHECK_ERRNO(getpriority(PRIO_PROCESS, 999999), ESRCH);
	CHECK_ERRNO(setpriority(PRIO_PROCESS, 999999, 1), ESRCH);

	/* A child in our process group inherits 3 and goes to 10. */
	CHECK(pipe(p) == 0);
	child = utest_fork();
	if (child == 0) {
		CHECK(nice_of(PRIO_PROCESS, 0) == 3);
		CHECK(setpriority(PRIO_PROCESS, 0, 10) == 0);
		CHECK(write(p[1], "r", 1) == 1);
		pause();
		_exit(0);
	}
	CHECK(read(p[0], &c, 1) == 1);
	CHECK(nice_of(PRIO_PROCESS, child) == 10);
	CHECK(nice_of(PRIO_PGRP, 0) == 3);	/* the lowest in the group */
	CHECK(nice_of(PRIO_USER, 0) <= 3);	/* every root task */
	CHECK_ERRNO(getpriority(PRIO_PGRP, 999999), ESRCH);
	CHECK(setpriority(PRIO_PGRP, 0, 4) == 0);	/* both of us */
	CHECK(nice_of(PRIO_PROCESS, child) == 4 && nice_of(PRIO_PROCESS, 0) == 4);

	other = utest_fork();
	if (other == 0) {
		CHECK(setgroups(0, NULL) == 0 && setgid(1000) == 0 && setuid(1000) == 0);
		CHECK(nice_of(PRIO_PROCESS, 0) == 4);
		CHECK(setpriority(PRIO_PROCESS, 0, 6) == 0);		/* up is fine */
		CHECK_ERRNO(setpriority(PRIO_PROCESS, 0, 5), EACCES);	/* down is not */
		CHECK(nice_of(PRIO_PROCESS, 0) == 6);
		CHECK_ERRNO(setpriority(PRIO_PROCESS, child, 19), EPERM);
		CHECK(nice_of(PRIO_PROCESS, child) == 4);		/* reading is fine */
		CHECK(setpriority(PRIO_USER, 0, 19) == 0);	/* uid 1000: only us */
		CHECK(nice_of(PRIO_PROCESS, 0) == 19);
		_exit(0);
	}
	CHECK_CHILD_OK(other);
	CHECK(kill(child, SIGKILL) == 0);
	utest_wait(child);
	return 0;
}
