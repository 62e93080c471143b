/*
 * sigtimedwait() waits for signals whose default action is to be ignored
 * (SIGCHLD, SIGWINCH) like any other: while they are blocked they queue,
 * and arriving during the wait they end it.  busybox init sleeps this way
 * for its children's SIGCHLD.  A bug dropped them when they arrived during
 * the wait (the wait unblocked them, and unblocked default-ignored signals
 * are discarded).
 */
#include <signal.h>
#include "utest.h"

int main(void)
{
	struct timespec wait = { .tv_sec = 5 };
	siginfo_t si;
	sigset_t set;
	pid_t child;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGWINCH);
	CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);

	/* The child exits while we already wait. */
	child = utest_fork();
	if (child == 0) {
		usleep(200000);
		_exit(3);
	}
	CHECK(sigtimedwait(&set, &si, &wait) == SIGCHLD);
	CHECK(si.si_pid == child && si.si_code == CLD_EXITED && si.si_status == 3);
	CHECK(utest_wait(child) != -1);

	/* Sent by another process during the wait. */
	child = utest_fork();
	if (child == 0) {
		usleep(200000);
		kill(getppid(), SIGWINCH);
		pause();
	}
	CHECK(sigtimedwait(&set, &si, &wait) == SIGWINCH);
	CHECK(si.si_pid == child);
	kill(child, SIGKILL);
	CHECK(utest_wait(child) != -1);
	while (sigtimedwait(&set, &si, &(struct timespec){ 0 }) > 0)
		;		/* the SIGCHLD of the killed child */
	return 0;
}
