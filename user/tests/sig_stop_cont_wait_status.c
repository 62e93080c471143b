/*
 * SIGSTOP stops a child: waitpid without WUNTRACED does not report it,
 * with WUNTRACED it gives WIFSTOPPED, WSTOPSIG SIGSTOP (raw 0x137f), once.
 * SIGCONT resumes it: WCONTINUED gives WIFCONTINUED (raw 0xffff), once.
 * The parent gets SIGCHLD with CLD_STOPPED and CLD_CONTINUED.  A stopped
 * child still dies of SIGKILL.
 */
#include <signal.h>
#include "utest.h"

static volatile int last_code, calls;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	last_code = si->si_code;
	calls++;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_chld, .sa_flags = SA_SIGINFO | SA_RESTART };
	sigset_t chld, old;
	pid_t child;
	int status;

	CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	CHECK(sigprocmask(SIG_BLOCK, &chld, &old) == 0);
	child = utest_fork();
	if (child == 0) {
		for (;;)
			pause();
	}

	CHECK(kill(child, SIGSTOP) == 0);
	CHECK(waitpid(child, &status, WUNTRACED) == child);
	CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
	CHECK(!WIFEXITED(status) && !WIFSIGNALED(status));
	CHECK(status == 0x137f);
	while (calls < 1)
		sigsuspend(&old);
	CHECK(last_code == CLD_STOPPED);
	/* Reported once only. */
	CHECK(waitpid(child, &status, WUNTRACED | WNOHANG) == 0);
	CHECK(waitpid(child, &status, WNOHANG) == 0);

	CHECK(kill(child, SIGCONT) == 0);
	CHECK(waitpid(child, &status, WCONTINUED) == child);
	CHECK(WIFCONTINUED(status));
	CHECK(status == 0xffff);
	while (calls < 2)
		sigsuspend(&old);
	CHECK(last_code == CLD_CONTINUED);
	CHECK(waitpid(child, &status, WCONTINUED | WNOHANG) == 0);

	/* Stopped again, then killed. */
	CHECK(kill(child, SIGSTOP) == 0);
	CHECK(waitpid(child, &status, WUNTRACED) == child);
	CHECK(WIFSTOPPED(status));
	CHECK(kill(child, SIGKILL) == 0);
	status = utest_wait(child);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	return 0;
}
