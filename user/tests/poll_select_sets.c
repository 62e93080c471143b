/*
 * poll(2) and select(2) over many descriptors: arrays and sets larger than
 * a few words (the kernel's on-stack fast path and its allocated one give
 * the same answers), descriptors in different words of an fd_set, bits at
 * and above nfds ignored and cleared, a descriptor counted once per set it
 * is ready in, EBADF for a closed descriptor named in a set, POLLNVAL for
 * one in a poll array, and negative poll entries skipped.
 */
#include <poll.h>
#include <sys/select.h>
#include <sys/resource.h>
#include <unistd.h>
#include "utest.h"

#define NPIPES	24	/* 48 poll entries: more than fit on the kernel's stack */

static int pipes[NPIPES][2];

static void poll_many(void)
{
	struct pollfd p[2 * NPIPES + 2];
	int n = 0;

	for (int i = 0; i < NPIPES; i++) {
		p[n++] = (struct pollfd){ .fd = pipes[i][0], .events = POLLIN };
		p[n++] = (struct pollfd){ .fd = pipes[i][1], .events = POLLOUT };
	}
	p[n++] = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = 0x7fff };
	p[n++] = (struct pollfd){ .fd = 1000, .events = POLLIN };	/* not open */
	/* every write end, the odd read ends (they hold a byte), the closed fd */
	CHECK(poll(p, n, 0) == NPIPES + NPIPES / 2 + 1);
	for (int i = 0; i < NPIPES; i++) {
		CHECK(p[2 * i].revents == (i % 2 ? POLLIN : 0));
		CHECK(p[2 * i + 1].revents == POLLOUT);
	}
	CHECK(p[n - 2].revents == 0);
	CHECK(p[n - 1].revents == POLLNVAL);
}

static void select_many(void)
{
	int hi = 300, mid = 70, nfds = hi + 1;
	fd_set in, out;
	struct timeval zero = { 0, 0 };

	/* descriptors in the first, second and fifth word of the sets */
	CHECK(dup2(pipes[1][0], mid) == mid);		/* readable */
	CHECK(dup2(pipes[3][0], hi) == hi);		/* readable */
	FD_ZERO(&in);
	FD_ZERO(&out);
	for (int i = 0; i < NPIPES; i++) {
		FD_SET(pipes[i][0], &in);
		FD_SET(pipes[i][1], &out);
	}
	FD_SET(mid, &in);
	FD_SET(hi, &in);
	FD_SET(pipes[5][1], &in);		/* a write end asked for reading: not ready */
	CHECK(select(nfds, &in, &out, NULL, &zero) == NPIPES / 2 + 2 + NPIPES);
	for (int i = 0; i < NPIPES; i++) {
		CHECK(!!FD_ISSET(pipes[i][0], &in) == (i % 2));
		CHECK(FD_ISSET(pipes[i][1], &out));
	}
	CHECK(FD_ISSET(mid, &in) && FD_ISSET(hi, &in));
	CHECK(!FD_ISSET(pipes[5][1], &in));

	/* one descriptor ready in two sets counts twice */
	FD_ZERO(&in);
	FD_ZERO(&out);
	FD_SET(mid, &in);
	FD_SET(pipes[1][1], &out);
	FD_SET(pipes[1][1], &in);
	CHECK(select(mid + 1, &in, &out, NULL, &zero) == 2);
	CHECK(FD_ISSET(mid, &in) && FD_ISSET(pipes[1][1], &out) && !FD_ISSET(pipes[1][1], &in));

	/* a bit at nfds, in the same word, is not asked about and comes back clear */
	FD_ZERO(&in);
	FD_SET(pipes[1][0], &in);
	FD_SET(mid, &in);
	CHECK(select(mid, &in, NULL, NULL, &zero) == 1);
	CHECK(FD_ISSET(pipes[1][0], &in) && !FD_ISSET(mid, &in));

	/* a closed descriptor in any set: EBADF, even beside a ready one */
	CHECK(close(hi) == 0);
	FD_ZERO(&in);
	FD_SET(mid, &in);
	FD_SET(hi, &in);
	CHECK_ERRNO(select(nfds, &in, NULL, NULL, &zero), EBADF);
	FD_ZERO(&out);
	FD_ZERO(&in);
	FD_SET(mid, &in);
	FD_SET(hi, &out);
	CHECK_ERRNO(select(nfds, &in, &out, NULL, &zero), EBADF);
	CHECK(close(mid) == 0);
}

int main(void)
{
	struct rlimit rl;

	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	CHECK(rl.rlim_cur > 300);
	for (int i = 0; i < NPIPES; i++) {
		CHECK(pipe(pipes[i]) == 0);
		if (i % 2)
			CHECK(write(pipes[i][1], "x", 1) == 1);
	}
	poll_many();
	select_many();
	return 0;
}
