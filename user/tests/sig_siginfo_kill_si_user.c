/*
 * SA_SIGINFO handlers get a siginfo_t.  For kill(2) it says si_signo,
 * si_code SI_USER (0), si_pid of the sender and si_uid of its real uid,
 * whether the sender is the process itself or a child.
 */
#include <signal.h>
#include "utest.h"

static volatile int got_signo, got_code, got_pid, got_uid, calls;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_uid = si->si_uid;
	calls++;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	sigset_t usr1, old;
	pid_t child;

	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(calls == 1);
	CHECK(got_signo == SIGUSR1);
	CHECK(got_code == SI_USER);
	CHECK(got_pid == getpid());
	CHECK(got_uid == (int)getuid());

	/* From a child: si_pid is the child's pid. */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &usr1, &old) == 0);
	child = utest_fork();
	if (child == 0) {
		CHECK(kill(getppid(), SIGUSR1) == 0);
		_exit(0);
	}
	while (calls < 2)
		sigsuspend(&old);
	CHECK(got_code == SI_USER);
	CHECK(got_pid == child);
	CHECK(got_uid == 0);
	CHECK_CHILD_OK(child);
	return 0;
}
