/*
 * Terminal ioctls on a pty pair, as Linux 6.1 answers them: TIOCSTI
 * (fake input: root, or a process whose controlling terminal it is),
 * TIOCEXCL/TIOCNXCL/TIOCGEXCL (reopening an exclusive terminal is for
 * root only), TCXONC (TCOOFF holds output until TCOON, ^Q cannot undo
 * it; echo waits while stopped; TCIOFF/TCION send VSTOP/VSTART),
 * TIOCSIG and TIOCGSID on the master, breaks and modem lines (a pty has
 * no modem lines), termios through the master (it is the slave's), a
 * pty's fixed 8 bits without parity, and TIOCGDEV.
 */
#include "pty_util.h"
#include <signal.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#ifndef TIOCGDEV
#define TIOCGDEV _IOR('T', 0x32, unsigned int)
#endif
#ifndef TIOCGEXCL
#define TIOCGEXCL _IOR('T', 0x40, int)
#endif

#define NOBODY 65534

static void check_sti(int m, int s)
{
	char buf[64], c;
	pid_t pid;

	CHECK(ioctl(s, TIOCSTI, "a") == 0);	/* root may, though it is not our terminal */
	CHECK(ioctl(s, TIOCSTI, "\n") == 0);
	CHECK(read(s, buf, sizeof(buf)) == 2 && memcmp(buf, "a\n", 2) == 0);
	CHECK(pty_read_for(m, buf, 3, 2000) == 3 && strcmp(buf, "a\r\n") == 0);	/* echoed */
	CHECK_ERRNO(ioctl(s, TIOCSTI, (char *)8), EFAULT);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setuid(NOBODY) == 0);
		CHECK_ERRNO(ioctl(s, TIOCSTI, "b"), EPERM);
		/* Our own controlling terminal is allowed. */
		CHECK(setsid() > 0);
		CHECK(ioctl(s, TIOCSCTTY, 0) == 0);
		c = 'z';
		CHECK(ioctl(s, TIOCSTI, &c) == 0);
		_exit(0);
	}
	CHECK(utest_wait(pid) == 0);
	CHECK(pty_read_for(m, buf, 1, 2000) == 1 && buf[0] == 'z');
	CHECK(tcflush(s, TCIFLUSH) == 0);
}

static void check_exclusive(const char *name, int s)
{
	int v = -1, fd;
	pid_t pid;

	CHECK(ioctl(s, TIOCGEXCL, &v) == 0 && v == 0);
	CHECK(chmod(name, 0666) == 0);
	CHECK(ioctl(s, TIOCEXCL) == 0);
	CHECK(ioctl(s, TIOCGEXCL, &v) == 0 && v == 1);
	fd = open(name, O_RDWR | O_NOCTTY);	/* root still may */
	CHECK(fd >= 0);
	close(fd);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setuid(NOBODY) == 0);
		CHECK_ERRNO(open(name, O_RDWR | O_NOCTTY), EBUSY);
		_exit(0);
	}
	CHECK(utest_wait(pid) == 0);
	CHECK(ioctl(s, TIOCNXCL) == 0);
	CHECK(ioctl(s, TIOCGEXCL, &v) == 0 && v == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setuid(NOBODY) == 0);
		fd = open(name, O_RDWR | O_NOCTTY);
		CHECK(fd >= 0);
		_exit(0);
	}
	CHECK(utest_wait(pid) == 0);
}

static void check_flow(int m, int s)
{
	char buf[64];
	int fl = fcntl(s, F_GETFL);

	CHECK(fcntl(s, F_SETFL, fl | O_NONBLOCK) == 0);
	CHECK(tcflow(s, TCOOFF) == 0);
	CHECK_ERRNO(write(s, "x", 1), EAGAIN);
	CHECK(write(m, "\021", 1) == 1);	/* ^Q does not undo TCOOFF */
	usleep(100000);
	CHECK_ERRNO(write(s, "x", 1), EAGAIN);
	CHECK(tcflow(s, TCOON) == 0);
	CHECK(write(s, "x", 1) == 1);
	CHECK(pty_read_for(m, buf, 1, 2000) == 1 && buf[0] == 'x');
	/* ^S stops, ^Q restarts. */
	CHECK(write(m, "\023", 1) == 1);
	usleep(100000);
	CHECK_ERRNO(write(s, "y", 1), EAGAIN);
	CHECK(write(m, "\021", 1) == 1);
	usleep(100000);
	CHECK(write(s, "y", 1) == 1);
	CHECK(pty_read_for(m, buf, 1, 2000) == 1 && buf[0] == 'y');
	/* Echo waits while output is stopped, and comes on ^Q. */
	CHECK(write(m, "\023", 1) == 1);
	CHECK(write(m, "ab", 2) == 2);
	CHECK(pty_read_for(m, buf, 1, 200) == 0);
	CHECK(write(m, "\021", 1) == 1);
	CHECK(pty_read_for(m, buf, 2, 2000) == 2 && memcmp(buf, "ab", 2) == 0);
	CHECK(tcflush(s, TCIFLUSH) == 0);
	/* TCIOFF/TCION send the characters to the other end. */
	CHECK(tcflow(s, TCIOFF) == 0);
	CHECK(tcflow(s, TCION) == 0);
	CHECK(pty_read_for(m, buf, 2, 2000) == 2 && memcmp(buf, "\023\021", 2) == 0);
	CHECK_ERRNO(ioctl(s, TCXONC, 7), EINVAL);
	CHECK(fcntl(s, F_SETFL, fl) == 0);
}

/* A child in a new session with the slave as its terminal, waiting for signals. */
static pid_t start_session(const char *name, int ready[2])
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		int fd;

		CHECK(setsid() > 0);
		fd = open(name, O_RDWR);	/* becomes the controlling terminal */
		CHECK(fd >= 0);
		CHECK(write(ready[1], "r", 1) == 1);
		for (;;)
			pause();
	}
	return pid;
}

static void check_master_signals(const char *name, int m)
{
	int ready[2], sid = -1, status;
	char c;
	pid_t pid;

	CHECK(pipe(ready) == 0);
	pid = start_session(name, ready);
	CHECK(read(ready[0], &c, 1) == 1);
	CHECK(ioctl(m, TIOCGSID, &sid) == 0 && sid == pid);
	CHECK_ERRNO(ioctl(m, TIOCSIG, SIGKILL), EINVAL);
	CHECK(ioctl(m, TIOCSIG, SIGQUIT) == 0);
	status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGQUIT);
	close(ready[0]);
	close(ready[1]);
}

static void check_line(int m, int s)
{
	struct termios t;
	int lines;
	struct timespec a, b;

	CHECK_ERRNO(ioctl(s, TIOCMGET, &lines), ENOTTY);
	CHECK_ERRNO(ioctl(m, TIOCMBIS, &lines), ENOTTY);
	CHECK(ioctl(s, TIOCSBRK) == 0 && ioctl(s, TIOCCBRK) == 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK(tcsendbreak(s, 0) == 0);	/* no break on a pty: at once */
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK(b.tv_sec - a.tv_sec < 1);
	/* The slave is always 8 bits without parity; its speed may change. */
	CHECK(tcgetattr(s, &t) == 0);
	t.c_cflag = (t.c_cflag & ~CSIZE) | CS7 | PARENB;
	CHECK(cfsetospeed(&t, B9600) == 0);
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	CHECK(tcgetattr(s, &t) == 0);
	CHECK((t.c_cflag & CSIZE) == CS8 && !(t.c_cflag & PARENB) && cfgetospeed(&t) == B9600);
	/* The master's TCGETS and TCSETS are the slave's (Linux's tty_mode_ioctl). */
	CHECK(tcgetattr(m, &t) == 0);
	CHECK((t.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO) && cfgetospeed(&t) == B9600);
	t.c_cflag = (t.c_cflag & ~CSIZE) | CS7 | CLOCAL;
	CHECK(cfsetospeed(&t, B4800) == 0);
	CHECK(tcsetattr(m, TCSANOW, &t) == 0);
	CHECK(tcgetattr(s, &t) == 0);
	CHECK((t.c_cflag & CSIZE) == CS8 && (t.c_cflag & CLOCAL) && cfgetospeed(&t) == B4800);
	t.c_lflag &= ~ECHO;
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	CHECK(tcgetattr(m, &t) == 0 && !(t.c_lflag & ECHO));
	t.c_lflag |= ECHO;
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
}

/* TIOCGDEV: the terminal's device number, the master's being the slave's. */
static void check_gdev(const char *name, int m, int s)
{
	unsigned int dev = 0;
	struct stat st;
	int c;

	CHECK(stat(name, &st) == 0);
	CHECK(ioctl(s, TIOCGDEV, &dev) == 0 && dev == st.st_rdev);
	CHECK(ioctl(m, TIOCGDEV, &dev) == 0 && dev == st.st_rdev);
	c = open("/dev/console", O_RDWR | O_NOCTTY);
	CHECK(c >= 0);
	CHECK(ioctl(c, TIOCGDEV, &dev) == 0 && major(dev) == 4 && minor(dev) == 64);
	close(c);
}

int main(void)
{
	char name[64];
	int m, s;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	check_sti(m, s);
	check_exclusive(name, s);
	check_flow(m, s);
	check_line(m, s);
	check_master_signals(name, m);
	check_gdev(name, m, s);
	close(s);
	close(m);
	return 0;
}
