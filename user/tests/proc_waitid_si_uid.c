/*
 * waitid(2) reports the child's real uid in si_uid, for an exit, a kill,
 * a stop and a continue alike (Linux fills it in every case), and a
 * WNOHANG call that finds nothing zeroes the same fields.  Like Linux,
 * waitid writes si_signo, si_errno, si_code, si_pid, si_uid and si_status
 * and leaves every other byte of the caller's siginfo alone.
 */
#define _GNU_SOURCE
#include <sys/types.h>
#include "utest.h"

#define CHILD_UID 1000

static pid_t child_as_user(int stop)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		if (setresuid(CHILD_UID, CHILD_UID, CHILD_UID) != 0)
			_exit(100);
		if (stop)
			raise(SIGSTOP);
		_exit(7);
	}
	return pid;
}

static void wait_info(pid_t pid, int options, siginfo_t *si)
{
	memset(si, 0xff, sizeof(*si));
	CHECK(waitid(P_PID, pid, si, options) == 0);
	CHECK(si->si_pid == pid && si->si_signo == SIGCHLD && si->si_errno == 0);
	/* Only those fields and si_code, si_uid, si_status are written. */
	CHECK(((unsigned char *)si)[12] == 0xff && ((unsigned char *)si)[32] == 0xff);
	CHECK(((unsigned char *)si)[127] == 0xff);
}

int main(void)
{
	siginfo_t si;
	pid_t pid = child_as_user(0);

	wait_info(pid, WEXITED, &si);
	CHECK(si.si_code == CLD_EXITED && si.si_status == 7);
	CHECK(si.si_uid == CHILD_UID);

	pid = child_as_user(1);
	wait_info(pid, WSTOPPED, &si);
	CHECK(si.si_code == CLD_STOPPED && si.si_status == SIGSTOP && si.si_uid == CHILD_UID);
	/* Nothing more to report yet: all zero. */
	memset(&si, 0xff, sizeof(si));
	CHECK(waitid(P_PID, pid, &si, WEXITED | WSTOPPED | WNOHANG) == 0);
	CHECK(si.si_pid == 0 && si.si_signo == 0 && si.si_uid == 0 && si.si_status == 0);
	CHECK(kill(pid, SIGCONT) == 0);
	wait_info(pid, WCONTINUED, &si);
	CHECK(si.si_code == CLD_CONTINUED && si.si_uid == CHILD_UID);
	wait_info(pid, WEXITED, &si);
	CHECK(si.si_code == CLD_EXITED && si.si_status == 7 && si.si_uid == CHILD_UID);

	/* A killed child, still uid 1000. */
	pid = child_as_user(1);
	wait_info(pid, WSTOPPED, &si);
	CHECK(kill(pid, SIGKILL) == 0);
	wait_info(pid, WEXITED, &si);
	CHECK(si.si_code == CLD_KILLED && si.si_status == SIGKILL && si.si_uid == CHILD_UID);

	/* Our own children as root: 0. */
	pid = utest_fork();
	if (pid == 0)
		_exit(0);
	wait_info(pid, WEXITED, &si);
	CHECK(si.si_uid == 0);
	return 0;
}
