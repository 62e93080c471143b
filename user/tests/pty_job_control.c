/*
 * The slave is a controlling terminal like any other: a child that calls
 * setsid() and TIOCSCTTY gets it; ^C typed on the master sends SIGINT to
 * the foreground group (echoed as "^C"), ^Z stops a job (SIGTSTP), and
 * TIOCSWINSZ on the master changes the slave's size and sends SIGWINCH to
 * its foreground group.  The master may ask for that group (TIOCGPGRP).
 */
#include <sys/wait.h>
#include "pty_util.h"

static volatile sig_atomic_t winched;

static void on_winch(int sig)
{
	(void)sig;
	winched = 1;
}

/* Child: become a session leader on the slave, say "ready", then act. */
static void child(const char *name, int mode)
{
	char c;
	int s;

	CHECK(setsid() == getpid());
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(ioctl(s, TIOCSCTTY, 0) == 0);
	CHECK(tcgetpgrp(s) == getpid());
	if (mode == 1) {
		struct winsize ws;

		signal(SIGWINCH, on_winch);
		CHECK(write(s, "ready\n", 6) == 6);
		while (!winched)
			pause();
		CHECK(ioctl(s, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 33 && ws.ws_col == 111);
		_exit(7);
	}
	if (mode == 2) {
		int status;
		pid_t job = fork();

		CHECK(job >= 0);
		if (job == 0) {
			/* A job the shell way: its own group, put in the foreground. */
			setpgid(0, 0);
			while (tcgetpgrp(s) != getpid())
				usleep(1000);
			CHECK(write(s, "ready\n", 6) == 6);
			for (;;)
				read(s, &c, 1);
		}
		setpgid(job, job);
		CHECK(tcsetpgrp(s, job) == 0);
		CHECK(waitpid(job, &status, WUNTRACED) == job);
		CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP);
		kill(job, SIGKILL);
		CHECK(waitpid(job, &status, 0) == job);
		_exit(8);
	}
	CHECK(write(s, "ready\n", 6) == 6);
	for (;;)
		read(s, &c, 1);	/* typed signals end or stop us here */
}

static pid_t start(const char *name, int mode, int m)
{
	char buf[64];
	pid_t pid = utest_fork();

	if (pid == 0)
		child(name, mode);
	CHECK(pty_expect(m, "ready\r\n", buf, sizeof(buf), 5000));
	return pid;
}

int main(void)
{
	char name[64], buf[64];
	struct winsize ws = { .ws_row = 33, .ws_col = 111 };
	int m, keep, status, pgrp = -1;
	pid_t pid;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	/* Keep a slave file open: with none, the master's reads fail (EIO). */
	keep = open(name, O_RDWR | O_NOCTTY);
	CHECK(keep >= 0);

	/* ^C: SIGINT to the foreground group, echoed as ^C. */
	pid = start(name, 0, m);
	CHECK(ioctl(m, TIOCGPGRP, &pgrp) == 0 && pgrp == pid);
	CHECK(write(m, "\003", 1) == 1);
	status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
	CHECK(pty_expect(m, "^C", buf, sizeof(buf), 2000));

	/*
	 * ^Z stops a foreground job whose group is not orphaned (a session
	 * leader's own group is: there SIGTSTP is discarded, POSIX says).
	 */
	pid = start(name, 2, m);
	CHECK(write(m, "\032", 1) == 1);
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 8);

	/* TIOCSWINSZ on the master: SIGWINCH to the slave's foreground. */
	pid = start(name, 1, m);
	CHECK(ioctl(m, TIOCSWINSZ, &ws) == 0);
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	close(keep);
	close(m);
	return 0;
}
