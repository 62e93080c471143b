/*
 * /dev/kmsg: each read returns one record "prio,seq,usec,-;text\n" with
 * non-printable bytes and '\' escaped as \xNN; a buffer too small for the
 * record gives EINVAL and skips it (Linux does); SEEK_END skips the past and
 * SEEK_SET goes back to the oldest record; other seeks fail; a reader
 * that fell behind the ring gets EPIPE once; poll and a
 * blocked read wake up when a record is written.  Writes end in '\n':
 * Linux keeps a record without one open (invisible to readers) until the
 * next record comes.
 */
#include <fcntl.h>
#include <poll.h>
#include "utest.h"

static void kmsg_write(const char *s, size_t len)
{
	int fd = open("/dev/kmsg", O_WRONLY);	/* one per message: Linux rate-limits per file */

	CHECK(fd >= 0);
	CHECK(write(fd, s, len) == (ssize_t)len);
	close(fd);
}

/* Read one record; check its prefix and text; return its sequence number. */
static unsigned long long expect_record(int fd, unsigned int prio, const char *text)
{
	char buf[2048], want[1200];
	unsigned long long seq, usec;
	unsigned int p;
	int off = 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	CHECK(n > 0);
	buf[n] = '\0';
	CHECK(sscanf(buf, "%u,%llu,%llu,-;%n", &p, &seq, &usec, &off) == 3 && off > 0);
	CHECK(p == prio);
	snprintf(want, sizeof(want), "%s\n", text);
	CHECK(strcmp(buf + off, want) == 0);
	return seq;
}

int main(void)
{
	struct pollfd pfd;
	unsigned long long s1, s2, s0;
	char small[8];
	int fd, status;
	pid_t pid;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	CHECK(fd >= 0);
	CHECK(lseek(fd, 0, SEEK_END) == 0);
	CHECK_ERRNO(read(fd, small, sizeof(small)), EAGAIN);
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK(poll(&pfd, 1, 0) == 0);

	kmsg_write("<6>hello\\world\001\n", 16);
	CHECK(poll(&pfd, 1, 2000) == 1 && (pfd.revents & POLLIN));
	s1 = expect_record(fd, 14, "hello\\x5cworld\\x01");

	kmsg_write("<3>second\n", 10);
	kmsg_write("<3>third\n", 9);
	CHECK_ERRNO(read(fd, small, sizeof(small)), EINVAL);	/* and "second" is skipped */
	s2 = expect_record(fd, 11, "third");
	CHECK(s2 >= s1 + 2);
	CHECK_ERRNO(read(fd, small, sizeof(small)), EAGAIN);

	/* Seeking: offsets must be 0; SEEK_SET rewinds to the oldest record. */
	CHECK_ERRNO(lseek(fd, 1, SEEK_SET), ESPIPE);
	CHECK_ERRNO(lseek(fd, 0, SEEK_CUR), EINVAL);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	{
		char buf[2048];
		unsigned int p;

		CHECK(read(fd, buf, sizeof(buf)) > 0);
		CHECK(sscanf(buf, "%u,%llu,", &p, &s0) == 2 && s0 <= s1);
	}
	close(fd);

	/* Records overwritten before we read them: EPIPE once, then the oldest. */
	{
		char line[200], buf[2048];
		unsigned int p;
		unsigned long long next;

		fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
		CHECK(fd >= 0 && lseek(fd, 0, SEEK_END) == 0);
		kmsg_write("<7>overwritten first\n", 22);
		memset(line, 'x', sizeof(line));
		memcpy(line, "<7>", 3);
		line[sizeof(line) - 1] = '\n';
		for (int i = 0; i < 2000; i++)	/* 400 KB: well past the 128 KiB ring */
			kmsg_write(line, sizeof(line));
		CHECK_ERRNO(read(fd, buf, sizeof(buf)), EPIPE);
		CHECK(read(fd, buf, sizeof(buf)) > 0);
		CHECK(sscanf(buf, "%u,%llu,", &p, &next) == 2 && p == 15 && next > s2 + 1);
		close(fd);
	}

	/* A blocked reader wakes up for a new record. */
	fd = open("/dev/kmsg", O_RDONLY);
	CHECK(fd >= 0 && lseek(fd, 0, SEEK_END) == 0);
	pid = utest_fork();
	if (pid == 0) {
		expect_record(fd, 12, "wake up");
		_exit(0);
	}
	usleep(200000);
	kmsg_write("wake up\n", 8);
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(fd);
	return 0;
}
