/*
 * epoll on a pipe: level-triggered items are reported while data is
 * there, edge-triggered ones once per new write, one-shot ones once until
 * EPOLL_CTL_MOD re-arms them; the timeout -1/0/ms; EPOLLHUP and EPOLLERR
 * reported even when not asked for; maxevents caps one call.
 */
#include <fcntl.h>
#include <sys/epoll.h>
#include "utest.h"

static int wait_n(int ep, struct epoll_event *out, int max, int ms)
{
	int n = epoll_wait(ep, out, max, ms);

	CHECK(n >= 0);
	return n;
}

static void add(int ep, int fd, unsigned int events, unsigned long long data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0);
}

static void level_and_edge(void)
{
	struct epoll_event out[4];
	int lt[2], et[2], ep = epoll_create1(0);
	char buf[8];

	CHECK(ep >= 0 && pipe(lt) == 0 && pipe(et) == 0);
	add(ep, lt[0], EPOLLIN, 1);
	add(ep, et[0], EPOLLIN | EPOLLET, 2);
	CHECK(wait_n(ep, out, 4, 0) == 0);
	CHECK(write(lt[1], "ab", 2) == 2 && write(et[1], "ab", 2) == 2);
	CHECK(wait_n(ep, out, 4, 0) == 2);
	CHECK(out[0].events == EPOLLIN && out[1].events == EPOLLIN);
	CHECK(out[0].data.u64 + out[1].data.u64 == 3);
	/* nothing read: level-triggered reports again, edge-triggered does not */
	CHECK(wait_n(ep, out, 4, 0) == 1 && out[0].data.u64 == 1);
	CHECK(wait_n(ep, out, 4, 0) == 1 && out[0].data.u64 == 1);
	/* a partial read changes nothing for either */
	CHECK(read(lt[0], buf, 1) == 1 && read(et[0], buf, 1) == 1);
	CHECK(wait_n(ep, out, 4, 0) == 1 && out[0].data.u64 == 1);
	/* a new write is a new edge */
	CHECK(write(et[1], "c", 1) == 1);
	CHECK(wait_n(ep, out, 4, 0) == 2);
	CHECK(wait_n(ep, out, 4, 0) == 1 && out[0].data.u64 == 1);
	/* drained: the level-triggered item goes quiet */
	CHECK(read(lt[0], buf, sizeof(buf)) == 1);
	CHECK(wait_n(ep, out, 4, 0) == 0);
	/* maxevents caps a call; the rest comes next time */
	CHECK(write(lt[1], "d", 1) == 1 && write(et[1], "e", 1) == 1);
	CHECK(wait_n(ep, out, 1, 0) == 1);
	CHECK(wait_n(ep, out, 1, 0) == 1);
	CHECK(close(ep) == 0 && close(lt[0]) == 0 && close(lt[1]) == 0);
	CHECK(close(et[0]) == 0 && close(et[1]) == 0);
}

static void oneshot(void)
{
	struct epoll_event out[2], ev = { .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 9 };
	int p[2], ep = epoll_create1(0);

	CHECK(ep >= 0 && pipe(p) == 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	CHECK(write(p[1], "x", 1) == 1);
	CHECK(wait_n(ep, out, 2, 0) == 1 && out[0].data.u64 == 9);
	CHECK(wait_n(ep, out, 2, 0) == 0);		/* disabled */
	CHECK(write(p[1], "y", 1) == 1);
	CHECK(wait_n(ep, out, 2, 0) == 0);		/* still disabled */
	CHECK(close(p[1]) == 0);
	CHECK(wait_n(ep, out, 2, 0) == 0);		/* even a hang-up */
	/* the item is still there: ADD says so; MOD re-arms and reports at once */
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	ev.data.u64 = 10;
	CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0);
	CHECK(wait_n(ep, out, 2, 0) == 1 && out[0].data.u64 == 10);
	CHECK(out[0].events == (EPOLLIN | EPOLLHUP));
	CHECK(wait_n(ep, out, 2, 0) == 0);
	CHECK(close(ep) == 0 && close(p[0]) == 0);
}

static void timeouts(void)
{
	struct epoll_event out[1];
	int p[2], ep = epoll_create1(0);
	long long t0;
	pid_t pid;

	CHECK(ep >= 0 && pipe(p) == 0);
	add(ep, p[0], EPOLLIN, 0);
	t0 = utest_now_ns();
	CHECK(wait_n(ep, out, 1, 0) == 0);
	CHECK(wait_n(ep, out, 1, 50) == 0);
	CHECK(utest_now_ns() - t0 >= 50000000LL);
	/* -1 sleeps until another process writes */
	pid = utest_fork();
	if (pid == 0) {
		utest_sleep_ms(50);
		_exit(write(p[1], "z", 1) == 1 ? 0 : 1);
	}
	CHECK(wait_n(ep, out, 1, -1) == 1 && out[0].events == EPOLLIN);
	CHECK_CHILD_OK(pid);
	CHECK(close(ep) == 0 && close(p[0]) == 0 && close(p[1]) == 0);
}

static void hangup_and_error(void)
{
	struct epoll_event out[2];
	int p[2], q[2], ep = epoll_create1(0);

	CHECK(ep >= 0 && pipe(p) == 0 && pipe(q) == 0);
	add(ep, p[0], 0, 1);			/* nothing asked: HUP still comes */
	add(ep, q[1], EPOLLOUT, 2);
	CHECK(wait_n(ep, out, 2, 0) == 1 && out[0].data.u64 == 2 && out[0].events == EPOLLOUT);
	CHECK(close(p[1]) == 0 && close(q[0]) == 0);
	CHECK(wait_n(ep, out, 2, 0) == 2);
	for (int i = 0; i < 2; i++) {
		if (out[i].data.u64 == 1)
			CHECK(out[i].events == EPOLLHUP);
		else
			CHECK(out[i].events == (EPOLLOUT | EPOLLERR));
	}
	CHECK(close(ep) == 0 && close(p[0]) == 0 && close(q[1]) == 0);
}

int main(void)
{
	level_and_edge();
	oneshot();
	timeouts();
	hangup_and_error();
	return 0;
}
