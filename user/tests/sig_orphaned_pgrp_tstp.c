/*
 * POSIX orphaned process groups: SIGTSTP (like SIGTTIN and SIGTTOU) with
 * its default action does nothing in a group where no member has a parent
 * in another group of the same session, since nobody would continue it;
 * SIGSTOP still stops.  In a group whose parent is in the same session,
 * SIGTSTP stops as usual.  (Our kernel used to stop both, so ^Z on a pty
 * stopped a session leader's own group, which Linux leaves running.)
 */
#include <signal.h>
#include <sys/wait.h>
#include "utest.h"

/*
 * Child in a new session (orphaned group) or a new group of ours raises
 * sig: -stop signal when it stopped (then it is continued), else its wait
 * status (exit 9: it went straight on).
 */
static int stop_status(int new_session, int sig)
{
	int status;
	pid_t pid = utest_fork();

	if (pid == 0) {
		if (new_session)
			CHECK(setsid() == getpid());
		else
			CHECK(setpgid(0, 0) == 0);
		raise(sig);
		_exit(9);	/* reached when the signal did not stop us */
	}
	CHECK(waitpid(pid, &status, WUNTRACED) == pid);
	if (WIFSTOPPED(status)) {
		int stopsig = WSTOPSIG(status);

		kill(pid, SIGCONT);
		CHECK(waitpid(pid, &status, 0) == pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9);
		return -stopsig;	/* stopped by stopsig, then went on */
	}
	return status;
}

int main(void)
{
	int status;

	/* The parent (we) is in this session, in another group: not orphaned. */
	status = stop_status(0, SIGTSTP);
	CHECK(status == -SIGTSTP);
	/* Alone in a new session: orphaned; SIGTSTP is discarded, SIGSTOP is not. */
	status = stop_status(1, SIGTSTP);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9);
	status = stop_status(1, SIGSTOP);
	CHECK(status == -SIGSTOP);
	return 0;
}
