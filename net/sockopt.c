/*
 * setsockopt(2) and getsockopt(2), and the generic SOL_SOCKET options
 * every family shares (Linux's sock_setsockopt/sock_getsockopt).  Other
 * levels go to the family (-EOPNOTSUPP when it has none).  An option we
 * do not implement answers -ENOPROTOOPT, never a pretended success.
 *
 * Values are copied in and out once; the option itself is applied to
 * kernel memory under sk->lock.
 */
#include <string.h>
#include <cred.h>
#include <net.h>
#include <syscall.h>
#include "internal.h"

#define OPTVAL_MAX	64	/* the largest option value we take or give */
#define NSEC_PER_USEC	1000ull
#define USEC_PER_SEC	1000000ull

/* SO_SNDBUF/SO_RCVBUF: Linux doubles the value for its bookkeeping. */
static u32 sock_buf_size(int val, u32 min, bool force)
{
	u64 v = force ? (u64)(val < 0 ? 0 : val) : (u64)MIN((u32)val, SOCK_MAX_BUF);

	v *= 2;
	if (v > 0x7fffffff)
		v = 0x7fffffff;
	return (u32)MAX(v, (u64)min);
}

static int sock_set_timeout(u64 *timeo, const void *val, int len)
{
	struct sock_timeval tv;

	if (len < (int)sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= (s64)USEC_PER_SEC)
		return -EDOM;
	if (tv.tv_sec < 0)
		*timeo = 0;		/* Linux: a negative time means "do not wait" */
	else if (tv.tv_sec == 0 && tv.tv_usec == 0)
		*timeo = SOCK_TIMEO_FOREVER;
	else
		*timeo = (u64)tv.tv_sec * 1000000000ull + (u64)tv.tv_usec * NSEC_PER_USEC;
	return 0;
}

static void sock_get_timeout(u64 timeo, struct sock_timeval *tv)
{
	if (timeo == SOCK_TIMEO_FOREVER) {
		tv->tv_sec = tv->tv_usec = 0;
		return;
	}
	tv->tv_sec = (s64)(timeo / 1000000000ull);
	tv->tv_usec = (s64)(timeo % 1000000000ull / NSEC_PER_USEC);
	if (timeo && !tv->tv_sec && !tv->tv_usec)
		tv->tv_usec = 1;
}

static void sock_set_flag(struct sock *sk, unsigned int flag, bool on)
{
	if (on)
		sk->flags |= flag;
	else
		sk->flags &= ~flag;
}

/* Options whose value is an int flag or size; sk->lock held. */
static int sock_set_int(struct sock *sk, int name, int v)
{
	switch (name) {
	case SO_REUSEADDR:
		sock_set_flag(sk, SOCK_FLAG_REUSEADDR, v);
		return 0;
	case SO_KEEPALIVE:
		sock_set_flag(sk, SOCK_FLAG_KEEPALIVE, v);
		return 0;
	case SO_PASSCRED:
		sock_set_flag(sk, SOCK_FLAG_PASSCRED, v);
		return 0;
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		sk->sndbuf = sock_buf_size(v, SOCK_MIN_SNDBUF, name == SO_SNDBUFFORCE);
		return 0;
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		sk->rcvbuf = sock_buf_size(v, SOCK_MIN_RCVBUF, name == SO_RCVBUFFORCE);
		return 0;
	}
	return -ENOPROTOOPT;
}

int sock_setsockopt(struct socket *sock, int name, const void *val, int len)
{
	struct sock *sk = sock->sk;
	struct linger l;
	int v = 0, err;

	if ((name == SO_SNDBUFFORCE || name == SO_RCVBUFFORCE) && !cred_is_root(current_cred()))
		return -EPERM;
	if (name == SO_LINGER) {
		if (len < (int)sizeof(l))
			return -EINVAL;
		memcpy(&l, val, sizeof(l));
	} else if (name != SO_RCVTIMEO_OLD && name != SO_SNDTIMEO_OLD &&
		   name != SO_RCVTIMEO_NEW && name != SO_SNDTIMEO_NEW) {
		if (len < (int)sizeof(int))
			return -EINVAL;
		memcpy(&v, val, sizeof(v));
	}
	spin_lock(&sk->lock);
	switch (name) {
	case SO_LINGER:
		sock_set_flag(sk, SOCK_FLAG_LINGER, l.l_onoff);
		if (l.l_onoff)
			sk->linger = l.l_linger;
		err = 0;
		break;
	case SO_RCVTIMEO_OLD:
	case SO_RCVTIMEO_NEW:
		err = sock_set_timeout(&sk->rcvtimeo, val, len);
		break;
	case SO_SNDTIMEO_OLD:
	case SO_SNDTIMEO_NEW:
		err = sock_set_timeout(&sk->sndtimeo, val, len);
		break;
	default:
		err = sock_set_int(sk, name, v);
		break;
	}
	spin_unlock(&sk->lock);
	return err;
}

/* The int-valued options; -ENOPROTOOPT for others.  sk->lock held. */
static int sock_get_int(struct socket *sock, int name, int *v)
{
	struct sock *sk = sock->sk;

	switch (name) {
	case SO_TYPE:		*v = sock->type; return 0;
	case SO_DOMAIN:		*v = sk->family; return 0;
	case SO_PROTOCOL:	*v = sk->protocol; return 0;
	case SO_SNDBUF:		*v = (int)sk->sndbuf; return 0;
	case SO_RCVBUF:		*v = (int)sk->rcvbuf; return 0;
	case SO_REUSEADDR:	*v = !!(sk->flags & SOCK_FLAG_REUSEADDR); return 0;
	case SO_KEEPALIVE:	*v = !!(sk->flags & SOCK_FLAG_KEEPALIVE); return 0;
	case SO_PASSCRED:	*v = !!(sk->flags & SOCK_FLAG_PASSCRED); return 0;
	case SO_ACCEPTCONN:	*v = !!(sk->flags & SOCK_FLAG_LISTENING); return 0;
	case SO_ERROR:
		*v = sk->err;
		sk->err = 0;
		return 0;
	}
	return -ENOPROTOOPT;
}

/* Fill val (OPTVAL_MAX bytes) with option name; *len: its size. */
int sock_getsockopt(struct socket *sock, int name, void *val, int *len)
{
	struct sock *sk = sock->sk;
	struct ucred cred;
	struct linger l;
	int v, err = 0;

	spin_lock(&sk->lock);
	switch (name) {
	case SO_PEERCRED:	/* unknown peer: pid 0, ids -1 (Linux's cred_to_ucred) */
		cred.pid = (u32)sk->peercred.pid;
		cred.uid = sk->peercred.pid ? sk->peercred.uid : ~0u;
		cred.gid = sk->peercred.pid ? sk->peercred.gid : ~0u;
		memcpy(val, &cred, sizeof(cred));
		*len = sizeof(cred);
		break;
	case SO_LINGER:
		l.l_onoff = !!(sk->flags & SOCK_FLAG_LINGER);
		l.l_linger = sk->linger;
		memcpy(val, &l, sizeof(l));
		*len = sizeof(l);
		break;
	case SO_RCVTIMEO_OLD:
	case SO_RCVTIMEO_NEW:
	case SO_SNDTIMEO_OLD:
	case SO_SNDTIMEO_NEW:
		sock_get_timeout(name == SO_RCVTIMEO_OLD || name == SO_RCVTIMEO_NEW ?
				 sk->rcvtimeo : sk->sndtimeo, val);
		*len = sizeof(struct sock_timeval);
		break;
	default:
		err = sock_get_int(sock, name, &v);
		memcpy(val, &v, sizeof(v));
		*len = sizeof(v);
		break;
	}
	spin_unlock(&sk->lock);
	return err;
}

SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, name, const void *, uval, int, len)
{
	char val[OPTVAL_MAX];
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	int err;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = len < 0 ? -EINVAL : 0;
	if (!err && level == SOL_SOCKET) {
		memset(val, 0, sizeof(val));
		err = (int)copy_from_user(val, uval, MIN((size_t)len, sizeof(val)));
		if (!err)
			err = sock_setsockopt(sock, name, val, len);
	} else if (!err) {
		err = -EOPNOTSUPP;
		if (sock->ops->setsockopt && len <= OPTVAL_MAX &&
		    !(err = (int)copy_from_user(val, uval, (size_t)len)))
			err = sock->ops->setsockopt(sock, level, name, val, len);
	}
	fdput(ref);
	return err;
}

SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, name, void *, uval, int *, ulen)
{
	char val[OPTVAL_MAX];
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	int err, len, size = 0;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = (int)get_user(len, ulen);
	if (!err && len < 0)
		err = -EINVAL;
	if (!err && level == SOL_SOCKET)
		err = sock_getsockopt(sock, name, val, &size);
	else if (!err)
		err = sock->ops->getsockopt ? sock->ops->getsockopt(sock, level, name, val, &size) :
		      -EOPNOTSUPP;
	if (!err) {
		len = MIN(len, size);
		err = (int)copy_to_user(uval, val, (size_t)len);
		if (!err)
			err = (int)put_user(len, ulen);
	}
	fdput(ref);
	return err;
}
