/*
 * SOCK_DGRAM and SOCK_SEQPACKET data: one buf per message, boundaries
 * kept (Linux's unix_dgram_sendmsg/unix_dgram_recvmsg).  A seqpacket
 * socket is a connected datagram socket: it connects like a stream
 * (conn.c) and sends and receives here.
 *
 * A datagram goes to the connected peer or to the address given; the
 * receiver must not be connected to someone else (-EPERM).  A message
 * larger than the send buffer is -EMSGSIZE; a receiver holding more
 * than max_dgram_qlen datagrams makes senders it is not connected back
 * to wait on unix_space_wait (or fail with -EAGAIN).  A receiver whose
 * buffer is too small gets the start of the datagram and MSG_TRUNC;
 * the rest is dropped.
 */
#include <string.h>
#include <poll.h>
#include "unix.h"

#define UNIX_DGRAM_HEADROOM	32	/* Linux: len > sk_sndbuf - 32 is -EMSGSIZE */

/* Drop what u had queued when it leaves a peer (Linux's unix_dgram_disconnected). */
void unix_dgram_disconnected(struct unix_sock *u, struct unix_sock *old_peer)
{
	bool had = READ_ONCE(u->qlen) != 0;

	if (!had)
		return;
	mutex_lock(&u->iolock);
	unix_purge_queue(u);
	mutex_unlock(&u->iolock);
	wake_up(&unix_space_wait);
	/* A two-way pair loses messages: tell the other side. */
	if (!unix_dead(old_peer) && READ_ONCE(old_peer->peer) == u) {
		sock_set_error(&old_peer->sk, ECONNRESET);
		wake_up(&old_peer->sk.wq);
	}
}

/* May u send to other?  Only if other is connected to nobody or to u. */
static bool unix_may_send(struct unix_sock *u, struct unix_sock *other)
{
	return !other->peer || other->peer == u;
}

/* Set u's peer to other (NULL: disconnect); the old one is put after. */
static void dgram_set_peer(struct unix_sock *u, struct unix_sock *other)
{
	struct unix_sock *old;

	spin_lock(&u->sk.lock);
	old = u->peer;
	u->peer = other;
	u->state = other ? UNIX_ESTABLISHED : UNIX_CLOSE;
	spin_unlock(&u->sk.lock);
	if (old) {
		if (old != other)
			unix_dgram_disconnected(u, old);
		sock_put(&old->sk);
	}
}

int unix_dgram_connect(struct socket *sock, struct sockaddr_storage *addr, int len,
		       unsigned int flags)
{
	struct unix_sock *u = unix_sk(sock->sk), *other;
	int err;

	if (len < (int)sizeof(addr->ss_family))
		return -EINVAL;
	if (addr->ss_family == AF_UNSPEC) {	/* 1003.1g: dissolve the association */
		dgram_set_peer(u, NULL);
		return 0;
	}
	err = unix_validate_addr(addr, len);
	if (err)
		return err;
	if ((READ_ONCE(u->sk.flags) & SOCK_FLAG_PASSCRED) && !READ_ONCE(u->addr_len)) {
		err = unix_autobind(u);
		if (err)
			return err;
	}
	for (;;) {
		other = unix_find_other(addr, len, sock->type);
		if (IS_ERR(other))
			return (int)PTR_ERR(other);
		spin_lock(&other->sk.lock);
		err = unix_dead(other) ? -EAGAIN : unix_may_send(u, other) ? 0 : -EPERM;
		spin_unlock(&other->sk.lock);
		if (err != -EAGAIN)
			break;
		sock_put(&other->sk);	/* closed since the lookup: look again */
	}
	if (err) {
		sock_put(&other->sk);
		return err;
	}
	dgram_set_peer(u, other);	/* takes over our reference */
	return 0;
}

/* Where a datagram goes: the address given, or the peer.  Referenced; ERR_PTR. */
static struct unix_sock *dgram_target(struct unix_sock *u, struct msg_kern *msg, int type)
{
	struct unix_sock *other;

	if (msg->namelen)
		return unix_find_other(msg->name, msg->namelen, type);
	other = unix_peer_get(u);
	return other ? other : ERR_PTR(-ECONNRESET);
}

/*
 * Deliver b to other: 0, -EAGAIN (full; the caller may wait), or a final
 * error.  A dead peer of ours is -ECONNREFUSED and disconnects us; a dead
 * socket reached by address is looked up again (-ENOENT).
 */
static int dgram_deliver(struct unix_sock *u, struct unix_sock *other, struct unix_buf *b)
{
	spin_lock(&other->sk.lock);
	if (!unix_may_send(u, other)) {
		spin_unlock(&other->sk.lock);
		return -EPERM;
	}
	if (unix_dead(other)) {
		spin_unlock(&other->sk.lock);
		return -EDEADLK;	/* internal: the receiver died */
	}
	if (other->sk.shutdown & RCV_SHUTDOWN) {
		spin_unlock(&other->sk.lock);
		return -EPIPE;
	}
	if (other != u && other->peer != u && unix_recvq_full(other)) {
		spin_unlock(&other->sk.lock);
		return -EAGAIN;
	}
	unix_queue_tail(other, b);
	spin_unlock(&other->sk.lock);
	wake_up(&other->sk.wq);
	return 0;
}

/* The receiver died: -ECONNREFUSED if it was our peer (now forgotten), else retry. */
static int dgram_receiver_died(struct unix_sock *u, struct unix_sock *other, int type)
{
	bool was_peer;

	if (type == SOCK_SEQPACKET)
		return -EPIPE;
	spin_lock(&u->sk.lock);
	was_peer = u->peer == other;
	spin_unlock(&u->sk.lock);
	if (!was_peer)
		return 0;
	dgram_set_peer(u, NULL);
	return -ECONNREFUSED;
}

static bool dgram_room(struct unix_sock *u, struct unix_sock *other)
{
	return !unix_recvq_full(other) || unix_dead(other) || READ_ONCE(other->peer) == u;
}

/* Find the receiver and queue b there, waiting for room if allowed. */
static int dgram_send_buf(struct unix_sock *u, struct msg_kern *msg, struct unix_buf *b,
			  int type, u64 *timeo)
{
	struct unix_sock *other = NULL;
	int err;

	for (;;) {
		if (!other) {
			other = dgram_target(u, msg, type);
			if (IS_ERR(other))
				return (int)PTR_ERR(other);
		}
		err = dgram_deliver(u, other, b);
		if (err == -EDEADLK) {
			err = dgram_receiver_died(u, other, type);
			sock_put(&other->sk);
			other = NULL;
			if (err)
				return err;
			if (!msg->namelen)
				return -ECONNRESET;
			continue;
		}
		if (err == -EAGAIN)
			err = sock_wait_event(unix_space_wait, dgram_room(u, other), timeo);
		else
			break;
		if (err)
			break;
	}
	sock_put(&other->sk);
	return err;
}

ssize_t unix_dgram_sendmsg(struct socket *sock, struct msg_kern *msg, size_t len)
{
	struct unix_sock *u = unix_sk(sock->sk);
	u64 timeo = (msg->flags & MSG_DONTWAIT) ? 0 : READ_ONCE(u->sk.sndtimeo);
	struct unix_buf *b;
	int err;

	if (msg->flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->namelen) {
		err = unix_validate_addr(msg->name, msg->namelen);
		if (err)
			return err;
	} else if (!READ_ONCE(u->peer)) {
		return -ENOTCONN;
	}
	if ((READ_ONCE(u->sk.flags) & SOCK_FLAG_PASSCRED) && !READ_ONCE(u->addr_len)) {
		err = unix_autobind(u);
		if (err)
			return err;
	}
	if (len + UNIX_DGRAM_HEADROOM > READ_ONCE(u->sk.sndbuf))
		return -EMSGSIZE;
	b = unix_buf_alloc(u, len, &timeo);
	if (IS_ERR(b))
		return PTR_ERR(b);
	err = unix_buf_attach_scm(b, &msg->scm);
	if (!err && copy_from_iter(b->data, len, msg->iter) != len)
		err = -EFAULT;
	if (!err)
		err = dgram_send_buf(u, msg, b, sock->type, &timeo);
	if (err) {
		unix_buf_free(b);
		return err;
	}
	return (ssize_t)len;
}

static bool dgram_readable(struct unix_sock *u)
{
	return READ_ONCE(u->qlen) || READ_ONCE(u->sk.err) ||
	       (READ_ONCE(u->sk.shutdown) & RCV_SHUTDOWN);
}

/* The next datagram, taken off the queue unless peeking; NULL when none. */
static struct unix_buf *dgram_take(struct unix_sock *u, bool peek, bool *was_full)
{
	struct unix_buf *b = NULL;

	spin_lock(&u->sk.lock);
	*was_full = unix_recvq_full(u);
	if (!list_empty(&u->queue)) {
		b = list_first_entry(&u->queue, struct unix_buf, node);
		if (!peek) {
			list_del(&b->node);
			u->qlen--;
			u->qbytes -= b->len;
		}
	}
	spin_unlock(&u->sk.lock);
	return b;
}

/* Wait for a datagram: 0 to look again, 1 for end of file, -errno. */
static int dgram_wait(struct unix_sock *u, int type, u64 *timeo)
{
	int err;

	if (READ_ONCE(u->sk.shutdown) & RCV_SHUTDOWN) {
		/* Linux: end of file, except a non-blocking datagram socket says EAGAIN */
		return *timeo || type == SOCK_SEQPACKET ? 1 : -EAGAIN;
	}
	err = sock_wait_event(u->sk.wq, dgram_readable(u), timeo);
	return err;
}

/* Copy one datagram out; its length (or the part copied), -EFAULT. */
static ssize_t dgram_copy_out(struct unix_buf *b, struct msg_kern *msg, size_t len, int flags)
{
	size_t n = MIN(len, b->len);

	if (n < b->len)
		msg->flags |= MSG_TRUNC;
	if (copy_to_iter(b->data, n, msg->iter) != n)
		return -EFAULT;
	msg->scm.creds = b->creds;
	if (flags & MSG_PEEK) {
		if (b->fp) {
			msg->scm.fp = scm_fp_dup(b->fp);
			unix_gc_peek_barrier();
		}
	} else {
		msg->scm.fp = b->fp;
		b->fp = NULL;
		if (msg->scm.fp)
			unix_inflight_del(msg->scm.fp);
	}
	return (flags & MSG_TRUNC) ? (ssize_t)b->len : (ssize_t)n;
}

ssize_t unix_dgram_recvmsg(struct socket *sock, struct msg_kern *msg, size_t len, int flags)
{
	struct unix_sock *u = unix_sk(sock->sk);
	u64 timeo = (flags & MSG_DONTWAIT) ? 0 : READ_ONCE(u->sk.rcvtimeo);
	struct unix_buf *b;
	bool was_full;
	ssize_t ret;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	mutex_lock(&u->iolock);
	for (;;) {
		ret = sock_error(&u->sk);
		if (ret)
			goto out;
		b = dgram_take(u, flags & MSG_PEEK, &was_full);
		if (b)
			break;
		mutex_unlock(&u->iolock);
		ret = dgram_wait(u, sock->type, &timeo);
		if (ret)
			return ret > 0 ? 0 : ret;
		mutex_lock(&u->iolock);
	}
	if (was_full)
		wake_up(&unix_space_wait);
	unix_copy_addr(msg, b->sender);
	ret = dgram_copy_out(b, msg, len, flags);
	if (!(flags & MSG_PEEK))
		unix_buf_free(b);	/* a fault loses the datagram, as on Linux */
out:
	mutex_unlock(&u->iolock);
	return ret;
}

ssize_t unix_seqpacket_sendmsg(struct socket *sock, struct msg_kern *msg, size_t len)
{
	struct unix_sock *u = unix_sk(sock->sk);
	int err = sock_error(&u->sk);

	if (err)
		return err;
	if (READ_ONCE(u->state) != UNIX_ESTABLISHED)
		return -ENOTCONN;
	msg->namelen = 0;	/* the address, if any, is ignored */
	return unix_dgram_sendmsg(sock, msg, len);
}

ssize_t unix_seqpacket_recvmsg(struct socket *sock, struct msg_kern *msg, size_t len, int flags)
{
	if (READ_ONCE(unix_sk(sock->sk)->state) != UNIX_ESTABLISHED)
		return -ENOTCONN;
	return unix_dgram_recvmsg(sock, msg, len, flags);
}
