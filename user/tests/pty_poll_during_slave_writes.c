/*
 * One process writes to the slave while another polls and reads the
 * master: every byte arrives, in order.  On two CPUs this runs the
 * slave's output path (slave lock, then the master's) at the same time
 * as the master's poll, which asks how much room the slave has; taking
 * the two terminal locks in opposite orders there deadlocked both CPUs.
 * The child also polls the slave for POLLOUT before each write, which
 * crosses the same two locks from the other side.
 */
#include <sys/wait.h>
#include "pty_util.h"

#define LINES 400
#define LINE "0123456789abcdef\n"

int main(void)
{
	char name[64], buf[512];
	size_t want = LINES * (sizeof(LINE) - 1), got = 0;
	struct termios t;
	int m, s;
	pid_t pid;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(tcgetattr(s, &t) == 0);
	t.c_oflag &= ~OPOST;		/* bytes as written: no \n -> \r\n */
	t.c_lflag &= ~ECHO;
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	pid = utest_fork();
	if (pid == 0) {
		close(m);
		for (int i = 0; i < LINES; i++) {
			struct pollfd p = { .fd = s, .events = POLLOUT };

			CHECK(poll(&p, 1, 5000) == 1 && (p.revents & POLLOUT));
			CHECK(write(s, LINE, sizeof(LINE) - 1) == sizeof(LINE) - 1);
		}
		_exit(0);
	}
	while (got < want) {
		struct pollfd p = { .fd = m, .events = POLLIN };
		ssize_t n;

		/* Our poll also works out POLLOUT: the slave's room, under its lock. */
		CHECK(poll(&p, 1, 5000) == 1 && (p.revents & POLLIN));
		n = read(m, buf, sizeof(buf));
		CHECK(n > 0);
		for (ssize_t i = 0; i < n; i++, got++)
			CHECK(buf[i] == LINE[got % (sizeof(LINE) - 1)]);
	}
	CHECK(got == want);
	CHECK_CHILD_OK(pid);
	close(s);
	close(m);
	return 0;
}
