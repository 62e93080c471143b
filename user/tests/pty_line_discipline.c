/*
 * Data through a pair: master writes are the slave's keyboard input
 * (canonical lines, echo with ONLCR, erase), slave output reaches the
 * master with OPOST/ONLCR applied, raw mode passes bytes at once without
 * echo, and poll on both sides says when to read.  The master itself is
 * raw: no echo of what the slave prints, no line buffering.
 */
#include "pty_util.h"

int main(void)
{
	char name[64], buf[256];
	struct termios t;
	struct pollfd p;
	int m, s;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);

	/* Nothing to read yet on either side; both writable. */
	p = (struct pollfd){ .fd = s, .events = POLLIN | POLLOUT };
	CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT);
	p = (struct pollfd){ .fd = m, .events = POLLIN | POLLOUT };
	CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT);

	/* Canonical input: a partial line is not readable, the echo is immediate. */
	CHECK(write(m, "ab", 2) == 2);
	CHECK(pty_read_for(m, buf, 2, 2000) == 2 && strcmp(buf, "ab") == 0);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	CHECK(poll(&p, 1, 50) == 0);
	/* DEL erases (echo "\b \b"), CR becomes NL (ICRNL), echoed as CR NL (ONLCR). */
	CHECK(write(m, "x\177c\r", 4) == 4);
	CHECK(pty_read_for(m, buf, 7, 2000) == 7 && strcmp(buf, "x\b \bc\r\n") == 0);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	CHECK(poll(&p, 1, 1000) == 1 && p.revents == POLLIN);
	CHECK(read(s, buf, sizeof(buf)) == 4 && memcmp(buf, "abc\n", 4) == 0);

	/* Slave output: NL becomes CR NL; the master does not echo it back. */
	CHECK(write(s, "hi\n", 3) == 3);
	CHECK(pty_read_for(m, buf, 4, 2000) == 4 && strcmp(buf, "hi\r\n") == 0);
	CHECK(pty_read_for(m, buf, 1, 100) == 0);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	CHECK(poll(&p, 1, 50) == 0);
	/* Without OPOST the bytes go as they are. */
	CHECK(tcgetattr(s, &t) == 0);
	t.c_oflag &= ~OPOST;
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	CHECK(write(s, "a\nb", 3) == 3);
	CHECK(pty_read_for(m, buf, 3, 2000) == 3 && strcmp(buf, "a\nb") == 0);

	/* Raw mode: each byte is readable at once, nothing is echoed. */
	cfmakeraw(&t);
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	CHECK(write(m, "\003q", 2) == 2);	/* ^C is just a byte without ISIG */
	CHECK(pty_read_for(s, buf, 2, 2000) == 2 && memcmp(buf, "\003q", 2) == 0);
	CHECK(pty_read_for(m, buf, 1, 100) == 0);

	/* FIONREAD on the slave counts what the master wrote. */
	{
		int avail = -1;

		CHECK(write(m, "12345", 5) == 5);
		usleep(50000);
		CHECK(ioctl(s, FIONREAD, &avail) == 0 && avail == 5);
		CHECK(read(s, buf, sizeof(buf)) == 5);
	}

	/* The master's termios is Linux's raw default. */
	CHECK(tcgetattr(m, &t) == 0);
	CHECK(!(t.c_lflag & (ICANON | ECHO | ISIG)) && !(t.c_oflag & OPOST));
	close(s);
	close(m);
	return 0;
}
