/*
 * /proc/sysrq-trigger is root's (mode 0200, as on Linux): a process that
 * dropped root cannot open it for writing or reading (EACCES) and so
 * cannot ask for a task dump, a reboot or a power-off.  Root may write:
 * Linux looks at the first byte only and takes the whole write, and an
 * empty write does nothing.  Reading, even as root, fails with EIO (the
 * file has nothing to read; root's open succeeds).  The key written here
 * is '?', which no command uses: both kernels answer with their list of
 * keys in the kernel log and do nothing else.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include "utest.h"

#define TRIGGER "/proc/sysrq-trigger"

static void check_as_root(void)
{
	struct stat st;
	char c;
	int fd;

	CHECK(stat(TRIGGER, &st) == 0);
	CHECK(S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0200);
	CHECK(st.st_uid == 0 && st.st_gid == 0);
	fd = open(TRIGGER, O_WRONLY);
	CHECK(fd >= 0);
	CHECK(write(fd, "", 0) == 0);
	CHECK(write(fd, "?\n", 2) == 2);	/* the whole write is taken */
	CHECK(close(fd) == 0);
	fd = open(TRIGGER, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERRNO(read(fd, &c, 1), EIO);
	CHECK(close(fd) == 0);
}

static void check_as_user(void)
{
	CHECK(setgroups(0, NULL) == 0);
	CHECK(setgid(1000) == 0);
	CHECK(setuid(1000) == 0);
	CHECK_ERRNO(open(TRIGGER, O_WRONLY), EACCES);
	CHECK_ERRNO(open(TRIGGER, O_RDONLY), EACCES);
	CHECK_ERRNO(open(TRIGGER, O_RDWR), EACCES);
	CHECK_ERRNO(access(TRIGGER, W_OK), EACCES);
}

int main(void)
{
	pid_t pid;

	check_as_root();
	pid = utest_fork();
	if (pid == 0) {
		check_as_user();
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	return 0;
}
