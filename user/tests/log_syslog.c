/*
 * syslog(2) as dmesg uses it, with Debian's dmesg_restrict=1: the buffer
 * size; READ_ALL in "<prio>[seconds.micros] text" lines, where a message
 * written to /dev/kmsg without a facility is a user one (<12> for the
 * default level 4, <13> for "<5>", <30> for "<30>"); CLEAR and READ_CLEAR
 * hide what came before; READ consumes, also in pieces, and SIZE_UNREAD
 * counts what is left; bad arguments give EINVAL; a non-root caller gets
 * EPERM for everything, /dev/kmsg reading included.
 */
#include <fcntl.h>
#include <sys/klog.h>
#include "utest.h"

#define ACT_READ 2
#define ACT_READ_ALL 3
#define ACT_READ_CLEAR 4
#define ACT_CLEAR 5
#define ACT_CONSOLE_OFF 6
#define ACT_CONSOLE_ON 7
#define ACT_CONSOLE_LEVEL 8
#define ACT_SIZE_UNREAD 9
#define ACT_SIZE_BUFFER 10

static char buf[512 * 1024];

/* Lines end in '\n': Linux shows a record without one only once the next comes. */
static void kmsg_write(const char *s)
{
	int fd = open("/dev/kmsg", O_WRONLY);	/* one per message: Linux rate-limits per file */

	CHECK(fd >= 0);
	CHECK(write(fd, s, strlen(s)) == (ssize_t)strlen(s));
	close(fd);
}

static const char *read_all(void)
{
	int n = klogctl(ACT_READ_ALL, buf, sizeof(buf) - 1);

	CHECK(n >= 0);
	buf[n] = '\0';
	return buf;
}

/* The line holding text: "<prio>[ sec.usec] text", checked for shape. */
static void check_line(const char *all, const char *prio, const char *text)
{
	const char *t = strstr(all, text), *line;
	char sec[32];
	int usec_digits = 0;

	CHECK(t && t[strlen(text)] == '\n');
	for (line = t; line > all && line[-1] != '\n'; line--)
		;
	CHECK(strncmp(line, prio, strlen(prio)) == 0);
	line += strlen(prio);
	CHECK(*line == '[');
	CHECK(sscanf(line + 1, "%31[ 0-9]", sec) == 1 && line[1 + strlen(sec)] == '.');
	for (const char *p = line + 2 + strlen(sec); *p >= '0' && *p <= '9'; p++)
		usec_digits++;
	CHECK(usec_digits == 6);
	CHECK(strncmp(t - 2, "] ", 2) == 0);
}

static void drain_unread(void)
{
	int left = klogctl(ACT_SIZE_UNREAD, NULL, 0);

	CHECK(left >= 0);
	while (left > 0) {
		int n = klogctl(ACT_READ, buf, sizeof(buf));

		CHECK(n > 0);
		left = klogctl(ACT_SIZE_UNREAD, NULL, 0);
	}
}

int main(void)
{
	char piece[8];
	int size, n, status;
	pid_t pid;

	size = klogctl(ACT_SIZE_BUFFER, NULL, 0);
	CHECK(size >= 4096 && size <= (int)sizeof(buf));

	kmsg_write("utest-syslog-default\n");
	kmsg_write("<5>utest-syslog-notice\n");
	kmsg_write("<30>utest-syslog-daemon\n");
	read_all();
	check_line(buf, "<12>", "utest-syslog-default");
	check_line(buf, "<13>", "utest-syslog-notice");
	check_line(buf, "<30>", "utest-syslog-daemon");

	/* A small READ_ALL returns the newest whole lines. */
	n = klogctl(ACT_READ_ALL, buf, 100);
	CHECK(n > 0 && n <= 100 && buf[n - 1] == '\n' && buf[0] == '<');
	buf[n] = '\0';
	CHECK(strstr(buf, "utest-syslog-daemon\n"));

	/* CLEAR hides the past from READ_ALL; READ_CLEAR returns, then hides. */
	CHECK(klogctl(ACT_CLEAR, NULL, 0) == 0);
	CHECK(!strstr(read_all(), "utest-syslog-default"));
	kmsg_write("utest-syslog-after-clear\n");
	n = klogctl(ACT_READ_CLEAR, buf, sizeof(buf) - 1);
	CHECK(n > 0);
	buf[n] = '\0';
	CHECK(strstr(buf, "utest-syslog-after-clear\n"));
	CHECK(!strstr(read_all(), "utest-syslog-after-clear"));

	/* READ consumes: drain, then one new line, read in two pieces. */
	drain_unread();
	CHECK(klogctl(ACT_SIZE_UNREAD, NULL, 0) == 0);
	kmsg_write("utest-syslog-read\n");
	n = klogctl(ACT_SIZE_UNREAD, NULL, 0);
	CHECK(n > (int)strlen("<12>[    0.000000] utest-syslog-read"));
	CHECK(klogctl(ACT_READ, piece, 4) == 4 && memcmp(piece, "<12>", 4) == 0);
	CHECK(klogctl(ACT_SIZE_UNREAD, NULL, 0) == n - 4);
	CHECK(klogctl(ACT_READ, buf, sizeof(buf)) == n - 4);
	CHECK(buf[0] == '[' && memcmp(buf + n - 4 - 18, "utest-syslog-read\n", 18) == 0);
	CHECK(klogctl(ACT_SIZE_UNREAD, NULL, 0) == 0);

	/* Bad arguments. */
	CHECK_ERRNO(klogctl(ACT_READ_ALL, NULL, 10), EINVAL);
	CHECK_ERRNO(klogctl(ACT_READ_ALL, buf, -1), EINVAL);
	CHECK(klogctl(ACT_READ_ALL, buf, 0) == 0);
	CHECK_ERRNO(klogctl(ACT_READ_ALL, (char *)8, 100), EFAULT);
	CHECK_ERRNO(klogctl(ACT_CONSOLE_LEVEL, NULL, 0), EINVAL);
	CHECK_ERRNO(klogctl(ACT_CONSOLE_LEVEL, NULL, 9), EINVAL);
	CHECK_ERRNO(klogctl(11, NULL, 0), EINVAL);
	CHECK_ERRNO(klogctl(-1, NULL, 0), EINVAL);
	CHECK(klogctl(ACT_CONSOLE_OFF, NULL, 0) == 0);
	CHECK(klogctl(ACT_CONSOLE_ON, NULL, 0) == 0);

	/* dmesg_restrict: nothing for an unprivileged user. */
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setuid(1000) == 0);
		CHECK_ERRNO(klogctl(ACT_SIZE_BUFFER, NULL, 0), EPERM);
		CHECK_ERRNO(klogctl(ACT_READ_ALL, buf, 100), EPERM);
		CHECK_ERRNO(klogctl(0, NULL, 0), EPERM);
		CHECK_ERRNO(open("/dev/kmsg", O_RDONLY), EPERM);
		_exit(0);
	}
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return 0;
}
