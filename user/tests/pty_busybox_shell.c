/*
 * A real interactive program on a pseudo-terminal: Debian's busybox sh
 * runs as a session leader with the slave as its controlling terminal
 * (as a terminal emulator or sshd starts a shell), and we type at it
 * through the master.  It must show a prompt, echo what we type, run it,
 * and exit on "exit"; afterwards the master reads EIO (no slave left).
 */
#include <sys/wait.h>
#include "pty_util.h"

#define BUSYBOX "/utest-data/busybox"

int main(void)
{
	char name[64], buf[4096];
	int m, status;
	pid_t pid;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	pid = utest_fork();
	if (pid == 0) {
		int s;

		close(m);
		CHECK(setsid() == getpid());
		s = open(name, O_RDWR | O_NOCTTY);
		CHECK(s >= 0);
		CHECK(ioctl(s, TIOCSCTTY, 0) == 0);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		close(s);
		setenv("PS1", "pty$ ", 1);
		execl(BUSYBOX, "sh", "-i", (char *)NULL);
		_exit(127);
	}
	CHECK(pty_expect(m, "pty$ ", buf, sizeof(buf), 10000));
	CHECK(write(m, "echo $((6*7)) $$\n", 17) == 17);
	CHECK(pty_expect(m, "pty$ ", buf, sizeof(buf), 10000));
	/* The echo of the line, then its output, each ending CR NL (ONLCR). */
	{
		char want[64];

		snprintf(want, sizeof(want), "echo $((6*7)) $$\r\n42 %d\r\n", (int)pid);
		CHECK(strstr(buf, want) != NULL);
	}
	/* The shell is the terminal's foreground, as job control expects. */
	{
		int pgrp = -1;

		CHECK(ioctl(m, TIOCGPGRP, &pgrp) == 0 && pgrp == pid);
	}
	CHECK(write(m, "exit 5\n", 7) == 7);
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
	while (read(m, buf, sizeof(buf)) > 0)
		;		/* whatever the shell printed last */
	CHECK_ERRNO(read(m, buf, sizeof(buf)), EIO);
	close(m);
	return 0;
}
