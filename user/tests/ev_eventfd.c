/*
 * eventfd(2): the counter's read and write rules, EFD_SEMAPHORE,
 * EFD_NONBLOCK's EAGAIN, the EINVAL cases (short buffers, the value ~0,
 * bad flags), the overflow limit, a read that blocks until another
 * process writes, and poll/epoll readiness.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include "utest.h"

static uint64_t rd(int fd)
{
	uint64_t v = 0;

	CHECK(read(fd, &v, sizeof(v)) == sizeof(v));
	return v;
}

static void wr(int fd, uint64_t v)
{
	CHECK(write(fd, &v, sizeof(v)) == sizeof(v));
}

static short revents(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

	CHECK(poll(&p, 1, 0) >= 0);
	return p.revents;
}

int main(void)
{
	uint64_t v = 0;
	char small[4];
	struct stat st;
	int fd, sem, ep;
	pid_t pid;

	CHECK_ERRNO(eventfd(0, 0x100), EINVAL);
	fd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
	CHECK(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	CHECK(fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == 0);
	CHECK(rd(fd) == 5);
	CHECK_ERRNO(read(fd, &v, sizeof(v)), EAGAIN);
	wr(fd, 3);
	wr(fd, 4);
	CHECK(rd(fd) == 7);
	CHECK_ERRNO(read(fd, small, sizeof(small)), EINVAL);
	CHECK_ERRNO(write(fd, small, sizeof(small)), EINVAL);
	v = UINT64_MAX;
	CHECK_ERRNO(write(fd, &v, sizeof(v)), EINVAL);
	CHECK(lseek(fd, 5, SEEK_SET) == 0);		/* moves nothing */
	CHECK_ERRNO(pread(fd, &v, sizeof(v), 0), ESPIPE);
	/* writing 0 is allowed and changes nothing */
	wr(fd, 0);
	CHECK_ERRNO(read(fd, &v, sizeof(v)), EAGAIN);
	/* the counter tops out at UINT64_MAX - 1 */
	CHECK(revents(fd) == POLLOUT);
	wr(fd, UINT64_MAX - 1);
	CHECK(revents(fd) == POLLIN);
	v = 1;
	CHECK_ERRNO(write(fd, &v, sizeof(v)), EAGAIN);
	CHECK(rd(fd) == UINT64_MAX - 1);
	CHECK(revents(fd) == POLLOUT);
	/* a larger buffer still moves 8 bytes */
	wr(fd, 9);
	{
		uint64_t big[2] = { 0, 0 };

		CHECK(read(fd, big, sizeof(big)) == 8 && big[0] == 9);
	}

	/* semaphore mode: one at a time */
	sem = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
	CHECK(sem >= 0);
	CHECK(rd(sem) == 1 && rd(sem) == 1);
	CHECK_ERRNO(read(sem, &v, sizeof(v)), EAGAIN);
	wr(sem, 3);
	CHECK(rd(sem) == 1);
	CHECK(revents(sem) == (POLLIN | POLLOUT));

	/* a blocking read waits for another process's write */
	CHECK(fcntl(fd, F_SETFL, 0) == 0);
	pid = utest_fork();
	if (pid == 0) {
		utest_sleep_ms(50);
		wr(fd, 42);
		_exit(0);
	}
	CHECK(rd(fd) == 42);
	CHECK_CHILD_OK(pid);

	/* epoll, edge-triggered: each write is an edge */
	ep = epoll_create1(0);
	CHECK(ep >= 0);
	{
		struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.fd = sem }, out[1];

		CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sem, &ev) == 0);
		CHECK(epoll_wait(ep, out, 1, 0) == 1 && out[0].data.fd == sem);
		CHECK(epoll_wait(ep, out, 1, 0) == 0);
		wr(sem, 1);
		CHECK(epoll_wait(ep, out, 1, 0) == 1 && out[0].events == EPOLLIN);
	}
	CHECK(close(ep) == 0 && close(sem) == 0 && close(fd) == 0);
	return 0;
}
