/*
 * Pipes and FIFOs: pipe2(2) flags, end of file, EPIPE and SIGPIPE,
 * non-blocking behaviour, the 64 KiB capacity, PIPE_BUF atomicity,
 * FIONREAD, F_GETPIPE_SZ/F_SETPIPE_SZ, blocking reads woken by a writer,
 * and named FIFOs (mknod S_IFIFO): the open handshake and O_NONBLOCK rules.
 */
#include <limits.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "fs_util.h"

#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#endif

static void flags_and_eof(void)
{
	char buf[8];
	int p[2];
	struct stat st;

	CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0);
	CHECK(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK));
	CHECK(fcntl(p[1], F_GETFL) == (O_WRONLY | O_NONBLOCK));
	CHECK(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode) && st.st_size == 0);
	CHECK_ERR(read(p[0], buf, sizeof(buf)), EAGAIN);
	CHECK_ERR(write(p[0], "x", 1), EBADF);
	CHECK_ERR(read(p[1], buf, 1), EBADF);
	CHECK(write(p[1], "abc", 3) == 3);
	int n = -1;
	CHECK(ioctl(p[0], FIONREAD, &n) == 0 && n == 3);
	CHECK(read(p[0], buf, 2) == 2 && read(p[0], buf, 8) == 1);
	CHECK(close(p[1]) == 0);
	CHECK(read(p[0], buf, sizeof(buf)) == 0);		/* EOF, not EAGAIN */
	CHECK(close(p[0]) == 0);
	CHECK_ERR(pipe2(p, O_RDWR), EINVAL);
	CHECK_ERR(syscall(SYS_pipe, (int *)8), EFAULT);
}

static void broken(void)
{
	int p[2], status;
	pid_t pid;

	CHECK(pipe(p) == 0 && close(p[0]) == 0);
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(p[1], "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
	CHECK(close(p[1]) == 0);
}

/*
 * Capacity checks use page-sized writes: Linux counts pipe space in page
 * slots, so only those make the byte counts the same on every kernel.
 */
static void capacity(void)
{
	static char big[70000];
	int p[2];
	long total = 0, n;

	CHECK(pipe2(p, O_NONBLOCK) == 0);
	CHECK(fcntl(p[0], F_GETPIPE_SZ) == 65536);
	while ((n = write(p[1], big, 4096)) > 0)
		total += n;
	CHECK(errno == EAGAIN && total == 65536);
	CHECK(read(p[0], big, 100) == 100);
	/* a write of at most PIPE_BUF bytes goes in whole or not at all */
	CHECK_ERR(write(p[1], big, 200), EAGAIN);
	CHECK(read(p[0], big, 3996) == 3996);
	/* a bigger one takes what fits */
	CHECK(write(p[1], big, 8192) == 4096);
	CHECK_ERR(fcntl(p[0], F_SETPIPE_SZ, 4096), EBUSY);
	CHECK(read(p[0], big, sizeof(big)) == 65536);
	CHECK(fcntl(p[1], F_SETPIPE_SZ, 0) == 4096);
	CHECK(fcntl(p[0], F_GETPIPE_SZ) == 4096);
	CHECK(fcntl(p[1], F_SETPIPE_SZ, 5000) == 8192);
	CHECK(write(p[1], "ab", 2) == 2);
	CHECK(fcntl(p[1], F_SETPIPE_SZ, 65536) == 65536);	/* keeps the bytes */
	CHECK(read(p[0], big, 10) == 2 && memcmp(big, "ab", 2) == 0);
	int fd = open("/tmp", O_RDONLY);
	CHECK_ERR(fcntl(fd, F_GETPIPE_SZ), EBADF);
	CHECK(close(fd) == 0 && close(p[0]) == 0 && close(p[1]) == 0);
}

/* A reader blocked on an empty pipe wakes when data arrives. */
static void blocking(void)
{
	static char chunk[PIPE_BUF];
	int p[2], status, records = 0;
	pid_t pid;
	ssize_t n;

	CHECK(pipe(p) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(p[0]);
		usleep(50000);
		for (int i = 0; i < 100; i++) {
			memset(chunk, 'a' + i % 26, sizeof(chunk));
			if (write(p[1], chunk, sizeof(chunk)) != (ssize_t)sizeof(chunk))
				_exit(1);
		}
		_exit(0);
	}
	CHECK(close(p[1]) == 0);
	/* PIPE_BUF-sized writes arrive whole, never interleaved or split */
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0) {
		CHECK(n == PIPE_BUF);
		for (int i = 1; i < PIPE_BUF; i++)
			CHECK(chunk[i] == chunk[0]);
		CHECK(chunk[0] == 'a' + records % 26);
		records++;
	}
	CHECK(n == 0 && records == 100);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(close(p[0]) == 0);
}

static void fifos(void)
{
	char buf[8];
	int r, w, status;
	pid_t pid;
	struct stat st;

	CHECK(mkfifo("fifo", 0644) == 0);
	CHECK(stat("fifo", &st) == 0 && S_ISFIFO(st.st_mode));
	CHECK_ERR(mkfifo("fifo", 0644), EEXIST);
	CHECK_ERR(open("fifo", O_WRONLY | O_NONBLOCK), ENXIO);	/* no reader */
	r = open("fifo", O_RDONLY | O_NONBLOCK);		/* a reader never waits */
	CHECK(r >= 0);
	CHECK(read(r, buf, sizeof(buf)) == 0);			/* no writer yet: EOF */
	w = open("fifo", O_WRONLY | O_NONBLOCK);
	CHECK(w >= 0 && write(w, "hi", 2) == 2);
	CHECK(read(r, buf, sizeof(buf)) == 2 && memcmp(buf, "hi", 2) == 0);
	CHECK_ERR(lseek(r, 0, SEEK_SET), ESPIPE);
	CHECK(close(w) == 0 && close(r) == 0);
	/* blocking opens wait for each other */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		int fd = open("fifo", O_WRONLY);

		_exit(fd >= 0 && write(fd, "x", 1) == 1 ? 0 : 1);
	}
	r = open("fifo", O_RDONLY);
	CHECK(r >= 0 && read(r, buf, 1) == 1 && buf[0] == 'x');
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(read(r, buf, 1) == 0);
	CHECK(close(r) == 0);
	r = open("fifo", O_RDWR);				/* never waits */
	CHECK(r >= 0 && write(r, "y", 1) == 1 && read(r, buf, 1) == 1 && close(r) == 0);
	CHECK(mknod("fifo2", S_IFIFO | 0600, 0) == 0);
	CHECK(unlink("fifo2") == 0 && unlink("fifo") == 0);
}

int main(void)
{
	fs_scratch("fs_pipe");
	flags_and_eof();
	broken();
	capacity();
	blocking();
	fifos();
	return 0;
}
