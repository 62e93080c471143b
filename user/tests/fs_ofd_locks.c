/*
 * Open-file-description record locks (F_OFD_GETLK, F_OFD_SETLK,
 * F_OFD_SETLKW): owned by the open file, so two opens in one process
 * conflict, a fork child and a dup share the lock, closing some other
 * descriptor of the file keeps it, the last close drops it.  F_GETLK
 * reports an OFD lock with l_pid -1; OFD and POSIX locks conflict; l_pid
 * must be 0 in requests; F_OFD_SETLKW waits for the unlock.
 */
#include <fcntl.h>
#include <poll.h>
#include "fs_util.h"

#define PATH "/tmp/ofd-lock-test"

static int setlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

static int open_file(void)
{
	int fd = open(PATH, O_RDWR | O_CREAT, 0644);

	CHECK(fd >= 0);
	return fd;
}

static void test_owner_is_the_file(void)
{
	int a = open_file(), b = open_file(), c, d;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 1 };
	pid_t pid;

	CHECK(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 10) == 0);
	CHECK_ERR(setlk(b, F_OFD_SETLK, F_RDLCK, 5, 1), EAGAIN);	/* same process */
	CHECK_ERR(setlk(b, F_SETLK, F_RDLCK, 5, 1), EAGAIN);		/* POSIX vs OFD */
	CHECK(fcntl(b, F_OFD_GETLK, &fl) == 0);
	CHECK(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 10 && fl.l_pid == -1);
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 3 };
	CHECK(fcntl(b, F_GETLK, &fl) == 0);
	CHECK(fl.l_type == F_WRLCK && fl.l_pid == -1);
	fl = (struct flock){ .l_type = F_RDLCK, .l_whence = SEEK_SET };
	CHECK(fcntl(a, F_OFD_GETLK, &fl) == 0);	/* our own lock is no conflict */
	CHECK(fl.l_type == F_UNLCK);

	pid = utest_fork();
	if (pid == 0) {
		CHECK(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 20) == 0);	/* same description */
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK_ERR(setlk(b, F_OFD_SETLK, F_RDLCK, 15, 1), EAGAIN);	/* the child's extension */

	c = dup(a);
	CHECK(close(c) == 0);
	d = open_file();
	CHECK(close(d) == 0);	/* unlike POSIX locks: still there */
	CHECK_ERR(setlk(b, F_OFD_SETLK, F_RDLCK, 0, 1), EAGAIN);
	CHECK(close(a) == 0);	/* the last reference */
	CHECK(setlk(b, F_OFD_SETLK, F_WRLCK, 0, 0) == 0);
	CHECK(close(b) == 0);
}

static void test_l_pid_must_be_zero(void)
{
	int a = open_file();
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };

	CHECK_ERR(fcntl(a, F_OFD_SETLK, &fl), EINVAL);
	CHECK_ERR(fcntl(a, F_OFD_SETLKW, &fl), EINVAL);
	CHECK_ERR(fcntl(a, F_OFD_GETLK, &fl), EINVAL);
	CHECK(close(a) == 0);
}

static void test_wait(void)
{
	int a = open_file(), p[2];
	struct pollfd pfd;
	pid_t pid;
	char c;

	CHECK(pipe(p) == 0);
	CHECK(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 0) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int b = open_file();

		CHECK(setlk(b, F_OFD_SETLKW, F_RDLCK, 100, 1) == 0);
		CHECK(write(p[1], "x", 1) == 1);
		_exit(0);
	}
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	CHECK(poll(&pfd, 1, 200) == 0);	/* still waiting */
	CHECK(setlk(a, F_OFD_SETLK, F_UNLCK, 50, 100) == 0);	/* frees byte 100 */
	CHECK(read(p[0], &c, 1) == 1);
	CHECK_CHILD_OK(pid);
	close(p[0]);
	close(p[1]);
	close(a);
}

int main(void)
{
	test_owner_is_the_file();
	test_l_pid_must_be_zero();
	test_wait();
	unlink(PATH);
	return 0;
}
