/*
 * A background process group that is orphaned (no member has a parent
 * in the session outside the group, so nobody would ever continue it
 * after a stop) gets EIO instead of SIGTTIN when it reads its terminal,
 * and instead of SIGTTOU when it writes with TOSTOP or changes the
 * termios; a background group that is not orphaned gets the signals.
 */
#include "pty_util.h"
#include <signal.h>
#include <sys/wait.h>

static int result_fd = -1;	/* the orphan reports "ok" here */

/* In the session of the slave: a background group's reads, writes and TCSETS. */
static void background_access(int s, int expect_eio)
{
	char c;
	struct termios t;

	CHECK(setpgid(0, 0) == 0);
	if (expect_eio) {
		CHECK_ERRNO(read(s, &c, 1), EIO);
		CHECK_ERRNO(write(s, "x", 1), EIO);	/* TOSTOP is on */
		CHECK(tcgetattr(s, &t) == 0);
		CHECK_ERRNO(tcsetattr(s, TCSANOW, &t), EIO);
		CHECK(write(result_fd, "ok", 2) == 2);
		_exit(0);
	}
	CHECK(read(s, &c, 1) == -1);	/* not reached: SIGTTIN stops us */
	_exit(3);
}

int main(void)
{
	char name[64];
	int m, status;
	pid_t leader;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	leader = utest_fork();
	if (leader == 0) {
		struct termios t;
		int s, p[2], r[2];
		char ok[3] = "";
		pid_t mid, bg;

		CHECK(setsid() > 0);
		s = open(name, O_RDWR);
		CHECK(s >= 0);
		CHECK(tcgetattr(s, &t) == 0);
		t.c_lflag |= TOSTOP;
		CHECK(tcsetattr(s, TCSANOW, &t) == 0);

		/* Not orphaned: our child in its own group is stopped by SIGTTIN. */
		bg = utest_fork();
		if (bg == 0)
			background_access(s, 0);
		CHECK(waitpid(bg, &status, WUNTRACED) == bg);
		CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN);
		kill(bg, SIGKILL);
		CHECK(waitpid(bg, &status, 0) == bg);

		/* Orphaned: a grandchild whose parent is gone (init adopts it). */
		CHECK(pipe(p) == 0 && pipe(r) == 0);
		result_fd = r[1];
		mid = utest_fork();
		if (mid == 0) {
			bg = utest_fork();
			if (bg == 0) {
				char go;

				close(p[1]);
				CHECK(read(p[0], &go, 1) == 0);	/* our parent has exited */
				background_access(s, 1);
			}
			_exit(0);
		}
		close(p[0]);
		CHECK(waitpid(mid, &status, 0) == mid);
		close(p[1]);
		close(r[1]);
		CHECK(pty_read_for(r[0], ok, 2, 5000) == 2 && strcmp(ok, "ok") == 0);
		_exit(0);
	}
	status = utest_wait(leader);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(m);
	return 0;
}
