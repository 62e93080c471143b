/*
 * The buffers on an AF_UNIX receive queue, and the memory accounting that
 * bounds them: each buf is charged to its sender (u->wmem) from the
 * moment it is allocated until a reader frees it, and allocation waits
 * while the sender's charge is at its SO_SNDBUF (Linux's
 * sock_alloc_send_pskb and sock_wfree).
 *
 * Freeing a buf can release files in flight (SCM_RIGHTS), and releasing
 * a socket file frees that socket's queue, which can hold more sockets:
 * to keep such chains from recursing on the kernel stack, file releases
 * from a purge go through a deferred list drained by one task at a time.
 */
#include <kmalloc.h>
#include "unix.h"

static bool sender_may_alloc(struct unix_sock *u)
{
	return READ_ONCE(u->wmem) < READ_ONCE(u->sk.sndbuf) || READ_ONCE(u->sk.err) ||
	       (READ_ONCE(u->sk.shutdown) & SEND_SHUTDOWN);
}

struct unix_buf *unix_buf_alloc(struct unix_sock *u, size_t len, u64 *timeo)
{
	struct unix_buf *b;
	int err;

	for (;;) {
		err = sock_error(&u->sk);
		if (err)
			return ERR_PTR(err);
		if (READ_ONCE(u->sk.shutdown) & SEND_SHUTDOWN)
			return ERR_PTR(-EPIPE);
		if (READ_ONCE(u->wmem) < READ_ONCE(u->sk.sndbuf))
			break;
		err = sock_wait_event(u->sk.wq, sender_may_alloc(u), timeo);
		if (err)
			return ERR_PTR(err);
	}
	b = kmalloc(sizeof(*b) + len, GFP_KERNEL);
	if (!b)
		return ERR_PTR(-ENOMEM);
	b->len = len;
	b->off = 0;
	b->fp = NULL;
	b->charge = len + UNIX_BUF_OVERHEAD;
	b->sender = u;
	sock_hold(&u->sk);
	__atomic_add_fetch(&u->wmem, b->charge, __ATOMIC_RELAXED);
	b->creds.pid = 0;
	b->creds.uid = b->creds.gid = UNIX_OVERFLOW_ID;
	b->creds_set = false;
	return b;
}

/* Free b's files, or hand them to the deferred list (see the top comment). */
static void unix_buf_free_fp(struct unix_buf *b, bool defer);

static void unix_buf_free_common(struct unix_buf *b, bool defer)
{
	struct unix_sock *sender = b->sender;

	unix_buf_free_fp(b, defer);
	__atomic_sub_fetch(&sender->wmem, b->charge, __ATOMIC_RELAXED);
	wake_up(&sender->sk.wq);	/* a writer waiting for its wmem to drop */
	sock_put(&sender->sk);
	kfree(b);
}

void unix_buf_free(struct unix_buf *b)
{
	unix_buf_free_common(b, false);
}

int unix_buf_attach_scm(struct unix_buf *b, struct scm_cookie *scm)
{
	int err;

	if (scm->creds_given) {
		b->creds = scm->creds;
		b->creds_set = true;
	}
	if (!scm->fp)
		return 0;
	err = scm_fp_charge(scm->fp);
	if (err)
		return err;
	b->fp = scm->fp;
	scm->fp = NULL;
	unix_inflight_add(b->fp);
	return 0;
}

void unix_queue_tail(struct unix_sock *u, struct unix_buf *b)
{
	if (!b->creds_set && ((READ_ONCE(b->sender->sk.flags) | u->sk.flags) & SOCK_FLAG_PASSCRED)) {
		unix_sender_creds(&b->creds);
		b->creds_set = true;
	}
	list_add_tail(&b->node, &u->queue);
	u->qlen++;
	u->qbytes += b->len - b->off;
}

/* --- deferred file releases -------------------------------------------- */

static DEFINE_SPINLOCK(deferred_lock);
static struct list_head deferred_fps = LIST_HEAD_INIT(deferred_fps);	/* deferred_lock */
static bool deferred_draining;						/* deferred_lock */

struct deferred_fp {
	struct list_head node;
	struct scm_fp *fp;
};

/* Release deferred files until none are left; one drainer at a time. */
static void drain_deferred(void)
{
	struct deferred_fp *d;

	spin_lock(&deferred_lock);
	if (deferred_draining) {	/* the drainer (maybe our caller) will get them */
		spin_unlock(&deferred_lock);
		return;
	}
	deferred_draining = true;
	while (!list_empty(&deferred_fps)) {
		d = list_first_entry(&deferred_fps, struct deferred_fp, node);
		list_del(&d->node);
		spin_unlock(&deferred_lock);
		scm_fp_free(d->fp);	/* may release sockets, which defer more */
		kfree(d);
		spin_lock(&deferred_lock);
	}
	deferred_draining = false;
	spin_unlock(&deferred_lock);
}

static void unix_buf_free_fp(struct unix_buf *b, bool defer)
{
	struct deferred_fp *d;

	if (!b->fp)
		return;
	unix_inflight_del(b->fp);
	d = defer ? kmalloc(sizeof(*d), GFP_KERNEL) : NULL;
	if (!d) {		/* not deferring (or no memory): release here */
		scm_fp_free(b->fp);
		b->fp = NULL;
		return;
	}
	d->fp = b->fp;
	b->fp = NULL;
	spin_lock(&deferred_lock);
	list_add_tail(&d->node, &deferred_fps);
	spin_unlock(&deferred_lock);
}

void unix_free_buf_list(struct list_head *bufs)
{
	struct unix_buf *b, *tmp;

	list_for_each_entry_safe(b, tmp, bufs, node) {
		list_del(&b->node);
		unix_buf_free_common(b, true);
	}
	drain_deferred();
}

void unix_purge_queue(struct unix_sock *u)
{
	struct unix_buf *b;

	for (;;) {
		spin_lock(&u->sk.lock);
		if (list_empty(&u->queue)) {
			spin_unlock(&u->sk.lock);
			break;
		}
		b = list_first_entry(&u->queue, struct unix_buf, node);
		list_del(&b->node);
		u->qlen--;
		u->qbytes -= b->len - b->off;
		spin_unlock(&u->sk.lock);
		unix_buf_free_common(b, true);
	}
	drain_deferred();
}
_Static_assert(sizeof(struct unix_buf) + UNIX_CHUNK_MAX <= 16384, "a stream buf fits in 16 KiB");
