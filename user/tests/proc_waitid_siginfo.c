/*
 * waitid(2) reports a child's end in a siginfo_t: si_signo SIGCHLD,
 * si_code CLD_EXITED with si_status the exit code, or CLD_KILLED with the
 * signal; si_pid and si_uid.  WNOWAIT leaves the child waitable; WNOHANG
 * with nothing to report returns 0 and zeroes si_pid; options without any
 * of WEXITED/WSTOPPED/WCONTINUED are EINVAL.
 */
#include <signal.h>
#include "utest.h"

int main(void)
{
	siginfo_t si;
	pid_t child;

	child = utest_fork();
	if (child == 0) {
		utest_sleep_ms(50);
		_exit(3);
	}
	memset(&si, 0xff, sizeof(si));
	CHECK(waitid(P_PID, child, &si, WEXITED | WNOHANG) == 0);
	CHECK(si.si_pid == 0);
	CHECK_ERRNO(waitid(P_PID, child, &si, WNOHANG), EINVAL);

	CHECK(waitid(P_PID, child, &si, WEXITED | WNOWAIT) == 0);
	CHECK(si.si_signo == SIGCHLD && si.si_code == CLD_EXITED);
	CHECK(si.si_status == 3 && si.si_pid == child && si.si_uid == 0);
	memset(&si, 0, sizeof(si));
	CHECK(waitid(P_ALL, 0, &si, WEXITED) == 0);	/* still there: reap it */
	CHECK(si.si_pid == child && si.si_status == 3);
	CHECK_ERRNO(waitid(P_PID, child, &si, WEXITED), ECHILD);

	child = utest_fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	CHECK(kill(child, SIGKILL) == 0);
	CHECK(waitid(P_PID, child, &si, WEXITED) == 0);
	CHECK(si.si_code == CLD_KILLED && si.si_status == SIGKILL && si.si_pid == child);
	return 0;
}
