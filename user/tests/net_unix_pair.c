/*
 * AF_UNIX socketpair(2) of each type: data in both directions, message
 * boundaries (dgram, seqpacket) or their absence (stream), MSG_PEEK,
 * MSG_TRUNC, FIONREAD/SIOCOUTQ, non-blocking EAGAIN once the buffer is
 * full, shutdown and close as the other end sees them (EOF, EPIPE with
 * SIGPIPE, MSG_NOSIGNAL, ECONNRESET), names and SO_PEERCRED.
 */
#include "net_util.h"
#include <sys/ioctl.h>

#ifndef SIOCOUTQ
#define SIOCOUTQ	TIOCOUTQ	/* linux/sockios.h, absent from musl */
#endif

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static void check_stream(void)
{
	int sv[2], n = -1;
	char buf[16];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(write(sv[0], "hello", 5) == 5 && write(sv[0], "world", 5) == 5);
	CHECK(ioctl(sv[1], FIONREAD, &n) == 0 && n == 10);
	CHECK(ioctl(sv[0], SIOCOUTQ, &n) == 0 && n > 0);
	CHECK(recv(sv[1], buf, 3, MSG_PEEK) == 3 && memcmp(buf, "hel", 3) == 0);
	CHECK(recv(sv[1], buf, sizeof(buf), MSG_PEEK) == 10);	/* peek coalesces too */
	CHECK(read(sv[1], buf, 7) == 7 && memcmp(buf, "hellowo", 7) == 0);
	CHECK(read(sv[1], buf, sizeof(buf)) == 3 && memcmp(buf, "rld", 3) == 0);
	CHECK(ioctl(sv[0], SIOCOUTQ, &n) == 0 && n == 0);
	CHECK(write(sv[1], "back", 4) == 4 && read(sv[0], buf, 4) == 4);
	CHECK_ERR(recv(sv[1], buf, 1, MSG_DONTWAIT), EAGAIN);
	CHECK_ERR(recv(sv[1], buf, 0, MSG_DONTWAIT), EAGAIN);	/* even for zero bytes */
	CHECK(read(sv[1], buf, 0) == 0);			/* but read(2) returns at once */
	CHECK(fcntl(sv[1], F_SETFL, O_NONBLOCK) == 0);
	CHECK_ERR(read(sv[1], buf, 1), EAGAIN);
	n = 0;
	CHECK(ioctl(sv[1], FIONBIO, &n) == 0 && fcntl(sv[1], F_GETFL) == O_RDWR);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

/* Datagram-style pairs keep boundaries; a short buffer truncates. */
static void check_messages(int type)
{
	int sv[2], n = -1;
	char buf[16];
	struct iovec iov = { buf, 2 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	CHECK(socketpair(AF_UNIX, type, 0, sv) == 0);
	CHECK(send(sv[0], "one", 3, 0) == 3 && send(sv[0], "three", 5, 0) == 5);
	CHECK(send(sv[0], "", 0, 0) == 0);				/* an empty message */
	CHECK(ioctl(sv[1], FIONREAD, &n) == 0 && n == (type == SOCK_DGRAM ? 3 : 8));
	CHECK(recv(sv[1], buf, sizeof(buf), MSG_PEEK) == 3);
	CHECK(recv(sv[1], buf, sizeof(buf), 0) == 3 && memcmp(buf, "one", 3) == 0);
	CHECK(recvmsg(sv[1], &m, 0) == 2 && (m.msg_flags & MSG_TRUNC));
	CHECK(memcmp(buf, "th", 2) == 0);
	CHECK(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT) == 0);	/* the empty one */
	CHECK_ERR(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	CHECK(send(sv[1], "abcdef", 6, 0) == 6);
	CHECK(recv(sv[0], buf, 2, MSG_TRUNC) == 6);		/* the real length */
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

/* Fill a non-blocking pair; EAGAIN; reading makes room again. */
static void check_full(int type)
{
	static char chunk[4096];
	int sv[2], sent = 0;
	ssize_t n;

	CHECK(socketpair(AF_UNIX, type | SOCK_NONBLOCK, 0, sv) == 0);
	CHECK(net_revents(sv[0], POLLOUT, 0) == POLLOUT);
	while ((n = send(sv[0], chunk, sizeof(chunk), 0)) > 0)
		sent += (int)n;
	CHECK(n == -1 && errno == EAGAIN);
	CHECK(sent >= 64 * 1024 && sent < 4 * 1024 * 1024);	/* bounded, not tiny */
	CHECK(net_revents(sv[0], POLLOUT, 0) == 0);
	while (recv(sv[1], chunk, sizeof(chunk), 0) > 0)
		;
	CHECK(net_revents(sv[0], POLLOUT, 0) == POLLOUT);
	CHECK(send(sv[0], chunk, sizeof(chunk), 0) == sizeof(chunk));
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

static void check_shutdown(int type)
{
	int sv[2];
	char buf[8];

	CHECK(socketpair(AF_UNIX, type, 0, sv) == 0);
	CHECK(send(sv[0], "ab", 2, 0) == 2);
	CHECK(shutdown(sv[0], SHUT_WR) == 0);
	CHECK(recv(sv[1], buf, sizeof(buf), 0) == 2);	/* data first, */
	CHECK(recv(sv[1], buf, sizeof(buf), 0) == 0);	/* then end of file */
	CHECK(net_revents(sv[1], POLLIN | POLLRDHUP, 0) == (POLLIN | POLLRDHUP));
	sigpipes = 0;
	CHECK_ERR(send(sv[0], "x", 1, 0), EPIPE);
	CHECK(sigpipes == (type == SOCK_STREAM ? 1 : 0));	/* only streams signal */
	CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	CHECK(sigpipes == (type == SOCK_STREAM ? 1 : 0));
	CHECK(send(sv[1], "cd", 2, 0) == 2);		/* the other way still works */
	CHECK(recv(sv[0], buf, sizeof(buf), 0) == 2);
	CHECK(shutdown(sv[1], SHUT_RD) == 0);
	CHECK(close(sv[0]) == 0);
	CHECK(net_revents(sv[1], POLLIN | POLLOUT, 0) & POLLHUP);
	CHECK(close(sv[1]) == 0);
}

/* Closing with unread data resets the peer once, then it reads EOF. */
static void check_close(void)
{
	int sv[2];
	char buf[8];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(send(sv[1], "zz", 2, 0) == 2);	/* never read by sv[0] */
	CHECK(send(sv[0], "yy", 2, 0) == 2);
	CHECK(close(sv[0]) == 0);
	CHECK(recv(sv[1], buf, sizeof(buf), 0) == 2);	/* queued data survives */
	CHECK_ERR(recv(sv[1], buf, sizeof(buf), 0), ECONNRESET);
	CHECK(recv(sv[1], buf, sizeof(buf), 0) == 0);
	sigpipes = 0;
	CHECK_ERR(write(sv[1], "x", 1), EPIPE);
	CHECK(sigpipes == 1);
	CHECK(close(sv[1]) == 0);
	/* a clean close: EOF at once */
	CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
	CHECK(close(sv[0]) == 0);
	CHECK(recv(sv[1], buf, sizeof(buf), 0) == 0);
	CHECK(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT) == 0);
	CHECK_ERR(send(sv[1], "x", 1, 0), EPIPE);
	CHECK(close(sv[1]) == 0);
}

/* Unbound pair: names of length 2 (family only), no source address, our creds. */
static void check_names(void)
{
	struct sockaddr_un a;
	socklen_t len = sizeof(a);
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	int sv[2];
	char c;

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	CHECK(getsockname(sv[0], (struct sockaddr *)&a, &len) == 0);
	CHECK(len == sizeof(sa_family_t) && a.sun_family == AF_UNIX);
	len = sizeof(a);
	CHECK(getpeername(sv[0], (struct sockaddr *)&a, &len) == 0 && len == 2);
	CHECK(send(sv[0], "q", 1, 0) == 1);
	len = sizeof(a);
	CHECK(recvfrom(sv[1], &c, 1, 0, (struct sockaddr *)&a, &len) == 1 && len == 0);
	CHECK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0);
	CHECK(clen == sizeof(cred) && cred.pid == getpid());
	CHECK(cred.uid == geteuid() && cred.gid == getegid());
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

int main(void)
{
	signal(SIGPIPE, on_sigpipe);
	check_stream();
	check_messages(SOCK_DGRAM);
	check_messages(SOCK_SEQPACKET);
	check_full(SOCK_STREAM);
	check_full(SOCK_DGRAM);
	check_shutdown(SOCK_STREAM);
	check_shutdown(SOCK_SEQPACKET);
	check_close();
	check_names();
	return 0;
}
