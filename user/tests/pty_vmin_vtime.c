/*
 * Raw-mode reads under the four VMIN/VTIME combinations (termios(3)),
 * on a pty slave fed by a child writing to the master at set times:
 *   VMIN=0 VTIME=0  returns what is there, 0 when nothing;
 *   VMIN=0 VTIME=t  waits up to t tenths for the first byte;
 *   VMIN=n VTIME=0  waits for n bytes (or fewer if the buffer is smaller);
 *   VMIN=n VTIME=t  waits without limit for the first byte, then returns
 *                   when n came or t passed without another.
 */
#include "pty_util.h"

static long long ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void set_raw(int s, int vmin, int vtime)
{
	struct termios t;

	CHECK(tcgetattr(s, &t) == 0);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
}

/* A child writes str to m after delay_ms; returns its pid. */
static pid_t write_later(int m, const char *str, int delay_ms)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		usleep(delay_ms * 1000);
		CHECK(write(m, str, strlen(str)) == (ssize_t)strlen(str));
		_exit(0);
	}
	return pid;
}

int main(void)
{
	char name[64], buf[64];
	long long t0, dt;
	ssize_t n;
	pid_t pid;
	int m, s;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);

	/* 0/0: polling. */
	set_raw(s, 0, 0);
	CHECK(read(s, buf, sizeof(buf)) == 0);
	CHECK(write(m, "ab", 2) == 2);
	usleep(50000);
	CHECK(read(s, buf, sizeof(buf)) == 2);

	/* 0/2: a timeout of 200 ms for the first byte. */
	set_raw(s, 0, 2);
	t0 = ms_now();
	CHECK(read(s, buf, sizeof(buf)) == 0);
	dt = ms_now() - t0;
	CHECK(dt >= 150 && dt < 2000);
	pid = write_later(m, "x", 50);
	t0 = ms_now();
	CHECK(read(s, buf, sizeof(buf)) == 1 && buf[0] == 'x');
	CHECK(ms_now() - t0 < 1000);
	CHECK(utest_wait(pid) == 0);

	/* 3/0: three bytes, or the whole buffer if it is smaller. */
	set_raw(s, 3, 0);
	CHECK(write(m, "12", 2) == 2);
	pid = write_later(m, "3", 200);
	t0 = ms_now();
	CHECK(read(s, buf, sizeof(buf)) == 3 && memcmp(buf, "123", 3) == 0);
	CHECK(ms_now() - t0 >= 150);
	CHECK(utest_wait(pid) == 0);
	CHECK(write(m, "45", 2) == 2);
	usleep(50000);
	CHECK(read(s, buf, 1) == 1 && buf[0] == '4');
	CHECK(read(s, buf, 1) == 1 && buf[0] == '5');

	/* 1/1: no timeout before the first byte (the child writes after 400 ms). */
	set_raw(s, 1, 1);
	pid = write_later(m, "z", 400);
	t0 = ms_now();
	CHECK(read(s, buf, sizeof(buf)) == 1 && buf[0] == 'z');
	CHECK(ms_now() - t0 >= 300);
	CHECK(utest_wait(pid) == 0);

	/* 5/1: two bytes then silence: the inter-byte timer ends the read. */
	set_raw(s, 5, 1);
	pid = write_later(m, "pq", 100);
	t0 = ms_now();
	n = read(s, buf, sizeof(buf));
	dt = ms_now() - t0;
	CHECK(n == 2 && memcmp(buf, "pq", 2) == 0);
	CHECK(dt >= 150 && dt < 2000);
	CHECK(utest_wait(pid) == 0);
	close(s);
	close(m);
	return 0;
}
