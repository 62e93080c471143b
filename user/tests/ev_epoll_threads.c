/*
 * epoll under concurrency (meant for SMP): one thread posts to an eventfd
 * while another collects through epoll_wait; meanwhile a third keeps
 * adding, removing and closing pipes in the same set, and a fourth keeps
 * arming and closing fast periodic timerfds in it.  Every posted count must
 * arrive exactly once, and nothing may hang or crash.
 */
#include <pthread.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include "utest.h"

#define POSTS	3000

static int ep, efd;
static volatile int done;
static volatile int pipe_rounds, timer_rounds;	/* how much churn happened */

static void *poster(void *arg)
{
	(void)arg;
	for (int i = 0; i < POSTS; i++) {
		uint64_t one = 1;

		CHECK(write(efd, &one, sizeof(one)) == sizeof(one));
		if (i % 64 == 0)
			sched_yield();
	}
	return NULL;
}

static void *churn_pipes(void *arg)
{
	(void)arg;
	while (!done) {
		struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.u64 = 0 };
		int p[2];

		CHECK(pipe(p) == 0);
		CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
		CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev) == 0);
		CHECK(write(p[1], "x", 1) == 1);
		CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL) == 0);
		CHECK(close(p[1]) == 0);	/* the read end's item sees a hang-up */
		CHECK(close(p[0]) == 0);	/* and goes with the file */
		pipe_rounds++;
	}
	return NULL;
}

static void *churn_timers(void *arg)
{
	struct itimerspec its = { .it_interval = { 0, 1000000 }, .it_value = { 0, 1000000 } };

	(void)arg;
	while (!done) {
		struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 0 };
		int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);

		CHECK(t >= 0);
		CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, t, &ev) == 0);
		CHECK(timerfd_settime(t, 0, &its, NULL) == 0);
		usleep(1500);
		CHECK(close(t) == 0);		/* maybe while its timer fires */
		timer_rounds++;
	}
	return NULL;
}

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u64 = 1 }, out[8];
	pthread_t th[3];
	uint64_t got = 0;

	ep = epoll_create1(0);
	efd = eventfd(0, EFD_NONBLOCK);
	CHECK(ep >= 0 && efd >= 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev) == 0);
	CHECK(pthread_create(&th[0], NULL, poster, NULL) == 0);
	CHECK(pthread_create(&th[1], NULL, churn_pipes, NULL) == 0);
	CHECK(pthread_create(&th[2], NULL, churn_timers, NULL) == 0);
	while (got < POSTS) {
		int n = epoll_wait(ep, out, 8, 5000);

		CHECK(n > 0);
		for (int i = 0; i < n; i++) {
			uint64_t v;

			if (out[i].data.u64 != 1)
				continue;
			/* edge-triggered: drain it all, or a later post may be missed */
			while (read(efd, &v, sizeof(v)) == sizeof(v))
				got += v;
			CHECK(errno == EAGAIN);
		}
	}
	CHECK(got == POSTS);
	while (pipe_rounds < 300 || timer_rounds < 100)	/* enough overlap */
		CHECK(epoll_wait(ep, out, 8, 1000) >= 0);
	done = 1;
	for (int i = 0; i < 3; i++)
		CHECK(pthread_join(th[i], NULL) == 0);
	CHECK(close(ep) == 0 && close(efd) == 0);
	return 0;
}
