/*
 * Control messages on AF_UNIX sockets: SCM_RIGHTS (descriptors arrive as
 * new descriptors on the same open files, MSG_CTRUNC and closed extras
 * when the buffer is short, MSG_CMSG_CLOEXEC, EBADF, files in flight
 * dropped cleanly with the socket), SCM_CREDENTIALS with SO_PASSCRED
 * (defaults, forged values refused for non-root: EPERM).
 */
#include "net_util.h"
#include <sys/resource.h>

/* Send data plus n descriptors. */
static ssize_t send_fds(int s, const int *fds, int n, const char *data, size_t len)
{
	char ctl[CMSG_SPACE(8 * sizeof(int))];
	struct iovec iov = { (void *)data, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = CMSG_SPACE(n * sizeof(int)) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	memset(ctl, 0, sizeof(ctl));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	return sendmsg(s, &m, 0);
}

/* Receive with a control buffer of ctl_len bytes; fds[] gets what arrived. */
static ssize_t recv_fds(int s, int *fds, int *nfds, size_t ctl_len, int flags, int *mflags)
{
	char data[16], ctl[CMSG_SPACE(8 * sizeof(int))];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = ctl_len };
	ssize_t r = recvmsg(s, &m, flags);
	struct cmsghdr *c;

	*nfds = 0;
	if (r < 0)
		return r;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			*nfds = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
			memcpy(fds, CMSG_DATA(c), *nfds * sizeof(int));
		}
	*mflags = m.msg_flags;
	return r;
}

static int count_open_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 256; fd++)
		if (fcntl(fd, F_GETFD) != -1)
			n++;
	return n;
}

static void check_rights(int type)
{
	int sv[2], p[2], got[8], n, flags, before;
	struct stat a, b;
	char c;

	CHECK(socketpair(AF_UNIX, type, 0, sv) == 0 && pipe(p) == 0);
	before = count_open_fds();
	CHECK(send_fds(sv[0], p, 2, "F", 1) == 1);
	CHECK(recv_fds(sv[1], got, &n, CMSG_SPACE(8 * sizeof(int)), 0, &flags) == 1);
	CHECK(n == 2 && !(flags & MSG_CTRUNC));
	CHECK(count_open_fds() == before + 2);
	CHECK(fstat(got[1], &a) == 0 && fstat(p[1], &b) == 0 && a.st_ino == b.st_ino);
	CHECK(write(got[1], "!", 1) == 1 && read(p[0], &c, 1) == 1 && c == '!');
	CHECK(fcntl(got[0], F_GETFD) == 0);
	CHECK(close(got[0]) == 0 && close(got[1]) == 0);
	/* room for one: the second is closed, MSG_CTRUNC */
	CHECK(send_fds(sv[0], p, 2, "G", 1) == 1);
	CHECK(recv_fds(sv[1], got, &n, CMSG_LEN(sizeof(int)), 0, &flags) == 1);
	CHECK(n == 1 && (flags & MSG_CTRUNC) && count_open_fds() == before + 1);
	CHECK(close(got[0]) == 0);
	/* no control buffer at all: both closed */
	CHECK(send_fds(sv[0], p, 2, "H", 1) == 1);
	CHECK(recv_fds(sv[1], got, &n, 0, 0, &flags) == 1 && n == 0 && (flags & MSG_CTRUNC));
	CHECK(count_open_fds() == before);
	/* MSG_CMSG_CLOEXEC */
	CHECK(send_fds(sv[0], p, 1, "I", 1) == 1);
	CHECK(recv_fds(sv[1], got, &n, CMSG_SPACE(sizeof(int)), MSG_CMSG_CLOEXEC, &flags) == 1);
	CHECK(n == 1 && fcntl(got[0], F_GETFD) == FD_CLOEXEC && close(got[0]) == 0);
	/* a bad descriptor: EBADF, nothing sent */
	CHECK_ERR(send_fds(sv[0], (int[]){ p[0], 999 }, 2, "J", 1), EBADF);
	CHECK_ERR(recv(sv[1], &c, 1, MSG_DONTWAIT), EAGAIN);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
	CHECK(close(p[0]) == 0 && close(p[1]) == 0);
}

/* Stream reads stop after the byte the descriptors came with. */
static void check_stream_boundary(void)
{
	int sv[2], p[2], got[8], n, flags;
	char buf[8];

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && pipe(p) == 0);
	CHECK(send(sv[0], "ab", 2, 0) == 2);
	CHECK(send_fds(sv[0], p, 1, "cd", 2) == 2);
	CHECK(send(sv[0], "ef", 2, 0) == 2);
	CHECK(recv_fds(sv[1], got, &n, CMSG_SPACE(sizeof(int)), 0, &flags) == 4 && n == 1);
	CHECK(close(got[0]) == 0);
	CHECK(recv(sv[1], buf, sizeof(buf), 0) == 2);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0 && close(p[0]) == 0 && close(p[1]) == 0);
}

/* Files in flight die with the socket; sockets may carry sockets. */
static void check_in_flight_cleanup(void)
{
	int sv[2], inner[2], p[2], before = count_open_fds();
	char c;

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0 && pipe(p) == 0);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, inner) == 0);
	CHECK(send_fds(sv[0], (int[]){ p[1], inner[0], sv[0] }, 3, "k", 1) == 1);
	CHECK(close(p[1]) == 0 && close(inner[0]) == 0);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
	/* the pipe's last writer was in flight: its reader sees EOF now */
	CHECK(read(p[0], &c, 1) == 0);
	CHECK(recv(inner[1], &c, 1, 0) == 0);		/* and inner[0] was closed */
	CHECK(close(p[0]) == 0 && close(inner[1]) == 0);
	CHECK(count_open_fds() == before);
	/* sending to a closed peer fails and keeps nothing */
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && pipe(p) == 0);
	CHECK(close(sv[1]) == 0);
	CHECK_ERR(send_fds(sv[0], p, 1, "x", 1), EPIPE);
	CHECK(close(p[1]) == 0);
	CHECK(read(p[0], &c, 1) == 0);
	CHECK(close(p[0]) == 0 && close(sv[0]) == 0);
}

/*
 * Two sockets carrying each other, with no descriptor left: only the
 * garbage collector, which runs when any AF_UNIX socket is released,
 * can free them, and with them a pipe's last writer.
 */
static void check_cycle_collected(void)
{
	int sv[2], p[2], before = count_open_fds();

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0 && pipe(p) == 0);
	CHECK(send_fds(sv[0], (int[]){ sv[0], p[1] }, 2, "a", 1) == 1);
	CHECK(send_fds(sv[1], (int[]){ sv[1] }, 1, "b", 1) == 1);
	CHECK(close(p[1]) == 0 && close(sv[0]) == 0 && close(sv[1]) == 0);
	CHECK(close(socket(AF_UNIX, SOCK_STREAM, 0)) == 0);
	CHECK(net_revents(p[0], POLLIN, 5000) == POLLHUP);	/* the writer is gone */
	CHECK(close(p[0]) == 0 && count_open_fds() == before);
	/* a socket inside its own queue is a cycle too */
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0 && pipe(p) == 0);
	CHECK(send_fds(sv[0], (int[]){ sv[1], p[1] }, 2, "c", 1) == 1);
	CHECK(close(p[1]) == 0 && close(sv[1]) == 0 && close(sv[0]) == 0);
	CHECK(close(socket(AF_UNIX, SOCK_DGRAM, 0)) == 0);
	CHECK(net_revents(p[0], POLLIN, 5000) == POLLHUP);
	CHECK(close(p[0]) == 0);
}

/* A receiver at its descriptor limit gets what fits, and MSG_CTRUNC. */
static void check_limits(void)
{
	int sv[2], p[2], got[8], n, flags, sent = 0;
	struct rlimit rl = { 64, 64 };
	pid_t pid;

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0 && pipe(p) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int fd;

		CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
		while ((fd = open("/", O_RDONLY)) >= 0)
			;
		CHECK(errno == EMFILE);
		CHECK(close(63) == 0);			/* exactly one free slot */
		CHECK(send_fds(sv[0], p, 2, "L", 1) == 1);
		CHECK(recv_fds(sv[1], got, &n, CMSG_SPACE(8 * sizeof(int)), 0, &flags) == 1);
		CHECK(n == 1 && got[0] == 63 && (flags & MSG_CTRUNC));
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	/* a non-root user may keep at most RLIMIT_NOFILE files in flight */
	pid = utest_fork();
	if (pid == 0) {
		rl.rlim_cur = rl.rlim_max = 16;
		CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
		CHECK(setgid(1000) == 0 && setuid(1000) == 0);
		while (send_fds(sv[0], p, 1, "M", 1) == 1)
			sent++;
		CHECK(errno == ETOOMANYREFS && sent == 17);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0 && close(p[0]) == 0 && close(p[1]) == 0);
}

static ssize_t send_creds(int s, pid_t pid, uid_t uid, gid_t gid)
{
	char ctl[CMSG_SPACE(sizeof(struct ucred))];
	struct ucred cr = { .pid = pid, .uid = uid, .gid = gid };
	struct iovec iov = { "c", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = sizeof(ctl) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof(cr));
	memcpy(CMSG_DATA(c), &cr, sizeof(cr));
	return sendmsg(s, &m, 0);
}

static int recv_creds(int s, struct ucred *cr)
{
	char ctl[CMSG_SPACE(sizeof(struct ucred))], c;
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = sizeof(ctl) };
	struct cmsghdr *h;

	CHECK(recvmsg(s, &m, 0) == 1);
	h = CMSG_FIRSTHDR(&m);
	if (!h || h->cmsg_type != SCM_CREDENTIALS || h->cmsg_len != CMSG_LEN(sizeof(*cr)))
		return -1;
	memcpy(cr, CMSG_DATA(h), sizeof(*cr));
	CHECK(m.msg_controllen == CMSG_SPACE(sizeof(*cr)));
	return 0;
}

static void check_credentials(void)
{
	int sv[2], on = 1;
	struct ucred cr;
	pid_t pid;

	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	CHECK(send(sv[0], "c", 1, 0) == 1);
	CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) == 0);
	/* sent before anyone asked: no sender known (pid 0, the overflow ids) */
	CHECK(recv_creds(sv[1], &cr) == 0);
	CHECK(cr.pid == 0 && cr.uid == 65534 && cr.gid == 65534);
	CHECK(send(sv[0], "c", 1, 0) == 1);
	CHECK(recv_creds(sv[1], &cr) == 0);
	CHECK(cr.pid == getpid() && cr.uid == getuid() && cr.gid == getgid());
	CHECK(send_creds(sv[0], getpid(), getuid(), getgid()) == 1);
	CHECK(recv_creds(sv[1], &cr) == 0 && cr.pid == getpid());
	/* root may claim another live process */
	CHECK(send_creds(sv[0], 1, 5, 6) == 1);
	CHECK(recv_creds(sv[1], &cr) == 0 && cr.pid == 1 && cr.uid == 5 && cr.gid == 6);
	CHECK_ERR(send_creds(sv[0], 999999, 0, 0), ESRCH);
	CHECK_ERR(send_creds(sv[0], getpid(), -1, 0), EINVAL);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setgid(1000) == 0 && setuid(1000) == 0);
		CHECK_ERR(send_creds(sv[0], 1, 1000, 1000), EPERM);
		CHECK_ERR(send_creds(sv[0], getpid(), 0, 1000), EPERM);
		CHECK_ERR(send_creds(sv[0], getpid(), 1000, 0), EPERM);
		CHECK(send_creds(sv[0], getpid(), 1000, 1000) == 1);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(recv_creds(sv[1], &cr) == 0 && cr.pid == pid && cr.uid == 1000 && cr.gid == 1000);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	check_rights(SOCK_STREAM);
	check_rights(SOCK_DGRAM);
	check_rights(SOCK_SEQPACKET);
	check_stream_boundary();
	check_in_flight_cleanup();
	check_cycle_collected();
	check_limits();
	check_credentials();
	return 0;
}
