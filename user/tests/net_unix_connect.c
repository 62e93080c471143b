/*
 * AF_UNIX names and connections: bind to a path (an S_IFSOCK node, umask
 * applied, EADDRINUSE when the name exists), abstract names and
 * autobind, the address lengths Linux reports, listen/connect/accept,
 * and the errors on the way (ECONNREFUSED, ENOENT, EPROTOTYPE, EISCONN,
 * EINVAL, EOPNOTSUPP, EAGAIN on a full backlog).
 */
#include "net_util.h"

static void check_path_bind(void)
{
	struct sockaddr_un a, got;
	socklen_t len = net_path_addr(&a, "srv"), glen = sizeof(got);
	int s = socket(AF_UNIX, SOCK_STREAM, 0), t = socket(AF_UNIX, SOCK_STREAM, 0);
	struct stat st;

	umask(022);
	CHECK(bind(s, (struct sockaddr *)&a, len) == 0);
	CHECK(stat("srv", &st) == 0 && S_ISSOCK(st.st_mode) && (st.st_mode & 0777) == 0755);
	CHECK(getsockname(s, (struct sockaddr *)&got, &glen) == 0);
	CHECK(glen == len && strcmp(got.sun_path, "srv") == 0);
	glen = 3;			/* a short buffer: cut, but the real length comes back */
	CHECK(getsockname(s, (struct sockaddr *)&got, &glen) == 0 && glen == len);
	CHECK_ERR(bind(t, (struct sockaddr *)&a, len), EADDRINUSE);
	CHECK_ERR(bind(s, (struct sockaddr *)&a, len), EADDRINUSE);	/* name checked first */
	len = net_path_addr(&a, "other");
	CHECK_ERR(bind(s, (struct sockaddr *)&a, len), EINVAL);		/* already bound */
	CHECK_ERR(stat("other", &st), ENOENT);				/* and nothing left over */
	CHECK(close(open("file", O_CREAT | O_WRONLY, 0644)) == 0);
	len = net_path_addr(&a, "file");
	CHECK_ERR(bind(t, (struct sockaddr *)&a, len), EADDRINUSE);
	len = net_path_addr(&a, "nodir/x");
	CHECK_ERR(bind(t, (struct sockaddr *)&a, len), ENOENT);
	/* a name without its NUL inside the given length still works */
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 4);
	memcpy(a.sun_path, "abcd", 4);
	CHECK(bind(t, (struct sockaddr *)&a, len) == 0);
	glen = sizeof(got);
	CHECK(getsockname(t, (struct sockaddr *)&got, &glen) == 0 && glen == len + 1);
	CHECK(strcmp(got.sun_path, "abcd") == 0);
	CHECK(close(s) == 0 && close(t) == 0);
	CHECK(unlink("srv") == 0 && unlink("abcd") == 0 && unlink("file") == 0);
}

static void check_abstract_and_autobind(void)
{
	struct sockaddr_un a, got;
	socklen_t len = net_abstract_addr(&a, "net_unix_connect"), glen = sizeof(got);
	int s = socket(AF_UNIX, SOCK_DGRAM, 0), t = socket(AF_UNIX, SOCK_DGRAM, 0);
	int u = socket(AF_UNIX, SOCK_STREAM, 0);

	CHECK(bind(s, (struct sockaddr *)&a, len) == 0);
	CHECK(getsockname(s, (struct sockaddr *)&got, &glen) == 0 && glen == len);
	CHECK(memcmp(&got, &a, len) == 0);
	CHECK_ERR(bind(t, (struct sockaddr *)&a, len), EADDRINUSE);
	CHECK(bind(t, (struct sockaddr *)&a, len - 1) == 0);	/* shorter: another name */
	CHECK(bind(u, (struct sockaddr *)&(struct sockaddr_un){ .sun_family = AF_UNIX },
		   sizeof(sa_family_t)) == 0);		/* autobind */
	glen = sizeof(got);
	CHECK(getsockname(u, (struct sockaddr *)&got, &glen) == 0);
	CHECK(glen == offsetof(struct sockaddr_un, sun_path) + 6 && got.sun_path[0] == '\0');
	for (int i = 1; i < 6; i++)
		CHECK(strchr("0123456789abcdef", got.sun_path[i]) != NULL);
	/* autobind on a bound socket changes nothing */
	CHECK(bind(u, (struct sockaddr *)&(struct sockaddr_un){ .sun_family = AF_UNIX },
		   sizeof(sa_family_t)) == 0);
	CHECK_ERR(bind(u, (struct sockaddr *)&(struct sockaddr_un){ .sun_family = AF_INET },
		       sizeof(struct sockaddr_un)), EINVAL);
	CHECK(close(s) == 0 && close(t) == 0 && close(u) == 0);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);			/* the name is free again */
	CHECK(bind(s, (struct sockaddr *)&a, len) == 0 && close(s) == 0);
}

/* A connection: both ends' names, credentials, data before accept. */
static void check_connect_accept(void)
{
	struct sockaddr_un a, got;
	socklen_t len = net_path_addr(&a, "listener"), glen = sizeof(got);
	int l = net_listener(SOCK_STREAM, &a, len, 4), c, s, v = 0;
	socklen_t vlen = sizeof(v);
	struct ucred cred;
	socklen_t clen = sizeof(cred);
	char buf[8];

	CHECK(getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &vlen) == 0 && v == 1);
	CHECK(net_revents(l, POLLIN | POLLOUT, 0) == 0);
	c = net_connect(SOCK_STREAM, &a, len);
	CHECK(send(c, "early", 5, 0) == 5);		/* before accept */
	CHECK(net_revents(l, POLLIN, 0) == POLLIN);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), EISCONN);
	s = accept(l, (struct sockaddr *)&got, &glen);
	CHECK(s >= 0 && glen == sizeof(sa_family_t));	/* the client is unbound */
	CHECK(recv(s, buf, sizeof(buf), 0) == 5 && memcmp(buf, "early", 5) == 0);
	glen = sizeof(got);
	CHECK(getsockname(s, (struct sockaddr *)&got, &glen) == 0 && glen == len);
	CHECK(strcmp(got.sun_path, "listener") == 0);
	glen = sizeof(got);
	CHECK(getpeername(c, (struct sockaddr *)&got, &glen) == 0 && glen == len);
	glen = sizeof(got);
	CHECK(getpeername(s, (struct sockaddr *)&got, &glen) == 0 && glen == 2);
	CHECK(getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0 && cred.pid == getpid());
	CHECK(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cred, &clen) == 0 && cred.pid == getpid());
	CHECK_ERR(listen(c, 1), EINVAL);		/* connected */
	CHECK_ERR(accept(c, NULL, NULL), EINVAL);	/* not listening */
	CHECK(close(c) == 0 && close(s) == 0 && close(l) == 0);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), ECONNREFUSED);	/* closed */
	CHECK(close(c) == 0 && unlink("listener") == 0);
}

static void check_connect_errors(void)
{
	struct sockaddr_un a, b;
	socklen_t len = net_path_addr(&a, "bound"), blen;
	int s = socket(AF_UNIX, SOCK_STREAM, 0), c = socket(AF_UNIX, SOCK_STREAM, 0);
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	char buf[4];

	CHECK_ERR(listen(s, 1), EINVAL);			/* unbound */
	CHECK_ERR(listen(d, 1), EOPNOTSUPP);
	CHECK_ERR(accept(d, NULL, NULL), EOPNOTSUPP);
	CHECK_ERR(recv(c, buf, sizeof(buf), 0), EINVAL);	/* unconnected stream */
	CHECK_ERR(send(c, "x", 1, 0), ENOTCONN);
	CHECK_ERR(send(d, "x", 1, 0), ENOTCONN);
	CHECK_ERR(getpeername(c, (struct sockaddr *)&b, &(socklen_t){ sizeof(b) }), ENOTCONN);
	CHECK(bind(s, (struct sockaddr *)&a, len) == 0);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), ECONNREFUSED);	/* not listening */
	CHECK(listen(s, 1) == 0);
	CHECK_ERR(connect(s, (struct sockaddr *)&a, len), EINVAL);	/* a listener, to itself */
	CHECK_ERR(connect(d, (struct sockaddr *)&a, len), EPROTOTYPE);
	blen = net_path_addr(&b, "missing");
	CHECK_ERR(connect(c, (struct sockaddr *)&b, blen), ENOENT);
	CHECK(close(open("plain", O_CREAT | O_WRONLY, 0644)) == 0);
	blen = net_path_addr(&b, "plain");
	CHECK_ERR(connect(c, (struct sockaddr *)&b, blen), ECONNREFUSED);
	blen = net_abstract_addr(&b, "nobody-here");
	CHECK_ERR(connect(c, (struct sockaddr *)&b, blen), ECONNREFUSED);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, 2), EINVAL);
	CHECK_ERR(sendto(c, "x", 1, 0, (struct sockaddr *)&a, len), EOPNOTSUPP);
	CHECK(close(s) == 0 && close(c) == 0 && close(d) == 0);
	CHECK(unlink("bound") == 0 && unlink("plain") == 0);
}

/* connect needs write permission on the socket's node. */
static void check_node_permission(void)
{
	struct sockaddr_un a;
	socklen_t len = net_path_addr(&a, "guarded");
	int l = net_listener(SOCK_STREAM, &a, len, 4);
	pid_t pid;

	CHECK(chmod("guarded", 0555) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int c = socket(AF_UNIX, SOCK_STREAM, 0);

		CHECK(setgid(1000) == 0 && setuid(1000) == 0);
		CHECK_ERR(connect(c, (struct sockaddr *)&a, len), EACCES);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(chmod("guarded", 0777) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int c = socket(AF_UNIX, SOCK_STREAM, 0);

		CHECK(setgid(1000) == 0 && setuid(1000) == 0);
		CHECK(connect(c, (struct sockaddr *)&a, len) == 0);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(close(l) == 0 && unlink("guarded") == 0);
}

/* listen(fd, 1) holds two pending connections; the third gets EAGAIN. */
static void check_backlog(void)
{
	struct sockaddr_un a;
	socklen_t len = net_abstract_addr(&a, "backlog");
	int l = net_listener(SOCK_SEQPACKET, &a, len, 1), c[3], s;

	for (int i = 0; i < 2; i++)
		c[i] = net_connect(SOCK_SEQPACKET, &a, len);
	c[2] = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0);
	CHECK_ERR(connect(c[2], (struct sockaddr *)&a, len), EAGAIN);
	s = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	CHECK(s >= 0 && fcntl(s, F_GETFL) == (O_RDWR | O_NONBLOCK) && fcntl(s, F_GETFD) == 1);
	CHECK(connect(c[2], (struct sockaddr *)&a, len) == 0);
	CHECK(close(s) == 0);
	CHECK(close(l) == 0);		/* the pending ones (not c[0]: accepted) are reset */
	CHECK(net_revents(c[1], POLLIN, 0) & POLLHUP);
	CHECK_ERR(send(c[1], "x", 1, 0), ECONNRESET);
	CHECK_ERR(send(c[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	for (int i = 0; i < 3; i++)
		CHECK(close(c[i]) == 0);
	l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	CHECK(bind(l, (struct sockaddr *)&a, len) == 0 && listen(l, 5) == 0);
	CHECK_ERR(accept(l, NULL, NULL), EAGAIN);
	CHECK(close(l) == 0);
}

int main(void)
{
	net_scratch("net_unix_connect");
	check_path_bind();
	check_abstract_and_autobind();
	check_connect_accept();
	check_connect_errors();
	check_node_permission();
	check_backlog();
	return 0;
}
