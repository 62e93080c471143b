/*
 * Another thread closes a pipe's descriptors while a poller sleeps on it.
 * The poller's registration keeps the read end's file alive (Linux's poll
 * table holds a reference on every file it waits on), so nothing is freed
 * under it; closing the write end wakes it.  poll(2) then finds the
 * descriptor closed and reports POLLNVAL.  select(2) refuses a closed
 * descriptor with EBADF only before it sleeps; one closed later is
 * reported ready (Linux counts POLLNVAL in each of its three sets).  Many
 * rounds with varying delays, for SMP.
 */
#include <poll.h>
#include <pthread.h>
#include <sys/select.h>
#include "utest.h"

static int pipefd[2];
static volatile int poll_ret, poll_revents, poll_errno;
static volatile int select_ret, select_errno, select_bit;

static void *poller(void *arg)
{
	struct pollfd p = { .fd = pipefd[0], .events = POLLIN };

	(void)arg;
	poll_ret = poll(&p, 1, 5000);
	poll_errno = errno;
	poll_revents = p.revents;
	return NULL;
}

static void *selecter(void *arg)
{
	struct timeval tv = { 0, 800 * 1000 };
	fd_set in;
	int fd = pipefd[0];

	(void)arg;
	FD_ZERO(&in);
	FD_SET(fd, &in);
	select_ret = select(fd + 1, &in, NULL, NULL, &tv);
	select_errno = errno;
	select_bit = FD_ISSET(fd, &in);
	return NULL;
}

/* Start fn, let it sleep delay_ms, close both ends; the thread's time. */
static long long close_under(void *(*fn)(void *), int delay_ms)
{
	pthread_t th;
	long long start;

	CHECK(pipe(pipefd) == 0);
	start = utest_now_ns();
	CHECK(pthread_create(&th, NULL, fn, NULL) == 0);
	if (delay_ms)
		utest_sleep_ms(delay_ms);
	CHECK(close(pipefd[0]) == 0);
	CHECK(close(pipefd[1]) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	return (utest_now_ns() - start) / 1000000;
}

int main(void)
{
	long long ms;

	/* The poller is asleep when both ends go: woken, POLLNVAL. */
	ms = close_under(poller, 100);
	CHECK(poll_ret == 1 && poll_revents == POLLNVAL);
	CHECK(ms < 4000);

	/* select: woken by the close, finds the fd gone: ready, at once. */
	ms = close_under(selecter, 100);
	if (select_ret != 1)
		fprintf(stderr, "select returned %d errno %d\n", select_ret, select_errno);
	CHECK(select_ret == 1 && select_bit);
	CHECK(ms < 700);

	/* Closed before select starts: EBADF, as ever. */
	CHECK(pipe(pipefd) == 0);
	CHECK(close(pipefd[0]) == 0);
	CHECK(close(pipefd[1]) == 0);
	selecter(NULL);
	CHECK(select_ret == -1 && select_errno == EBADF);

	/* Many rounds, closing at different moments of the poller's sleep. */
	for (int i = 0; i < 100; i++) {
		close_under(poller, i % 4);
		CHECK(poll_ret == 1 && poll_revents == POLLNVAL);
	}
	return 0;
}
