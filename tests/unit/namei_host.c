/* The host's side of test_namei.c (see namei_host.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>
#include "namei_host.h"

int namei_host_mkdir(const char *path)
{
	return mkdir(path, 0755) ? -errno : 0;
}

int namei_host_touch(const char *path)
{
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

int namei_host_symlink(const char *target, const char *path)
{
	return symlink(target, path) ? -errno : 0;
}

int namei_host_open_root(const char *dir)
{
	struct open_how how = { .flags = O_PATH, .resolve = RESOLVE_IN_ROOT };
	int fd = open(dir, O_PATH | O_DIRECTORY);
	long probe;

	if (fd < 0)
		return -1;
	probe = syscall(SYS_openat2, fd, ".", &how, sizeof(how));
	if (probe < 0) {
		close(fd);
		return -1;
	}
	close((int)probe);
	return fd;
}

void namei_host_close(int fd)
{
	close(fd);
}

int namei_host_resolve(int rootfd, const char *root, const char *name, bool follow,
		       unsigned int resolve, char *where, size_t len)
{
	struct open_how how = {
		.flags = O_PATH | (follow ? 0 : O_NOFOLLOW),
		.resolve = ((resolve & NAMEI_HOST_IN_ROOT) ? RESOLVE_IN_ROOT : 0) |
			   ((resolve & NAMEI_HOST_BENEATH) ? RESOLVE_BENEATH : 0) |
			   ((resolve & NAMEI_HOST_NO_SYMLINKS) ? RESOLVE_NO_SYMLINKS : 0),
	};
	char proc[64], full[4096];
	size_t rootlen = strlen(root);
	long fd = syscall(SYS_openat2, rootfd, name, &how, sizeof(how));
	ssize_t n;

	if (fd < 0)
		return -errno;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%ld", fd);
	n = readlink(proc, full, sizeof(full) - 1);
	close((int)fd);
	if (n <= 0)
		return -EIO;
	full[n] = '\0';
	if (strncmp(full, root, rootlen) != 0)
		snprintf(where, len, "outside: %s", full);
	else
		snprintf(where, len, "%s", full[rootlen] ? full + rootlen : "/");
	return 0;
}
