/*
 * TIOCSPGRP (tcsetpgrp) as Linux's tiocspgrp() checks it: a negative
 * group is EINVAL, a pid nobody uses ESRCH, a group of another session
 * EPERM, a terminal that is not ours ENOTTY (its master, though, sets
 * the slave's); a background process that catches SIGTTOU gets it and
 * EINTR, one that ignores it may move the foreground, and TIOCGPGRP
 * reads it back.
 */
#include "pty_util.h"
#include <signal.h>

static volatile sig_atomic_t got_ttou;

static void on_ttou(int sig)
{
	(void)sig;
	got_ttou = 1;
}

int main(void)
{
	char name[64];
	int m, status;
	pid_t pid;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	pid = utest_fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_ttou };
		int s, fg = 0;
		pid_t bg;

		CHECK(setsid() > 0);
		s = open(name, O_RDWR);
		CHECK(s >= 0);
		CHECK_ERRNO(tcsetpgrp(s, -1), EINVAL);
		CHECK_ERRNO(tcsetpgrp(s, 999999), ESRCH);
		CHECK_ERRNO(tcsetpgrp(s, getppid()), EPERM);	/* the test runner's group */
		CHECK(tcsetpgrp(m, getpid()) == 0);	/* through the master: the slave's */
		{
			char name2[64];
			int m2 = pty_open_master(name2, sizeof(name2)), s2 = open(name2, O_RDWR | O_NOCTTY);

			CHECK(s2 >= 0);
			CHECK_ERRNO(tcsetpgrp(s2, getpid()), ENOTTY);	/* not our terminal */
			close(s2);
			close(m2);
		}
		bg = utest_fork();
		if (bg == 0) {	/* a background group: SIGTTOU first, then ignored: allowed */
			CHECK(setpgid(0, 0) == 0);
			sigaction(SIGTTOU, &sa, NULL);
			CHECK_ERRNO(tcsetpgrp(s, getpid()), EINTR);
			CHECK(got_ttou);
			signal(SIGTTOU, SIG_IGN);
			CHECK(tcsetpgrp(s, getpid()) == 0);
			_exit(0);
		}
		CHECK(utest_wait(bg) == 0);
		CHECK(ioctl(s, TIOCGPGRP, &fg) == 0 && fg == bg);
		_exit(0);
	}
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(m);
	return 0;
}
