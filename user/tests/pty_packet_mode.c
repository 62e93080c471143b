/*
 * Packet mode (TIOCPKT) on a pty master: every read starts with a status
 * byte, TIOCPKT_DATA (0) before data, or a read of its own carrying the
 * slave's events: output stopped/started by ^S/^Q (STOP/START), flushes
 * (FLUSHREAD for the slave's input, FLUSHWRITE for its output, both on
 * ^C), and IXON turned off/on (NOSTOP/DOSTOP).  A pending event makes
 * poll report POLLPRI.  TIOCPKT belongs to the master only.
 */
#include "pty_util.h"

#ifndef TIOCGPKT
#define TIOCGPKT _IOR('T', 0x38, int)
#endif

/* One read from the master (within 2 s); its length, bytes in buf. */
static ssize_t master_read(int m, char *buf, size_t size)
{
	struct pollfd p = { .fd = m, .events = POLLIN };

	if (poll(&p, 1, 2000) != 1)
		return -1;
	return read(m, buf, size);
}

/* The next read is exactly one status byte, st. */
static void expect_status(int m, int st)
{
	char buf[64];
	struct pollfd p = { .fd = m, .events = POLLPRI };

	CHECK(poll(&p, 1, 2000) == 1 && (p.revents & POLLPRI));
	CHECK(master_read(m, buf, sizeof(buf)) == 1);
	if (buf[0] != st)
		fprintf(stderr, "status %#x, expected %#x\n", (unsigned char)buf[0], st);
	CHECK(buf[0] == st);
}

int main(void)
{
	char name[64], buf[64];
	struct termios t;
	struct pollfd p;
	int m, s, on = 1, v = -1;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);

	CHECK(ioctl(m, TIOCGPKT, &v) == 0 && v == 0);
	CHECK(ioctl(m, TIOCPKT, &on) == 0);
	CHECK(ioctl(m, TIOCGPKT, &v) == 0 && v == 1);
	CHECK_ERRNO(ioctl(s, TIOCPKT, &on), ENOTTY);
	CHECK_ERRNO(ioctl(m, TIOCPKT, (int *)8), EFAULT);

	/* Data comes after a TIOCPKT_DATA byte; nothing pending: no POLLPRI. */
	CHECK(write(s, "hi", 2) == 2);
	CHECK(master_read(m, buf, sizeof(buf)) == 3 && memcmp(buf, "\0hi", 3) == 0);
	p = (struct pollfd){ .fd = m, .events = POLLIN | POLLPRI };
	CHECK(poll(&p, 1, 100) == 0);

	/* ^S and ^Q typed at the slave (IXON is on by default). */
	CHECK(write(m, "\023", 1) == 1);
	expect_status(m, TIOCPKT_STOP);
	CHECK(write(m, "\021", 1) == 1);
	expect_status(m, TIOCPKT_START);

	/* Flushes of the slave's queues. */
	CHECK(tcflush(s, TCIFLUSH) == 0);
	expect_status(m, TIOCPKT_FLUSHREAD);
	CHECK(tcflush(s, TCOFLUSH) == 0);
	expect_status(m, TIOCPKT_FLUSHWRITE);
	CHECK(tcflush(s, TCIOFLUSH) == 0);
	expect_status(m, TIOCPKT_FLUSHREAD | TIOCPKT_FLUSHWRITE);

	/* IXON off and on again. */
	CHECK(tcgetattr(s, &t) == 0);
	t.c_iflag &= ~IXON;
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	expect_status(m, TIOCPKT_NOSTOP);
	t.c_iflag |= IXON;
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	expect_status(m, TIOCPKT_DOSTOP);

	/* ^C flushes both ways (the status comes first), then its echo arrives. */
	CHECK(write(m, "\003", 1) == 1);
	expect_status(m, TIOCPKT_FLUSHREAD | TIOCPKT_FLUSHWRITE);
	CHECK(master_read(m, buf, sizeof(buf)) == 3 && memcmp(buf, "\0^C", 3) == 0);

	/* Events while packet mode is off are not reported, and turning it on forgets old ones. */
	CHECK(write(m, "\023", 1) == 1);
	usleep(100000);
	on = 0;
	CHECK(ioctl(m, TIOCPKT, &on) == 0);
	CHECK(write(m, "\021", 1) == 1);
	usleep(100000);
	on = 1;
	CHECK(ioctl(m, TIOCPKT, &on) == 0);
	p = (struct pollfd){ .fd = m, .events = POLLIN | POLLPRI };
	CHECK(poll(&p, 1, 100) == 0);

	/* Off: plain data again. */
	on = 0;
	CHECK(ioctl(m, TIOCPKT, &on) == 0);
	CHECK(ioctl(m, TIOCGPKT, &v) == 0 && v == 0);
	CHECK(write(s, "ok", 2) == 2);
	CHECK(master_read(m, buf, sizeof(buf)) == 2 && memcmp(buf, "ok", 2) == 0);
	close(s);
	close(m);
	return 0;
}
