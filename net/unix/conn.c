/*
 * Connections for SOCK_STREAM and SOCK_SEQPACKET: listen, connect,
 * accept (Linux's unix_listen/unix_stream_connect/unix_accept).
 *
 * connect() makes the server's end at once: a new "embryo" sock,
 * connected to the caller, queued on the listener.  The caller is
 * connected from that moment and may write before anyone accepts (the
 * data waits in the embryo's queue); accept() takes the oldest embryo
 * and gives it a file.  A listener whose queue holds more embryos than
 * its backlog makes connect() wait (or fail with -EAGAIN when
 * non-blocking), as on Linux, which does not use EINPROGRESS here.
 *
 * Lock order: the listener's sk.lock, then the connecting socket's.
 */
#include <string.h>
#include <net.h>
#include <uapi/fcntl.h>
#include "unix.h"

int unix_listen(struct socket *sock, int backlog)
{
	struct unix_sock *u = unix_sk(sock->sk);
	int err = 0;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (!__atomic_load_n(&u->addr_len, __ATOMIC_ACQUIRE))
		return -EINVAL;		/* no listening on an unbound socket */
	spin_lock(&u->sk.lock);
	if (u->state != UNIX_CLOSE && u->state != UNIX_LISTEN) {
		err = -EINVAL;
	} else {
		u->backlog = backlog;
		u->state = UNIX_LISTEN;
		u->sk.flags |= SOCK_FLAG_LISTENING;
		sock_current_creds(&u->sk.peercred, true);	/* what connectors see */
	}
	spin_unlock(&u->sk.lock);
	wake_up(&unix_space_wait);	/* a bigger backlog may admit waiting connects */
	return err;
}

/* Take the oldest embryo off a listener's queue; NULL when none. */
static struct unix_sock *take_embryo(struct unix_sock *u, int *err)
{
	struct unix_sock *e = NULL;

	spin_lock(&u->sk.lock);
	*err = 0;
	if (u->state != UNIX_LISTEN || (u->sk.shutdown & RCV_SHUTDOWN))
		*err = -EINVAL;
	else if (!list_empty(&u->queue)) {
		e = list_first_entry(&u->queue, struct unix_sock, embryo_node);
		list_del(&e->embryo_node);
		u->qlen--;
	}
	spin_unlock(&u->sk.lock);
	if (e)
		wake_up(&unix_space_wait);	/* room for a waiting connect */
	return e;
}

static bool accept_ready(struct unix_sock *u)
{
	return READ_ONCE(u->qlen) || READ_ONCE(u->state) != UNIX_LISTEN ||
	       (READ_ONCE(u->sk.shutdown) & RCV_SHUTDOWN) || READ_ONCE(u->sk.err);
}

int unix_accept(struct socket *sock, struct socket *newsock, unsigned int flags)
{
	struct unix_sock *u = unix_sk(sock->sk), *e;
	u64 timeo = (flags & O_NONBLOCK) ? 0 : READ_ONCE(u->sk.rcvtimeo);
	int err;

	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return -EOPNOTSUPP;
	if (READ_ONCE(u->state) != UNIX_LISTEN)
		return -EINVAL;
	for (;;) {
		e = take_embryo(u, &err);
		if (e || err)
			break;
		err = sock_error(&u->sk);
		if (err)
			return err;
		err = sock_wait_event(u->sk.wq, accept_ready(u), &timeo);
		if (err)
			return err;
	}
	if (!e)
		return err;
	/* The queue's reference becomes the new socket's. */
	spin_lock(&e->sk.lock);
	if (READ_ONCE(u->sk.flags) & SOCK_FLAG_PASSCRED)	/* Linux's unix_sock_inherit_flags */
		e->sk.flags |= SOCK_FLAG_PASSCRED;
	spin_unlock(&e->sk.lock);
	WRITE_ONCE(e->ino, sock_ino(newsock));
	e->file = newsock->file;
	newsock->sk = &e->sk;
	newsock->ops = sock->ops;
	newsock->state = SS_CONNECTED;
	return 0;
}

/* The listener's queue has room for one more embryo, or it went away. */
static bool listener_has_room(struct unix_sock *l)
{
	return !unix_recvq_full(l) || unix_dead(l) || READ_ONCE(l->state) != UNIX_LISTEN;
}

/*
 * With the listener's lock held: connect u to the new embryo e, queued
 * on listener l.  Linux's checks come in this order: the listener
 * (-ECONNREFUSED), its backlog (the caller waits), then our own state.
 */
static int join_listener(struct unix_sock *l, struct unix_sock *u, struct unix_sock *e,
			 struct socket *sock)
{
	if (l->state != UNIX_LISTEN || (l->sk.shutdown & RCV_SHUTDOWN))
		return -ECONNREFUSED;
	if (unix_recvq_full(l))
		return -EAGAIN;
	/*
	 * Our state before our lock, as Linux does: a listener (l itself,
	 * or one connecting to a listener that connects to it) must not
	 * take its own lock under l's, or a self-connect or two crossed
	 * connects spin for ever.  Only a socket in UNIX_CLOSE goes on,
	 * and l, listening, never is one.
	 */
	if (READ_ONCE(u->state) != UNIX_CLOSE)
		return READ_ONCE(u->state) == UNIX_ESTABLISHED ? -EISCONN : -EINVAL;
	spin_lock(&u->sk.lock);
	if (u->state != UNIX_CLOSE) {
		int err = u->state == UNIX_ESTABLISHED ? -EISCONN : -EINVAL;

		spin_unlock(&u->sk.lock);
		return err;
	}
	/* The embryo: connected to us, named like the listener, our creds as peer. */
	sock_hold(&u->sk);
	e->peer = u;
	e->state = UNIX_ESTABLISHED;
	sock_current_creds(&e->sk.peercred, true);
	if (l->addr_len) {
		memcpy(&e->addr, &l->addr, (size_t)l->addr_len);
		e->addr_len = l->addr_len;
	}
	u->sk.peercred = l->sk.peercred;
	sock_hold(&e->sk);
	u->peer = e;
	u->state = UNIX_ESTABLISHED;
	sock->state = SS_CONNECTED;
	spin_unlock(&u->sk.lock);
	list_add_tail(&e->embryo_node, &l->queue);
	l->qlen++;
	return 0;
}

int unix_stream_connect(struct socket *sock, struct sockaddr_storage *addr, int len,
			unsigned int flags)
{
	struct unix_sock *u = unix_sk(sock->sk), *e, *l;
	u64 timeo = (flags & O_NONBLOCK) ? 0 : READ_ONCE(u->sk.sndtimeo);
	int err = unix_validate_addr(addr, len);
	bool dead;

	if (err)
		return err;
	if ((READ_ONCE(u->sk.flags) & SOCK_FLAG_PASSCRED) && !READ_ONCE(u->addr_len)) {
		err = unix_autobind(u);
		if (err)
			return err;
	}
	e = unix_sock_alloc(sock->type);
	if (!e)
		return -ENOMEM;
	for (;;) {
		l = unix_find_other(addr, len, sock->type);
		if (IS_ERR(l)) {
			err = (int)PTR_ERR(l);
			break;
		}
		spin_lock(&l->sk.lock);
		dead = unix_dead(l);	/* closed since the lookup: look again */
		err = dead ? 0 : join_listener(l, u, e, sock);
		spin_unlock(&l->sk.lock);
		if (!dead && !err) {
			wake_up(&l->sk.wq);
			sock_put(&l->sk);
			return 0;	/* the listener's queue holds e now */
		}
		if (err == -EAGAIN)	/* backlog full */
			err = sock_wait_event(unix_space_wait, listener_has_room(l), &timeo);
		sock_put(&l->sk);
		if (err)
			break;
	}
	sock_put(&e->sk);
	return err;
}
