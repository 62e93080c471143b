/*
 * Helpers for the file-system tests (fs_*.c): a private scratch
 * directory under /tmp, an expected-error check, and /dev for the device
 * tests.  Neither kernel mounts devtmpfs on /dev over an initramfs (only
 * the archive's /dev/console is there); fs_need_dev() mounts it.
 */
#ifndef FS_UTIL_H
#define FS_UTIL_H

#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include "utest.h"

/* expr must fail with errno e. */
#define CHECK_ERR(expr, e)						\
	do {								\
		errno = 0;						\
		long __r = (long)(expr);				\
		if (__r != -1 || errno != (e)) {			\
			fprintf(stderr, "%s:%d: %s = %ld, errno %d (%s); expected errno %d (%s)\n", \
				__FILE__, __LINE__, #expr, __r, errno, strerror(errno), \
				(e), strerror(e));			\
			exit(1);					\
		}							\
	} while (0)

/* Make /tmp/<name> and go there. */
static inline void fs_scratch(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "/tmp/%s", name);
	CHECK(mkdir(path, 0755) == 0 || errno == EEXIST);
	CHECK(chdir(path) == 0);
}

static inline void fs_need_dev(void)
{
	if (access("/dev/null", F_OK) != 0)
		CHECK(mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) == 0);
}

/* Write a whole string to a new file. */
static inline void fs_put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK(write(fd, s, strlen(s)) == (ssize_t)strlen(s));
	CHECK(close(fd) == 0);
}

#endif
