/*
 * Readiness of AF_UNIX sockets through poll(2) and epoll: POLLIN with
 * data or a pending connection, POLLOUT, POLLHUP for an unconnected
 * stream socket, POLLRDHUP/POLLHUP after shutdown and close, and
 * sleepers woken by another process.
 */
#include "net_util.h"
#include <sys/epoll.h>

static void check_poll_states(void)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0), sv[2];
	short all = POLLIN | POLLOUT | POLLRDHUP;

	CHECK(net_revents(s, all, 0) == (POLLOUT | POLLHUP));	/* unconnected stream */
	CHECK(close(s) == 0);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK(net_revents(s, all, 0) == POLLOUT);
	CHECK(close(s) == 0);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(net_revents(sv[0], all, 0) == POLLOUT);
	CHECK(write(sv[1], "x", 1) == 1);
	CHECK(net_revents(sv[0], all, 0) == (POLLIN | POLLOUT));
	CHECK(shutdown(sv[1], SHUT_WR) == 0);
	CHECK(net_revents(sv[0], all, 0) == (POLLIN | POLLOUT | POLLRDHUP));
	CHECK(close(sv[1]) == 0);
	CHECK(net_revents(sv[0], all, 0) == (POLLIN | POLLOUT | POLLRDHUP | POLLHUP));
	CHECK(close(sv[0]) == 0);
}

static void check_epoll_wakeups(void)
{
	struct sockaddr_un a;
	socklen_t len = net_abstract_addr(&a, "net_unix_poll");
	int l = net_listener(SOCK_STREAM, &a, len, 8), ep = epoll_create1(0), c, s;
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 7 }, out[2];
	pid_t pid;

	CHECK(ep >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev) == 0);
	CHECK(epoll_wait(ep, out, 2, 0) == 0);
	pid = utest_fork();
	if (pid == 0) {
		usleep(50000);
		c = net_connect(SOCK_STREAM, &a, len);
		usleep(50000);
		CHECK(write(c, "data", 4) == 4);
		usleep(300000);
		_exit(close(c) == 0 ? 0 : 1);
	}
	CHECK(epoll_wait(ep, out, 2, 5000) == 1 && out[0].data.u32 == 7);
	s = accept(l, NULL, NULL);
	CHECK(s >= 0);
	ev.events = EPOLLIN | EPOLLRDHUP;
	ev.data.u32 = 8;
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, l, NULL) == 0 && epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev) == 0);
	CHECK(epoll_wait(ep, out, 2, 5000) == 1 && out[0].data.u32 == 8);
	CHECK(out[0].events == EPOLLIN);
	CHECK(read(s, (char[4]){ 0 }, 4) == 4);
	CHECK(epoll_wait(ep, out, 2, 5000) == 1);	/* the child closes */
	CHECK(out[0].events == (EPOLLIN | EPOLLRDHUP | EPOLLHUP));
	CHECK_CHILD_OK(pid);
	CHECK(close(s) == 0 && close(l) == 0 && close(ep) == 0);
}

/* A poll for POLLOUT sleeps until the reader drains a full socket. */
static void check_pollout_wakeup(void)
{
	static char chunk[4096];
	int sv[2];
	pid_t pid;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0);
	while (send(sv[0], chunk, sizeof(chunk), 0) > 0)
		;
	pid = utest_fork();
	if (pid == 0) {
		usleep(100000);
		while (recv(sv[1], chunk, sizeof(chunk), 0) > 0)
			;
		_exit(0);
	}
	CHECK(net_revents(sv[0], POLLOUT, 5000) == POLLOUT);
	CHECK_CHILD_OK(pid);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

int main(void)
{
	check_poll_states();
	check_epoll_wakeups();
	check_pollout_wakeup();
	return 0;
}
