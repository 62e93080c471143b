/*
 * A child's end sends SIGCHLD to its parent with siginfo: si_code
 * CLD_EXITED and si_status the exit code for _exit(7); CLD_KILLED and
 * si_status the signal for a SIGKILL; si_pid the child and si_uid its uid.
 * The child stays a zombie until waited for.
 */
#include <signal.h>
#include "utest.h"

static volatile int calls, got_code, got_status, got_pid, got_uid, got_signo;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	calls++;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_status = si->si_status;
	got_pid = si->si_pid;
	got_uid = si->si_uid;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO };
	sigset_t chld, old;
	pid_t child;
	int status;

	CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	CHECK(sigprocmask(SIG_BLOCK, &chld, &old) == 0);

	child = utest_fork();
	if (child == 0)
		_exit(7);
	while (calls < 1)
		sigsuspend(&old);
	CHECK(got_signo == SIGCHLD);
	CHECK(got_code == CLD_EXITED);
	CHECK(got_status == 7);
	CHECK(got_pid == child);
	CHECK(got_uid == 0);
	status = utest_wait(child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);

	child = utest_fork();
	if (child == 0) {
		for (;;)
			pause();
	}
	CHECK(kill(child, SIGKILL) == 0);
	while (calls < 2)
		sigsuspend(&old);
	CHECK(got_code == CLD_KILLED);
	CHECK(got_status == SIGKILL);
	CHECK(got_pid == child);
	status = utest_wait(child);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	return 0;
}
