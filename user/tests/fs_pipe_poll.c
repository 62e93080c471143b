/*
 * poll(2) on pipes and FIFOs: readable when data is there, writable while
 * PIPE_BUF bytes fit, POLLHUP for a reader once the writers are gone,
 * POLLERR for a writer without readers, and a sleeping poll woken by a
 * write from another process.
 */
#include <poll.h>
#include <sys/wait.h>
#include "fs_util.h"

static short revents(int fd, short events, int timeout)
{
	struct pollfd p = { .fd = fd, .events = events };

	CHECK(poll(&p, 1, timeout) >= 0);
	return p.revents;
}

int main(void)
{
	static char page[4096];
	int p[2], status, r, w;
	pid_t pid;

	fs_scratch("fs_pipe_poll");
	CHECK(pipe2(p, O_NONBLOCK) == 0);
	CHECK(revents(p[0], POLLIN, 0) == 0);
	CHECK(revents(p[1], POLLOUT, 0) == POLLOUT);
	CHECK(write(p[1], "x", 1) == 1);
	CHECK(revents(p[0], POLLIN, 0) == POLLIN);
	while (write(p[1], page, sizeof(page)) > 0)
		;
	CHECK(revents(p[1], POLLOUT, 0) == 0);		/* full */
	CHECK(close(p[1]) == 0);
	CHECK(revents(p[0], POLLIN, 0) == (POLLIN | POLLHUP));
	while (read(p[0], page, sizeof(page)) > 0)
		;
	CHECK(revents(p[0], POLLIN, 0) == POLLHUP);
	CHECK(close(p[0]) == 0);
	/* a writer without readers */
	CHECK(pipe(p) == 0 && close(p[0]) == 0);
	CHECK(revents(p[1], POLLOUT, 0) == (POLLOUT | POLLERR));
	CHECK(close(p[1]) == 0);
	/* a poll that sleeps until another process writes */
	CHECK(pipe(p) == 0);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		usleep(100000);
		_exit(write(p[1], "y", 1) == 1 ? 0 : 1);
	}
	CHECK(revents(p[0], POLLIN, 5000) == POLLIN);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(close(p[0]) == 0 && close(p[1]) == 0);
	/* a FIFO reader that came before any writer sees no hang-up */
	CHECK(mkfifo("fifo", 0600) == 0);
	r = open("fifo", O_RDONLY | O_NONBLOCK);
	CHECK(r >= 0 && revents(r, POLLIN, 0) == 0);
	w = open("fifo", O_WRONLY);
	CHECK(w >= 0 && close(w) == 0);
	CHECK(revents(r, POLLIN, 0) == POLLHUP);	/* a writer came and went */
	CHECK(close(r) == 0);
	return 0;
}
