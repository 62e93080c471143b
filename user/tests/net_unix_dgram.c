/*
 * Unconnected and connected AF_UNIX datagram sockets: sendto an address,
 * the sender's address on recvfrom, EPERM toward a socket connected
 * elsewhere, ECONNREFUSED once the peer is gone, connect(AF_UNSPEC),
 * EMSGSIZE, the receive-queue limit for unconnected senders, and a
 * blocked sender woken when the receiver reads.
 */
#include "net_util.h"

static int bound_dgram(const char *name, struct sockaddr_un *a, socklen_t *len)
{
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);

	*len = net_abstract_addr(a, name);
	CHECK(s >= 0 && bind(s, (struct sockaddr *)a, *len) == 0);
	return s;
}

static void check_sendto(void)
{
	struct sockaddr_un ra, sa, got;
	socklen_t rlen, slen, glen = sizeof(got);
	int r = bound_dgram("dgram-r", &ra, &rlen), s = bound_dgram("dgram-s", &sa, &slen);
	int u = socket(AF_UNIX, SOCK_DGRAM, 0);
	char buf[16];

	CHECK(sendto(s, "hi", 2, 0, (struct sockaddr *)&ra, rlen) == 2);
	CHECK(recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen) == 2);
	CHECK(glen == slen && memcmp(&got, &sa, slen) == 0);
	CHECK(sendto(u, "anon", 4, 0, (struct sockaddr *)&ra, rlen) == 4);
	glen = sizeof(got);
	CHECK(recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&got, &glen) == 4 && glen == 0);
	/* r connects to s: now only s may send to r */
	CHECK(connect(r, (struct sockaddr *)&sa, slen) == 0);
	CHECK_ERR(sendto(u, "no", 2, 0, (struct sockaddr *)&ra, rlen), EPERM);
	CHECK(sendto(s, "ok", 2, 0, (struct sockaddr *)&ra, rlen) == 2);
	CHECK(send(r, "to-s", 4, 0) == 4);
	CHECK(recv(s, buf, sizeof(buf), 0) == 4);
	/* AF_UNSPEC dissolves the association */
	CHECK(connect(r, (struct sockaddr *)&(struct sockaddr){ .sa_family = AF_UNSPEC },
		      sizeof(struct sockaddr)) == 0);
	CHECK_ERR(send(r, "x", 1, 0), ENOTCONN);
	CHECK(sendto(u, "yes", 3, 0, (struct sockaddr *)&ra, rlen) == 3);
	CHECK(close(r) == 0);
	CHECK_ERR(sendto(u, "x", 1, 0, (struct sockaddr *)&ra, rlen), ECONNREFUSED);
	rlen = net_path_addr(&ra, "/tmp/no-such-socket");
	CHECK_ERR(sendto(u, "x", 1, 0, (struct sockaddr *)&ra, rlen), ENOENT);
	CHECK(close(s) == 0 && close(u) == 0);
}

/* An unbound sender with SO_PASSCRED is bound automatically when it sends. */
static void check_autobind_on_send(void)
{
	struct sockaddr_un ra, got, name;
	socklen_t rlen, glen = sizeof(got), nlen = sizeof(name);
	int r = bound_dgram("dgram-autobind", &ra, &rlen), s = socket(AF_UNIX, SOCK_DGRAM, 0);
	int on = 1;
	char c;

	CHECK(setsockopt(s, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0);
	CHECK(sendto(s, "a", 1, 0, (struct sockaddr *)&ra, rlen) == 1);
	CHECK(recvfrom(r, &c, 1, 0, (struct sockaddr *)&got, &glen) == 1);
	CHECK(glen == offsetof(struct sockaddr_un, sun_path) + 6 && got.sun_path[0] == '\0');
	CHECK(getsockname(s, (struct sockaddr *)&name, &nlen) == 0 && nlen == glen);
	CHECK(memcmp(&name, &got, glen) == 0);
	CHECK(close(s) == 0 && close(r) == 0);
}

static void check_peer_gone(void)
{
	struct sockaddr_un ra;
	socklen_t rlen;
	int r = bound_dgram("dgram-gone", &ra, &rlen), s = socket(AF_UNIX, SOCK_DGRAM, 0);

	CHECK(connect(s, (struct sockaddr *)&ra, rlen) == 0);
	CHECK(send(s, "a", 1, 0) == 1);
	CHECK(close(r) == 0);
	CHECK_ERR(send(s, "b", 1, 0), ECONNREFUSED);
	CHECK_ERR(send(s, "c", 1, 0), ENOTCONN);	/* the association is gone */
	CHECK(close(s) == 0);
}

static void check_sizes(void)
{
	static char big[300000];
	int sv[2], size = 8192;
	char buf[8];

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	CHECK_ERR(send(sv[0], big, sizeof(big), 0), EMSGSIZE);
	CHECK(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size)) == 0);
	CHECK_ERR(send(sv[0], big, 20000, 0), EMSGSIZE);	/* beyond 2 * 8192 */
	CHECK(send(sv[0], big, 10000, 0) == 10000);
	CHECK(recv(sv[1], buf, sizeof(buf), 0) == 8);		/* the rest is dropped */
	CHECK_ERR(recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

/* A receiver holds a bounded number of datagrams from others. */
static void check_queue_limit(void)
{
	struct sockaddr_un ra;
	socklen_t rlen;
	int r = bound_dgram("dgram-limit", &ra, &rlen);
	int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0), n = 0, status;
	char c;
	pid_t pid;

	CHECK(connect(s, (struct sockaddr *)&ra, rlen) == 0);
	while (send(s, "x", 1, 0) == 1)
		n++;
	CHECK(errno == EAGAIN && n >= 2 && n < 1000);
	CHECK(net_revents(s, POLLOUT, 0) == 0);		/* the peer is full */
	CHECK(recv(r, &c, 1, 0) == 1);
	CHECK(net_revents(s, POLLOUT, 0) == POLLOUT);
	CHECK(send(s, "y", 1, 0) == 1);
	CHECK_ERR(send(s, "z", 1, 0), EAGAIN);
	/* a blocking sender sleeps until the receiver reads */
	pid = utest_fork();
	if (pid == 0) {
		int b = socket(AF_UNIX, SOCK_DGRAM, 0);

		CHECK(connect(b, (struct sockaddr *)&ra, rlen) == 0);
		_exit(send(b, "w", 1, 0) == 1 ? 0 : 1);
	}
	usleep(100000);
	CHECK(waitpid(pid, &status, WNOHANG) == 0);	/* still blocked */
	CHECK(recv(r, &c, 1, 0) == 1);
	CHECK_CHILD_OK(pid);
	CHECK(close(s) == 0 && close(r) == 0);
}

/* sendmmsg/recvmmsg move several datagrams per call; readv/writev work too. */
static void check_mmsg(void)
{
	char bufs[3][8], in[8], part[2][3];
	struct iovec iov[3] = { { "aa", 2 }, { "bbb", 3 }, { "c", 1 } }, riov[3];
	struct iovec split[2] = { { part[0], 3 }, { part[1], 3 } };
	struct mmsghdr msgs[3], rmsgs[3];
	int sv[2];

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	memset(msgs, 0, sizeof(msgs));
	memset(rmsgs, 0, sizeof(rmsgs));
	for (int i = 0; i < 3; i++) {
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		riov[i].iov_base = bufs[i];
		riov[i].iov_len = sizeof(bufs[i]);
		rmsgs[i].msg_hdr.msg_iov = &riov[i];
		rmsgs[i].msg_hdr.msg_iovlen = 1;
	}
	CHECK(sendmmsg(sv[0], msgs, 3, 0) == 3);
	CHECK(msgs[0].msg_len == 2 && msgs[1].msg_len == 3 && msgs[2].msg_len == 1);
	CHECK(recvmmsg(sv[1], rmsgs, 3, MSG_DONTWAIT, NULL) == 3);
	CHECK(rmsgs[1].msg_len == 3 && memcmp(bufs[1], "bbb", 3) == 0);
	CHECK(rmsgs[2].msg_len == 1 && bufs[2][0] == 'c');
	CHECK_ERR(recvmmsg(sv[1], rmsgs, 3, MSG_DONTWAIT, NULL), EAGAIN);
	CHECK(sendmmsg(sv[0], msgs, 1, 0) == 1);
	CHECK(recvmmsg(sv[1], rmsgs, 3, MSG_WAITFORONE, NULL) == 1);	/* one, then no wait */
	CHECK(writev(sv[0], iov, 3) == 6);
	CHECK(readv(sv[1], split, 2) == 6 && memcmp(part, "aabbbc", 6) == 0);
	CHECK(write(sv[0], "xyz", 3) == 3 && read(sv[1], in, sizeof(in)) == 3);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

int main(void)
{
	check_sendto();
	check_autobind_on_send();
	check_peer_gone();
	check_sizes();
	check_queue_limit();
	check_mmsg();
	return 0;
}
