/*
 * An epoll fd inside another: the outer set reports the inner one
 * readable while one of its items has events (re-checked, so a drained
 * pipe stops counting), a sleeping outer epoll_wait is woken through the
 * inner set, poll(2) works on an epoll fd, and cycles, and chains of
 * more than five sets (built from either end), are refused with ELOOP.
 */
#include <poll.h>
#include <sys/epoll.h>
#include "utest.h"

static void add(int ep, int fd, unsigned int events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
}

/* Sets nested in a chain: at most five deep, whichever end grows. */
static void chain_limits(void)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int up[6], down[6];

	for (int i = 0; i < 6; i++) {
		up[i] = epoll_create1(0);
		down[i] = epoll_create1(0);
		CHECK(up[i] >= 0 && down[i] >= 0);
	}
	/* bottom up: up[i] goes into up[i + 1] */
	for (int i = 0; i < 4; i++)
		CHECK(epoll_ctl(up[i + 1], EPOLL_CTL_ADD, up[i], &ev) == 0);
	CHECK_ERRNO(epoll_ctl(up[5], EPOLL_CTL_ADD, up[4], &ev), ELOOP);
	/* top down: down[i + 1] goes into down[i] */
	for (int i = 0; i < 4; i++)
		CHECK(epoll_ctl(down[i], EPOLL_CTL_ADD, down[i + 1], &ev) == 0);
	CHECK_ERRNO(epoll_ctl(down[4], EPOLL_CTL_ADD, down[5], &ev), ELOOP);
	/* an empty set counts too: none below down[4], one more below down[3] */
	CHECK_ERRNO(epoll_ctl(down[4], EPOLL_CTL_ADD, up[0], &ev), ELOOP);
	CHECK(epoll_ctl(down[3], EPOLL_CTL_ADD, up[0], &ev) == 0);
	for (int i = 0; i < 6; i++)
		CHECK(close(up[i]) == 0 && close(down[i]) == 0);
}

int main(void)
{
	struct epoll_event out[2], ev = { .events = EPOLLIN };
	struct pollfd pfd;
	int p[2], inner, outer, third;
	char c;
	pid_t pid;

	inner = epoll_create1(0);
	outer = epoll_create1(0);
	third = epoll_create1(0);
	CHECK(inner >= 0 && outer >= 0 && third >= 0 && pipe(p) == 0);
	add(inner, p[0], EPOLLIN, 1);
	add(outer, inner, EPOLLIN, 2);
	CHECK(epoll_wait(outer, out, 2, 0) == 0);
	pfd = (struct pollfd){ .fd = inner, .events = POLLIN };
	CHECK(poll(&pfd, 1, 0) == 0);

	CHECK(write(p[1], "a", 1) == 1);
	CHECK(epoll_wait(outer, out, 2, 0) == 1 && out[0].data.u64 == 2);
	CHECK(out[0].events == EPOLLIN);
	CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN);
	/* level-triggered all the way: still readable, and the inner set says so */
	CHECK(epoll_wait(outer, out, 2, 0) == 1);
	CHECK(epoll_wait(inner, out, 2, 0) == 1 && out[0].data.u64 == 1);
	/* drained: the outer set stops reporting the inner one */
	CHECK(read(p[0], &c, 1) == 1);
	CHECK(epoll_wait(outer, out, 2, 0) == 0);
	CHECK(poll(&pfd, 1, 0) == 0);

	/* an outer wait sleeps until a write reaches it through the inner set */
	pid = utest_fork();
	if (pid == 0) {
		utest_sleep_ms(50);
		_exit(write(p[1], "b", 1) == 1 ? 0 : 1);
	}
	CHECK(epoll_wait(outer, out, 2, 5000) == 1 && out[0].data.u64 == 2);
	CHECK_CHILD_OK(pid);
	/* and a poll(2) sleeping on an epoll fd */
	CHECK(read(p[0], &c, 1) == 1);
	pid = utest_fork();
	if (pid == 0) {
		utest_sleep_ms(50);
		_exit(write(p[1], "c", 1) == 1 ? 0 : 1);
	}
	CHECK(poll(&pfd, 1, 5000) == 1 && pfd.revents == POLLIN);
	CHECK_CHILD_OK(pid);

	/* cycles: outer holds inner, so inner may not hold outer */
	CHECK_ERRNO(epoll_ctl(inner, EPOLL_CTL_ADD, outer, &ev), ELOOP);
	add(third, outer, EPOLLIN, 3);
	CHECK_ERRNO(epoll_ctl(inner, EPOLL_CTL_ADD, third, &ev), ELOOP);
	CHECK(epoll_wait(third, out, 2, 0) == 1 && out[0].data.u64 == 3);
	/* closing the middle set drops it from the third one */
	CHECK(close(outer) == 0);
	CHECK(epoll_wait(third, out, 2, 0) == 0);
	add(inner, third, EPOLLIN, 4);		/* no cycle any more */
	CHECK(close(third) == 0 && close(inner) == 0);
	CHECK(close(p[0]) == 0 && close(p[1]) == 0);
	chain_limits();
	return 0;
}
