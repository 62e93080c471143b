/*
 * An epoll item is keyed by (file, fd) and lives as long as the open file:
 * closing the registered fd while a dup is open keeps it (still reported
 * with its old data, and no longer reachable through the closed number),
 * closing the last descriptor removes it.  Also FIFOs, the console tty,
 * and an epoll fd inherited across fork sharing one interest list.
 */
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include "utest.h"

static void add(int ep, int fd, unsigned int events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
}

static void dup_keeps_interest(void)
{
	struct epoll_event out[2], ev = { .events = EPOLLIN };
	int p[2], d, d2, ep = epoll_create1(0);

	CHECK(ep >= 0 && pipe(p) == 0);
	add(ep, p[0], EPOLLIN, 100);
	CHECK(write(p[1], "x", 1) == 1);
	d = dup(p[0]);
	CHECK(d >= 0 && close(p[0]) == 0);
	CHECK(epoll_wait(ep, out, 2, 0) == 1 && out[0].data.u64 == 100);
	/* the key was (file, old fd): the dup is a different key */
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_DEL, d, &ev), ENOENT);
	/* the old number is closed: it cannot be named any more */
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], &ev), EBADF);
	/* the same file under the dup's number is a second item */
	add(ep, d, EPOLLIN, 200);
	CHECK(epoll_wait(ep, out, 2, 0) == 2 && out[0].data.u64 + out[1].data.u64 == 300);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, d, &ev) == 0);
	/* the last close removes the remaining item: nothing left to report */
	d2 = dup(d);
	CHECK(d2 >= 0 && close(d) == 0);
	CHECK(epoll_wait(ep, out, 2, 0) == 1 && out[0].data.u64 == 100);
	CHECK(close(d2) == 0);
	CHECK(epoll_wait(ep, out, 2, 0) == 0);
	/* a new file at the old number is a new key */
	CHECK(dup2(p[1], p[0]) == p[0]);
	add(ep, p[0], EPOLLOUT, 300);
	CHECK(epoll_wait(ep, out, 2, 0) == 1 && out[0].data.u64 == 300);
	CHECK(close(ep) == 0 && close(p[0]) == 0 && close(p[1]) == 0);
}

static void fifo_and_tty(void)
{
	struct epoll_event out[2];
	int r, w, tty, ep = epoll_create1(0);

	CHECK(ep >= 0);
	CHECK(mkfifo("/tmp/ev_epoll_fifo", 0600) == 0 || errno == EEXIST);
	r = open("/tmp/ev_epoll_fifo", O_RDONLY | O_NONBLOCK);
	w = open("/tmp/ev_epoll_fifo", O_WRONLY);
	CHECK(r >= 0 && w >= 0);
	add(ep, r, EPOLLIN | EPOLLET, 1);
	CHECK(epoll_wait(ep, out, 2, 0) == 0);
	CHECK(write(w, "f", 1) == 1);
	CHECK(epoll_wait(ep, out, 2, 100) == 1 && out[0].events == EPOLLIN);
	CHECK(close(w) == 0);		/* the hang-up is a new edge */
	CHECK(epoll_wait(ep, out, 2, 100) == 1 && out[0].events == (EPOLLIN | EPOLLHUP));
	CHECK(close(r) == 0 && unlink("/tmp/ev_epoll_fifo") == 0);
	/* the console: writable, nothing typed */
	tty = open("/dev/console", O_RDWR | O_NOCTTY);
	CHECK(tty >= 0);
	add(ep, tty, EPOLLOUT, 2);
	CHECK(epoll_wait(ep, out, 2, 0) == 1 && out[0].events == EPOLLOUT && out[0].data.u64 == 2);
	CHECK(close(tty) == 0 && close(ep) == 0);
}

static void shared_across_fork(void)
{
	struct epoll_event out[1];
	int p[2], ep = epoll_create1(0);
	pid_t pid;

	CHECK(ep >= 0 && pipe(p) == 0);
	pid = utest_fork();
	if (pid == 0) {
		/* the child adds to the set the parent waits on */
		add(ep, p[0], EPOLLIN, 55);
		CHECK(write(p[1], "c", 1) == 1);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(epoll_wait(ep, out, 1, 1000) == 1 && out[0].data.u64 == 55);
	CHECK(close(ep) == 0 && close(p[0]) == 0 && close(p[1]) == 0);
}

int main(void)
{
	dup_keeps_interest();
	fifo_and_tty();
	shared_across_fork();
	return 0;
}
