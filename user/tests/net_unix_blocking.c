/*
 * Blocking AF_UNIX calls across processes: recv, accept and connect
 * sleep until the other side acts; MSG_WAITALL waits for the whole
 * request; a full stream blocks its writer until the reader drains it;
 * SO_RCVTIMEO/SO_SNDTIMEO end a wait with EAGAIN; a signal ends one with
 * EINTR.
 */
#include "net_util.h"
#include <sys/time.h>

static void on_alarm(int sig)
{
	(void)sig;
}

static void check_recv_and_waitall(void)
{
	int sv[2];
	char buf[8];
	pid_t pid;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	pid = utest_fork();
	if (pid == 0) {
		usleep(50000);
		CHECK(write(sv[1], "abc", 3) == 3);
		usleep(50000);
		CHECK(write(sv[1], "defgh", 5) == 5);
		_exit(0);
	}
	CHECK(recv(sv[0], buf, sizeof(buf), 0) == 3);			/* what is there */
	CHECK(recv(sv[0], buf, 5, MSG_WAITALL) == 5 && memcmp(buf, "defgh", 5) == 0);
	CHECK_CHILD_OK(pid);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

static void check_accept_blocks(void)
{
	struct sockaddr_un a;
	socklen_t len = net_abstract_addr(&a, "net_unix_blocking");
	int l = net_listener(SOCK_STREAM, &a, len, 0), s, c, c2;
	char buf[4];
	pid_t pid;

	pid = utest_fork();
	if (pid == 0) {
		usleep(50000);
		c = net_connect(SOCK_STREAM, &a, len);
		_exit(write(c, "ok", 2) == 2 ? 0 : 1);
	}
	s = accept(l, NULL, NULL);
	CHECK(s >= 0 && read(s, buf, sizeof(buf)) == 2);
	CHECK_CHILD_OK(pid);
	CHECK(close(s) == 0);
	/* backlog 0 admits one; a second connect sleeps until accept */
	c = net_connect(SOCK_STREAM, &a, len);
	pid = utest_fork();
	if (pid == 0) {
		c2 = net_connect(SOCK_STREAM, &a, len);
		_exit(close(c2) == 0 ? 0 : 1);
	}
	usleep(100000);
	CHECK(waitpid(pid, NULL, WNOHANG) == 0);
	s = accept(l, NULL, NULL);
	CHECK(s >= 0);
	CHECK_CHILD_OK(pid);
	CHECK(close(s) == 0 && close(c) == 0 && close(l) == 0);
}

static void check_writer_blocks(void)
{
	static char big[1 << 20], sink[65536];
	int sv[2];
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	memset(big, 'z', sizeof(big));
	pid = utest_fork();
	if (pid == 0)		/* far more than the buffer holds: must wait for us */
		_exit(write(sv[0], big, sizeof(big)) == (ssize_t)sizeof(big) ? 0 : 1);
	usleep(50000);
	while (got < sizeof(big) && (n = read(sv[1], sink, sizeof(sink))) > 0) {
		CHECK(sink[0] == 'z' && sink[n - 1] == 'z');
		got += (size_t)n;
	}
	CHECK(got == sizeof(big));
	CHECK_CHILD_OK(pid);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

static void check_timeouts_and_signals(void)
{
	struct timeval tv = { 0, 100000 }, back;
	socklen_t len = sizeof(back);
	static char chunk[4096];
	struct sigaction sa = { .sa_handler = on_alarm };
	long long t0;
	int sv[2];
	char c;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
	CHECK(getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &back, &len) == 0);
	CHECK(len == sizeof(back) && back.tv_sec == 0 && back.tv_usec == 100000);
	t0 = utest_now_ns();
	CHECK_ERR(recv(sv[0], &c, 1, 0), EAGAIN);
	CHECK(utest_now_ns() - t0 >= 90000000LL);
	CHECK(setsockopt(sv[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == 0);
	while (send(sv[0], chunk, sizeof(chunk), MSG_DONTWAIT) > 0)
		;
	t0 = utest_now_ns();
	CHECK_ERR(send(sv[0], chunk, sizeof(chunk), 0), EAGAIN);
	CHECK(utest_now_ns() - t0 >= 90000000LL);
	/* no timeout on sv[1]: a signal without SA_RESTART gives EINTR */
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	while (recv(sv[1], chunk, sizeof(chunk), MSG_DONTWAIT) > 0)
		;
	alarm(1);
	CHECK_ERR(recv(sv[1], &c, 1, 0), EINTR);
	/* with a timeout set, a signal still gives EINTR */
	alarm(1);
	tv.tv_sec = 5;
	CHECK(setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
	sa.sa_flags = SA_RESTART;
	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	CHECK_ERR(recv(sv[1], &c, 1, 0), EINTR);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

int main(void)
{
	check_recv_and_waitall();
	check_accept_blocks();
	check_writer_blocks();
	check_timeouts_and_signals();
	return 0;
}
