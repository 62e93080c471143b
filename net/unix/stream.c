/*
 * SOCK_STREAM data: a byte stream cut into bufs on the peer's queue
 * (Linux's unix_stream_sendmsg and unix_stream_read_generic).
 *
 * Writers: each buf carries at most UNIX_CHUNK_MAX bytes (and half the
 * send buffer), so a large write fills the queue piecewise and blocks
 * on its own wmem between pieces; a write that stops early (signal,
 * non-blocking, fault) returns the bytes already queued.  Files passed
 * with SCM_RIGHTS ride on the first buf.  Writing to a peer that closed
 * or shut its reading side gives -EPIPE and SIGPIPE (unless MSG_NOSIGNAL).
 *
 * Readers hold u->iolock, coalesce consecutive bufs, and stop after a buf
 * that carried files (so descriptors arrive with the byte they were sent
 * with) or, with SO_PASSCRED, where the sender's credentials change.
 */
#include <string.h>
#include <poll.h>
#include <signal.h>
#include "unix.h"

static bool peer_refuses(struct unix_sock *other)
{
	return unix_dead(other) || (other->sk.shutdown & RCV_SHUTDOWN);
}

/* Queue b on other: 0, or -EPIPE when the peer no longer reads. */
static int stream_queue(struct unix_sock *other, struct unix_buf *b)
{
	spin_lock(&other->sk.lock);
	if (peer_refuses(other)) {
		spin_unlock(&other->sk.lock);
		return -EPIPE;
	}
	unix_queue_tail(other, b);
	spin_unlock(&other->sk.lock);
	wake_up(&other->sk.wq);
	return 0;
}

/* One buf's worth of the message: bytes queued, or -errno. */
static ssize_t stream_send_chunk(struct unix_sock *u, struct unix_sock *other,
				 struct msg_kern *msg, size_t size, u64 *timeo)
{
	struct unix_buf *b = unix_buf_alloc(u, size, timeo);
	int err;

	if (IS_ERR(b))
		return PTR_ERR(b);
	err = unix_buf_attach_scm(b, &msg->scm);
	if (!err && copy_from_iter(b->data, size, msg->iter) != size)
		err = -EFAULT;
	if (!err)
		err = stream_queue(other, b);
	if (err) {
		unix_buf_free(b);
		return err == -EPIPE ? -ESHUTDOWN : err;	/* ESHUTDOWN: raise SIGPIPE */
	}
	return (ssize_t)size;
}

ssize_t unix_stream_sendmsg(struct socket *sock, struct msg_kern *msg, size_t len)
{
	struct unix_sock *u = unix_sk(sock->sk), *other;
	u64 timeo = (msg->flags & MSG_DONTWAIT) ? 0 : READ_ONCE(u->sk.sndtimeo);
	size_t sent = 0;
	ssize_t n = 0;

	if (msg->flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->namelen)
		return READ_ONCE(u->state) == UNIX_ESTABLISHED ? -EISCONN : -EOPNOTSUPP;
	other = unix_peer_get(u);
	if (!other)
		return -ENOTCONN;
	if (READ_ONCE(u->sk.shutdown) & SEND_SHUTDOWN)
		n = -ESHUTDOWN;
	while (!n && sent < len) {
		size_t size = MIN(len - sent, (size_t)UNIX_CHUNK_MAX);

		size = MIN(size, (size_t)(READ_ONCE(u->sk.sndbuf) / 2 - 64));
		n = stream_send_chunk(u, other, msg, size, &timeo);
		if (n > 0) {
			sent += (size_t)n;
			n = 0;
		}
	}
	sock_put(&other->sk);
	if (n == -ESHUTDOWN) {
		if (!sent && !(msg->flags & MSG_NOSIGNAL))
			signal_pipe_broken();
		n = -EPIPE;
	}
	return sent ? (ssize_t)sent : n;
}

/* What a reader waits for: data beyond what it skipped, an error, end of file. */
static bool stream_readable(struct unix_sock *u, size_t skip)
{
	return READ_ONCE(u->qbytes) > skip || READ_ONCE(u->sk.err) ||
	       (READ_ONCE(u->sk.shutdown) & RCV_SHUTDOWN);
}

/* The buf holding unread byte 'skip' of the queue (u's sk.lock held), or NULL. */
static struct unix_buf *stream_peek_at(struct unix_sock *u, size_t *skip)
{
	struct unix_buf *b;

	list_for_each_entry(b, &u->queue, node) {
		if (*skip < b->len - b->off)
			return b;
		*skip -= b->len - b->off;
	}
	return NULL;
}

/* Mark chunk bytes of b read; free it when empty.  Returns true if freed. */
static bool stream_consume(struct unix_sock *u, struct unix_buf *b, size_t chunk,
			   struct scm_cookie *scm)
{
	struct scm_fp *fp;
	bool done;

	spin_lock(&u->sk.lock);
	b->off += chunk;
	u->qbytes -= chunk;
	fp = b->fp;			/* the files go with the first byte read */
	b->fp = NULL;
	done = b->off == b->len;
	if (done) {
		list_del(&b->node);
		u->qlen--;
	}
	spin_unlock(&u->sk.lock);
	if (fp) {
		unix_inflight_del(fp);	/* not under sk.lock: unix_gc_lock comes first */
		scm->fp = fp;
	}
	if (done)
		unix_buf_free(b);
	return done;
}

struct stream_read {
	size_t copied, target, skip;
	bool have_creds;
};

/*
 * Wait for data when the queue has nothing past st->skip: 0 to look
 * again, 1 to stop (enough copied, end of file), or -errno.  Called with
 * iolock held; drops it while sleeping.
 */
static int stream_wait_data(struct unix_sock *u, struct stream_read *st, u64 *timeo)
{
	int err;

	if (st->copied >= st->target)
		return 1;
	err = sock_error(&u->sk);
	if (err)
		return err;
	if (READ_ONCE(u->sk.shutdown) & RCV_SHUTDOWN)
		return 1;
	if (!*timeo)
		return -EAGAIN;
	mutex_unlock(&u->iolock);
	err = sock_wait_event(u->sk.wq, stream_readable(u, st->skip), timeo);
	mutex_lock(&u->iolock);
	return err == -EAGAIN ? 0 : err;	/* timed out: the next look says EAGAIN */
}

/* Copy from one buf; 1 to stop after it, 0 to go on, -EFAULT. */
static int stream_read_buf(struct unix_sock *u, struct unix_buf *b, struct msg_kern *msg,
			   struct stream_read *st, size_t left, int flags)
{
	size_t at = b->off + st->skip, chunk = MIN(b->len - at, left);

	if (st->have_creds && (b->creds.pid != msg->scm.creds.pid ||
			       b->creds.uid != msg->scm.creds.uid ||
			       b->creds.gid != msg->scm.creds.gid))
		return 1;		/* never glue data from different writers */
	if (!st->have_creds && !st->copied) {
		msg->scm.creds = b->creds;
		st->have_creds = READ_ONCE(u->sk.flags) & SOCK_FLAG_PASSCRED;
		unix_copy_addr(msg, b->sender);
	}
	if (copy_to_iter(b->data + at, chunk, msg->iter) != chunk)
		return -EFAULT;
	st->copied += chunk;
	if (flags & MSG_PEEK) {
		if (b->fp) {
			msg->scm.fp = scm_fp_dup(b->fp);
			unix_gc_peek_barrier();
			return 1;
		}
		st->skip += chunk;
		return 0;
	}
	if (!stream_consume(u, b, chunk, &msg->scm))
		return 1;		/* the reader wanted less than this buf */
	return msg->scm.fp ? 1 : 0;
}

ssize_t unix_stream_recvmsg(struct socket *sock, struct msg_kern *msg, size_t len, int flags)
{
	struct unix_sock *u = unix_sk(sock->sk);
	u64 timeo = (flags & MSG_DONTWAIT) ? 0 : READ_ONCE(u->sk.rcvtimeo);
	/* Linux's sock_rcvlowat(): even a zero-byte read waits for data. */
	struct stream_read st = { .target = (flags & MSG_WAITALL) && len ? len : 1 };
	int err = 0;

	if (READ_ONCE(u->state) != UNIX_ESTABLISHED)
		return -EINVAL;
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	mutex_lock(&u->iolock);
	do {
		struct unix_buf *b;
		size_t skip = st.skip;

		spin_lock(&u->sk.lock);
		b = stream_peek_at(u, &skip);
		spin_unlock(&u->sk.lock);
		if (!b) {
			err = stream_wait_data(u, &st, &timeo);
			if (err)
				break;
			continue;
		}
		st.skip = skip;		/* now relative to b's unread bytes */
		err = stream_read_buf(u, b, msg, &st, len - st.copied, flags);
		st.skip = (flags & MSG_PEEK) ? st.copied : 0;
		if (err)
			break;
	} while (st.copied < len);
	mutex_unlock(&u->iolock);
	if (err > 0)
		err = 0;
	return st.copied ? (ssize_t)st.copied : err;
}
