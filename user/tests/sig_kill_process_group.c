/*
 * kill(-pgid, sig) signals every process of the group and nobody else:
 * three children in a group of their own all die of SIGTERM while the
 * sender, outside the group, is untouched.  kill(0, sig) signals the
 * caller's own group, including itself.  A group that does not exist:
 * ESRCH.
 */
#include <signal.h>
#include "utest.h"

static volatile int got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
}

int main(void)
{
	pid_t kids[3], pgid = 0;
	int status;

	for (int i = 0; i < 3; i++) {
		kids[i] = utest_fork();
		if (kids[i] == 0) {
			for (;;)
				pause();
		}
		if (i == 0)
			pgid = kids[0];
		/* Set here, so it holds before the kill below. */
		CHECK(setpgid(kids[i], pgid) == 0);
	}
	CHECK(kill(-pgid, SIGTERM) == 0);
	for (int i = 0; i < 3; i++) {
		status = utest_wait(kids[i]);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	}
	CHECK_ERRNO(kill(-pgid, SIGTERM), ESRCH);
	CHECK_ERRNO(kill(-4000000, SIGTERM), ESRCH);

	/* kill(0): our own group, us included. */
	CHECK(setpgid(0, 0) == 0);
	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	CHECK(kill(0, SIGUSR1) == 0);
	CHECK(got_usr1 == 1);
	return 0;
}
