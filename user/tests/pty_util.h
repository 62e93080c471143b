/*
 * Helpers for the pseudo-terminal tests (pty_*.c): /dev with devpts on
 * /dev/pts (neither kernel mounts them over the test initramfs), a pair
 * opened the libc way, and reading what
 * the master has to say within a deadline.
 */
#ifndef PTY_UTIL_H
#define PTY_UTIL_H

#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include "utest.h"

static inline void pty_need_devpts(void)
{
	struct stat st;

	if (access("/dev/null", F_OK) != 0)
		CHECK(mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) == 0);
	CHECK(mkdir("/dev/pts", 0755) == 0 || errno == EEXIST);
	if (stat("/dev/pts/ptmx", &st) != 0)
		CHECK(mount("devpts", "/dev/pts", "devpts", 0, NULL) == 0);
}

/* A new pair: the master (O_RDWR|O_NOCTTY) and, unlocked, the slave's name. */
static inline int pty_open_master(char *name, size_t len)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	CHECK(m >= 0);
	CHECK(grantpt(m) == 0);
	CHECK(unlockpt(m) == 0);
	CHECK(ptsname_r(m, name, len) == 0);
	return m;
}

/* Read from fd until want bytes came or timeout_ms passed; NUL-terminates. */
static inline size_t pty_read_for(int fd, char *buf, size_t want, int timeout_ms)
{
	long long end = 0;
	size_t got = 0;
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	end = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000 + timeout_ms;
	while (got < want) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long long now;
		ssize_t n;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		now = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
		if (now >= end || poll(&p, 1, (int)(end - now)) <= 0)
			break;
		n = read(fd, buf + got, want - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	return got;
}

/* Read from fd until the text contains needle (or timeout); true if it did. */
static inline int pty_expect(int fd, const char *needle, char *buf, size_t size, int timeout_ms)
{
	size_t got = 0;

	buf[0] = '\0';
	for (int waited = 0; waited < timeout_ms && !strstr(buf, needle); waited += 100) {
		if (got + 1 >= size)
			break;
		got += pty_read_for(fd, buf + got, 1, 100);
		while (got + 1 < size) {
			struct pollfd p = { .fd = fd, .events = POLLIN };
			ssize_t n;

			if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN))
				break;
			n = read(fd, buf + got, size - 1 - got);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		buf[got] = '\0';
	}
	return strstr(buf, needle) != NULL;
}

#endif
