/*
 * Descriptors: dup(2), dup2(2), dup3(2), fcntl(2) (F_DUPFD,
 * F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL), the generic ioctls
 * FIOCLEX/FIONCLEX/FIONBIO, close_range(2), RLIMIT_NOFILE and EMFILE,
 * close-on-exec across execve, and fork sharing open files.
 */
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "fs_util.h"

#define CLOSE_RANGE_CLOEXEC	(1u << 2)

static void dups(void)
{
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), fd2;

	CHECK(fd >= 0);
	fd2 = dup(fd);
	CHECK(fd2 > fd);
	CHECK(dup2(fd, 40) == 40 && fcntl(40, F_GETFD) == 0);
	CHECK(dup2(fd, fd) == fd);
	CHECK_ERR(dup2(99, 41), EBADF);
	CHECK_ERR(dup2(99, 99), EBADF);
	CHECK(dup3(fd, 41, O_CLOEXEC) == 41 && fcntl(41, F_GETFD) == FD_CLOEXEC);
	CHECK_ERR(dup3(fd, fd, 0), EINVAL);
	CHECK_ERR(syscall(SYS_dup3, fd, 42, O_RDWR), EINVAL);	/* musl would use dup2 */
	CHECK_ERR(dup(-1), EBADF);
	CHECK(dup2(fd2, 40) == 40);			/* replaces what was at 40 */
	CHECK(close(40) == 0 && close(41) == 0 && close(fd2) == 0 && close(fd) == 0);
}

static void fcntls(void)
{
	int fd = open("f", O_RDWR | O_APPEND), flags;

	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_DUPFD, 30) == 30 && fcntl(30, F_GETFD) == 0);
	CHECK(fcntl(fd, F_DUPFD, 30) == 31);
	int cl = fcntl(fd, F_DUPFD_CLOEXEC, 0);

	CHECK(cl > fd && fcntl(cl, F_GETFD) == FD_CLOEXEC && close(cl) == 0);
	CHECK_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
	CHECK_ERR(fcntl(fd, F_DUPFD, 1 << 30), EINVAL);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(fd, F_SETFD, 0) == 0 && fcntl(fd, F_GETFD) == 0);
	flags = fcntl(fd, F_GETFL);
	CHECK((flags & O_ACCMODE) == O_RDWR && (flags & O_APPEND));
	CHECK(fcntl(fd, F_SETFL, O_NONBLOCK) == 0);
	flags = fcntl(fd, F_GETFL);
	CHECK((flags & O_NONBLOCK) && !(flags & O_APPEND) && (flags & O_ACCMODE) == O_RDWR);
	CHECK(fcntl(fd, F_SETFL, O_RDONLY | O_APPEND) == 0);	/* the access mode stays */
	CHECK((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK_ERR(fcntl(-1, F_GETFD), EBADF);
	CHECK_ERR(fcntl(fd, 9999), EINVAL);
	/* the generic ioctls */
	CHECK(ioctl(fd, FIOCLEX) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK(ioctl(fd, FIONCLEX) == 0 && fcntl(fd, F_GETFD) == 0);
	int on = 1;
	CHECK(ioctl(fd, FIONBIO, &on) == 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK));
	on = 0;
	CHECK(ioctl(fd, FIONBIO, &on) == 0 && !(fcntl(fd, F_GETFL) & O_NONBLOCK));
	CHECK_ERR(ioctl(fd, TIOCGWINSZ, &on), ENOTTY);
	CHECK_ERR(ioctl(-1, FIOCLEX), EBADF);
	CHECK(close(30) == 0 && close(31) == 0 && close(fd) == 0);
}

static void limits(void)
{
	struct rlimit old, rl = { 16, 16 };
	int fds[16], n = 0, fd;

	CHECK(getrlimit(RLIMIT_NOFILE, &old) == 0 && old.rlim_cur == 1024);
	CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
	while ((fd = open("f", O_RDONLY)) >= 0)
		fds[n++] = fd;
	CHECK(errno == EMFILE && n == 13 && fds[12] == 15);	/* 0-2 were taken */
	CHECK_ERR(dup(0), EMFILE);
	CHECK_ERR(dup2(0, 16), EBADF);
	CHECK_ERR(fcntl(0, F_DUPFD, 16), EINVAL);
	CHECK_ERR(open("newfile", O_CREAT | O_RDWR, 0644), EMFILE);
	CHECK(access("newfile", F_OK) != 0);		/* EMFILE comes before creating */
	int p[2];
	CHECK_ERR(pipe(p), EMFILE);
	while (n)
		CHECK(close(fds[--n]) == 0);
	CHECK(setrlimit(RLIMIT_NOFILE, &old) == 0);
}

static void ranges(void)
{
	for (int i = 10; i < 20; i++)
		CHECK(dup2(0, i) == i);
	CHECK(syscall(SYS_close_range, 12, 14, 0) == 0);
	CHECK_ERR(fcntl(12, F_GETFD), EBADF);
	CHECK_ERR(fcntl(14, F_GETFD), EBADF);
	CHECK(fcntl(15, F_GETFD) == 0);
	CHECK(syscall(SYS_close_range, 15, ~0u, CLOSE_RANGE_CLOEXEC) == 0);
	CHECK(fcntl(19, F_GETFD) == FD_CLOEXEC);
	CHECK(syscall(SYS_close_range, 10, ~0u, 0) == 0);
	CHECK_ERR(fcntl(10, F_GETFD), EBADF);
	CHECK_ERR(fcntl(19, F_GETFD), EBADF);
	CHECK_ERR(syscall(SYS_close_range, 5, 4, 0), EINVAL);
	CHECK_ERR(syscall(SYS_close_range, 5, 6, 0x1), EINVAL);
}

static void sharing(void)
{
	int fd = open("shared", O_RDWR | O_CREAT | O_TRUNC, 0644), status;
	pid_t pid;

	CHECK(fd >= 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK(write(fd, "child", 5) == 5);	/* moves the shared offset */
		_exit(0);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 5);
	CHECK(close(fd) == 0);
}

/* After execve, close-on-exec descriptors are gone and the rest stay. */
static void exec_side(void)
{
	CHECK(fcntl(20, F_GETFD) == 0);
	CHECK_ERR(fcntl(21, F_GETFD), EBADF);
	exit(0);
}

static void cloexec(const char *self)
{
	int status;
	pid_t pid;

	CHECK(dup2(0, 20) == 20 && dup3(0, 21, O_CLOEXEC) == 21);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		execl(self, self, "exec-side", (char *)NULL);
		_exit(127);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(close(20) == 0 && close(21) == 0);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-side") == 0)
		exec_side();
	fs_scratch("fs_fd");
	dups();
	fcntls();
	limits();
	ranges();
	sharing();
	cloexec("/tests/fs_fd");
	return 0;
}
