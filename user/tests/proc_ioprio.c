/*
 * ioprio_get and ioprio_set: a task's I/O class and level, inherited by
 * fork; Linux 6.1's errors (EINVAL for a bad class or "which", or a level
 * with "none", the level being the low 3 bits;
 * ESRCH for nobody, EPERM for real-time or another user's task without
 * root); over a process group the best value wins, "none" counting as
 * best-effort level 4.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/syscall.h>
#include "utest.h"

#define WHO_PROCESS	1
#define WHO_PGRP	2
#define WHO_USER	3
#define VALUE(class, level)	(((class) << 13) | (level))
#define NONE	0
#define RT	1
#define BE	2
#define IDLE	3

static long get(int which, int who)
{
	return syscall(SYS_ioprio_get, which, who);
}

static long set(int which, int who, int ioprio)
{
	return syscall(SYS_ioprio_set, which, who, ioprio);
}

static void check_errors(void)
{
	CHECK_ERRNO(set(WHO_PROCESS, 0, VALUE(4, 0)), EINVAL);
	CHECK_ERRNO(set(WHO_PROCESS, 0, VALUE(NONE, 9)), EINVAL);	/* level 1 */
	CHECK_ERRNO(set(WHO_PROCESS, 0, VALUE(NONE, 1)), EINVAL);
	CHECK_ERRNO(set(0, 0, VALUE(BE, 1)), EINVAL);
	CHECK_ERRNO(get(0, 0), EINVAL);
	CHECK_ERRNO(get(4, 0), EINVAL);
	CHECK_ERRNO(get(WHO_PROCESS, 999999), ESRCH);
	CHECK_ERRNO(set(WHO_PROCESS, 999999, VALUE(BE, 1)), ESRCH);
}

/* A child that sleeps in our process group with the given value. */
static pid_t sleeper(int ioprio)
{
	int p[2];
	char c;
	pid_t pid;

	CHECK(pipe(p) == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(set(WHO_PROCESS, 0, ioprio) == 0);
		CHECK(write(p[1], "r", 1) == 1);
		pause();
		_exit(0);
	}
	CHECK(read(p[0], &c, 1) == 1);
	close(p[0]);
	close(p[1]);
	return pid;
}

static void check_unprivileged(pid_t root_child)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		CHECK(setgroups(0, NULL) == 0 && setgid(1000) == 0 && setuid(1000) == 0);
		CHECK_ERRNO(set(WHO_PROCESS, 0, VALUE(RT, 0)), EPERM);
		CHECK_ERRNO(set(WHO_PROCESS, root_child, VALUE(BE, 7)), EPERM);
		CHECK(get(WHO_PROCESS, root_child) == VALUE(BE, 3));	/* reading is fine */
		CHECK(set(WHO_PROCESS, 0, VALUE(IDLE, 0)) == 0);
		CHECK(get(WHO_USER, 1000) == VALUE(IDLE, 0));
		CHECK(set(WHO_PROCESS, 0, VALUE(BE, 7)) == 0);
		CHECK(get(WHO_USER, 0) == VALUE(BE, 7));		/* 0: our own uid */
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
}

int main(void)
{
	pid_t a, b, child;

	CHECK(get(WHO_PROCESS, 0) == VALUE(NONE, 0));	/* nobody set it */
	check_errors();
	CHECK(set(WHO_PROCESS, 0, VALUE(BE, 5)) == 0);
	CHECK(get(WHO_PROCESS, getpid()) == VALUE(BE, 5));
	child = utest_fork();
	if (child == 0)
		_exit(get(WHO_PROCESS, 0) == VALUE(BE, 5) ? 0 : 1);	/* inherited */
	CHECK_CHILD_OK(child);
	CHECK(set(WHO_PROCESS, 0, VALUE(BE, 8)) == 0);		/* level 0; kept whole */
	CHECK(get(WHO_PROCESS, 0) == VALUE(BE, 8));
	CHECK(set(WHO_PROCESS, 0, VALUE(NONE, 8)) == 0);
	CHECK(set(WHO_PROCESS, 0, VALUE(RT, 2)) == 0);		/* root may */
	CHECK(get(WHO_PROCESS, 0) == VALUE(RT, 2));
	CHECK(set(WHO_PROCESS, 0, VALUE(NONE, 0)) == 0);

	CHECK(setpgid(0, 0) == 0);
	a = sleeper(VALUE(BE, 3));
	b = sleeper(VALUE(IDLE, 0));
	CHECK(get(WHO_PROCESS, a) == VALUE(BE, 3));
	CHECK(get(WHO_PGRP, 0) == VALUE(BE, 3));	/* best of BE 3, IDLE, none (BE 4) */
	CHECK(kill(a, SIGKILL) == 0);
	utest_wait(a);
	CHECK(get(WHO_PGRP, getpgrp()) == VALUE(BE, 4));	/* none, as best-effort 4 */
	CHECK(set(WHO_PGRP, 0, VALUE(BE, 6)) == 0);		/* both of us */
	CHECK(get(WHO_PROCESS, b) == VALUE(BE, 6) && get(WHO_PROCESS, 0) == VALUE(BE, 6));
	CHECK(kill(b, SIGKILL) == 0);
	utest_wait(b);

	a = sleeper(VALUE(BE, 3));
	check_unprivileged(a);
	CHECK(kill(a, SIGKILL) == 0);
	utest_wait(a);
	return 0;
}
