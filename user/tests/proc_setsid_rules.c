/*
 * setsid(2): a process that is not a group leader gets a new session and a
 * new group, both with its pid as id, and getsid/getpgid say so from inside
 * and from its parent; calling setsid again (now a group leader) is EPERM,
 * and so is setsid in a process that made itself a group leader.  getsid
 * of an unknown pid is ESRCH.
 */
#include <signal.h>
#include "utest.h"

int main(void)
{
	pid_t me = getpid(), child, my_sid;
	int status;

	my_sid = getsid(0);
	CHECK(my_sid >= 0);
	CHECK(getsid(me) == my_sid);
	CHECK_ERRNO(getsid(4000000), ESRCH);

	child = utest_fork();
	if (child == 0) {
		CHECK(setpgid(0, 0) == 0);	/* group leader: */
		CHECK_ERRNO(setsid(), EPERM);
		_exit(0);
	}
	CHECK_CHILD_OK(child);

	child = utest_fork();
	if (child == 0) {
		pid_t pid = getpid();

		CHECK(getpgrp() != pid);	/* not a group leader */
		CHECK(setsid() == pid);
		CHECK(getsid(0) == pid && getsid(pid) == pid);
		CHECK(getpgrp() == pid && getpgid(0) == pid);
		CHECK_ERRNO(setsid(), EPERM);
		CHECK(getsid(getppid()) == my_sid);	/* other sessions: visible */
		/* Stay until the parent has looked. */
		pause();
		_exit(0);
	}
	/* Wait until the child's new session is visible from here. */
	for (int i = 0; getsid(child) != child; i++) {
		CHECK(i < 10000);
		utest_sleep_ms(1);
	}
	CHECK(getpgid(child) == child);
	CHECK(getsid(0) == my_sid);		/* ours did not change */
	CHECK(kill(child, SIGKILL) == 0);
	status = utest_wait(child);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	return 0;
}
