/*
 * Generic socket options (SOL_SOCKET) as Linux keeps them: the read-only
 * type, domain and protocol; buffer sizes doubled and clamped; flags;
 * SO_LINGER; SO_ERROR; SO_PEERCRED of an unconnected socket; the length
 * rules of getsockopt; ENOPROTOOPT for what does not exist.
 */
#include "net_util.h"

static int get_int(int s, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	CHECK(getsockopt(s, SOL_SOCKET, name, &v, &len) == 0 && len == sizeof(v));
	return v;
}

static void set_int(int s, int name, int v)
{
	CHECK(setsockopt(s, SOL_SOCKET, name, &v, sizeof(v)) == 0);
}

int main(void)
{
	int s = socket(AF_UNIX, SOCK_SEQPACKET, 0), d = socket(AF_UNIX, SOCK_DGRAM, AF_UNIX), v;
	struct linger lg = { 1, 7 };
	socklen_t len;
	struct ucred cr;
	char small;

	CHECK(s >= 0 && d >= 0);
	CHECK(get_int(s, SO_TYPE) == SOCK_SEQPACKET && get_int(s, SO_DOMAIN) == AF_UNIX);
	CHECK(get_int(s, SO_PROTOCOL) == 0 && get_int(d, SO_PROTOCOL) == 0);	/* never kept */
	CHECK(get_int(s, SO_ACCEPTCONN) == 0 && get_int(s, SO_ERROR) == 0);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_TYPE, &(int){ 1 }, sizeof(int)), ENOPROTOOPT);
	/* buffers: doubled, clamped to the minimum and to net.core.wmem_max */
	set_int(s, SO_SNDBUF, 10000);
	CHECK(get_int(s, SO_SNDBUF) == 20000);
	set_int(s, SO_SNDBUF, 1);
	CHECK(get_int(s, SO_SNDBUF) == 4608);
	set_int(s, SO_RCVBUF, 1);
	CHECK(get_int(s, SO_RCVBUF) == 2304);
	set_int(s, SO_RCVBUF, 1 << 30);
	CHECK(get_int(s, SO_RCVBUF) == 2 * 212992);
	/* flags */
	CHECK(get_int(s, SO_REUSEADDR) == 0 && get_int(s, SO_KEEPALIVE) == 0);
	set_int(s, SO_REUSEADDR, 5);
	set_int(s, SO_KEEPALIVE, 1);
	set_int(s, SO_PASSCRED, 1);
	CHECK(get_int(s, SO_REUSEADDR) == 1 && get_int(s, SO_KEEPALIVE) == 1);
	CHECK(get_int(s, SO_PASSCRED) == 1);
	set_int(s, SO_PASSCRED, 0);
	CHECK(get_int(s, SO_PASSCRED) == 0);
	/* SO_LINGER */
	CHECK(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) == 0);
	memset(&lg, 0, sizeof(lg));
	len = sizeof(lg);
	CHECK(getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len) == 0);
	CHECK(len == sizeof(lg) && lg.l_onoff == 1 && lg.l_linger == 7);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(int)), EINVAL);
	/* SO_PEERCRED without a peer: pid 0, ids -1 */
	len = sizeof(cr);
	CHECK(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &len) == 0 && len == sizeof(cr));
	CHECK(cr.pid == 0 && cr.uid == (uid_t)-1 && cr.gid == (gid_t)-1);
	/* lengths: short values are cut, the length says so; negative is EINVAL */
	len = 1;
	CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, &small, &len) == 0 && len == 1);
	CHECK(small == SOCK_SEQPACKET);
	len = (socklen_t)-1;
	CHECK_ERR(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len), EINVAL);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, 2), EINVAL);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, -1), EINVAL);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &v, sizeof(v)), EINVAL);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO,
			     &(struct timeval){ 0, 1000000 }, sizeof(struct timeval)), EDOM);
	len = sizeof(v);
	CHECK_ERR(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, (void *)8, &len), EFAULT);
	CHECK_ERR(getsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, (socklen_t *)8), EFAULT);
	/* options that do not exist */
	len = sizeof(v);
	CHECK_ERR(getsockopt(s, SOL_SOCKET, 9999, &v, &len), ENOPROTOOPT);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, 9999, &v, sizeof(v)), ENOPROTOOPT);
	CHECK(close(s) == 0 && close(d) == 0);
	return 0;
}
