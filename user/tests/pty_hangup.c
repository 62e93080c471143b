/*
 * The two ends closing, as Linux does it.  Slave side gone: the master
 * reads what is left, then -EIO, and poll reports POLLHUP; the slave can
 * be opened again.  Master gone: the slave's session leader gets SIGHUP,
 * the slave's open files read 0 and write -EIO, poll reports POLLHUP, and
 * /dev/pts/N is gone.
 */
#include <sys/wait.h>
#include "pty_util.h"

int main(void)
{
	char name[64], buf[64];
	struct pollfd p;
	int m, s, status;
	pid_t pid;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));

	/* Before any slave was opened the master just has nothing to read. */
	CHECK(fcntl(m, F_SETFL, O_NONBLOCK) == 0);
	CHECK_ERRNO(read(m, buf, sizeof(buf)), EAGAIN);
	p = (struct pollfd){ .fd = m, .events = POLLIN };
	CHECK(poll(&p, 1, 0) == 0);
	CHECK(fcntl(m, F_SETFL, 0) == 0);

	/* The last slave file closes: leftovers first, then EIO and POLLHUP. */
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(write(s, "bye", 3) == 3);
	close(s);
	p = (struct pollfd){ .fd = m, .events = POLLIN };
	CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLIN));
	CHECK(read(m, buf, sizeof(buf)) == 3 && memcmp(buf, "bye", 3) == 0);
	p = (struct pollfd){ .fd = m, .events = POLLIN };
	CHECK(poll(&p, 1, 1000) == 1 && (p.revents & POLLHUP));
	CHECK_ERRNO(read(m, buf, sizeof(buf)), EIO);

	/* The slave opens again and the master works again. */
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(write(s, "x", 1) == 1);
	CHECK(pty_read_for(m, buf, 1, 2000) == 1 && buf[0] == 'x');

	/* A session leader on the slave dies of SIGHUP when the master closes. */
	pid = utest_fork();
	if (pid == 0) {
		int cs;

		close(m);	/* only the parent holds the master */
		setsid();
		cs = open(name, O_RDWR);	/* no O_NOCTTY: becomes the terminal */
		CHECK(cs >= 0);
		CHECK(tcgetsid(cs) == getpid());
		CHECK(write(cs, "ready\n", 6) == 6);
		for (;;)
			pause();
	}
	CHECK(pty_expect(m, "ready\r\n", buf, sizeof(buf), 5000));
	close(m);
	status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP);

	/* Our own slave file is hung up. */
	CHECK(read(s, buf, sizeof(buf)) == 0);
	CHECK_ERRNO(write(s, "x", 1), EIO);
	p = (struct pollfd){ .fd = s, .events = POLLIN | POLLOUT };
	CHECK(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP));
	CHECK_ERRNO(access(name, F_OK), ENOENT);
	close(s);
	return 0;
}
