/*
 * Garbage collection of AF_UNIX sockets in flight (Linux's unix_gc).
 *
 * A socket's file can travel inside another socket's queue (SCM_RIGHTS).
 * Sockets that carry each other in a cycle, with no descriptor left
 * anywhere, keep each other's files alive for ever: nothing can read
 * their queues again.  The collector finds them:
 *
 *   1. candidates: in-flight sockets whose every file reference comes
 *      from queued bufs (file refcount == inflight);
 *   2. for every candidate, every candidate its queue carries loses one
 *      unexplained reference (gc_refs--);
 *   3. a candidate with references left is held from outside: it, and
 *      everything its queue carries, transitively, is reachable;
 *   4. the other candidates are garbage: the bufs with files are taken
 *      off their queues and freed, which drops the cycle's references
 *      and lets the sockets be released normally.
 *
 * Why it is safe without stopping the world: a reference can only be
 * added to a candidate's file by taking it out of a queue that is not
 * garbage (a receive, which uncounts it only after the collection, so
 * the candidate stays held), or by MSG_PEEK on such a queue (which
 * leaves the buf, and so the candidate held, in place).  A garbage
 * socket has no descriptor, so nobody receives from it.
 *
 * unix_gc_lock protects every unix_sock's inflight/gc fields and the
 * in-flight list; a collection holds it and takes candidates' sk.lock
 * (and a listener's embryos' sk.lock) inside it.  Nothing takes it with
 * a sk.lock held.  Runs, as on Linux, after each AF_UNIX release.
 */
#include <file.h>
#include "unix.h"

static DEFINE_SPINLOCK(unix_gc_lock);
static LIST_HEAD(unix_inflight_list);	/* unix_gc_lock */
static unsigned long unix_tot_inflight;	/* unix_gc_lock; READ_ONCE as a hint */
static bool gc_running;			/* atomic: one collection at a time */

static struct unix_sock *unix_sock_of_file(struct file *f)
{
	struct socket *s = sock_from_file(f);

	return s && s->sk && s->sk->family == AF_UNIX ? unix_sk(s->sk) : NULL;
}

void unix_inflight_add(struct scm_fp *fp)
{
	spin_lock(&unix_gc_lock);
	for (int i = 0; i < fp->count; i++) {
		struct unix_sock *u = unix_sock_of_file(fp->files[i]);

		if (!u)
			continue;
		if (!u->inflight++)
			list_add_tail(&u->inflight_node, &unix_inflight_list);
		unix_tot_inflight++;
	}
	spin_unlock(&unix_gc_lock);
}

void unix_inflight_del(struct scm_fp *fp)
{
	spin_lock(&unix_gc_lock);
	for (int i = 0; i < fp->count; i++) {
		struct unix_sock *u = unix_sock_of_file(fp->files[i]);

		if (!u)
			continue;
		if (!--u->inflight)
			list_del(&u->inflight_node);
		unix_tot_inflight--;
	}
	spin_unlock(&unix_gc_lock);
}

/* Call visit on each candidate the bufs of u's queue carry (u's sk.lock held). */
static void scan_bufs(struct unix_sock *u, void (*visit)(struct unix_sock *c, struct list_head *work),
		      struct list_head *work)
{
	struct unix_buf *b;

	list_for_each_entry(b, &u->queue, node) {
		if (!b->fp)
			continue;
		for (int i = 0; i < b->fp->count; i++) {
			struct unix_sock *c = unix_sock_of_file(b->fp->files[i]);

			if (c && c->gc_candidate)
				visit(c, work);
		}
	}
}

/* The same over what u holds: its bufs, or a listener's embryos' bufs. */
static void scan_children(struct unix_sock *u, void (*visit)(struct unix_sock *c, struct list_head *work),
			  struct list_head *work)
{
	struct unix_sock *e;

	spin_lock(&u->sk.lock);
	if (u->state != UNIX_LISTEN) {
		scan_bufs(u, visit, work);
	} else {
		list_for_each_entry(e, &u->queue, embryo_node) {
			spin_lock(&e->sk.lock);
			scan_bufs(e, visit, work);
			spin_unlock(&e->sk.lock);
		}
	}
	spin_unlock(&u->sk.lock);
}

static void dec_refs(struct unix_sock *c, struct list_head *work)
{
	c->gc_refs--;
}

static void mark_reachable(struct unix_sock *c, struct list_head *work)
{
	if (c->gc_reachable)
		return;
	c->gc_reachable = true;
	list_add_tail(&c->gc_work, work);
}

/* Move the bufs carrying files from u's queue to hit (u's sk.lock held). */
static void take_file_bufs(struct unix_sock *u, struct list_head *hit)
{
	struct unix_buf *b, *tmp;

	list_for_each_entry_safe(b, tmp, &u->queue, node) {
		if (!b->fp)
			continue;
		list_del(&b->node);
		u->qlen--;
		u->qbytes -= b->len - b->off;
		list_add_tail(&b->node, hit);
	}
}

static void collect(struct unix_sock *u, struct list_head *hit)
{
	struct unix_sock *e;

	spin_lock(&u->sk.lock);
	if (u->state != UNIX_LISTEN) {
		take_file_bufs(u, hit);
	} else {
		list_for_each_entry(e, &u->queue, embryo_node) {
			spin_lock(&e->sk.lock);
			take_file_bufs(e, hit);
			spin_unlock(&e->sk.lock);
		}
	}
	spin_unlock(&u->sk.lock);
}

/* Steps 1-4 of the top comment; unix_gc_lock held.  Garbage bufs go to hit. */
static void find_garbage(struct list_head *hit)
{
	struct list_head cands, work;
	struct unix_sock *u, *tmp;

	list_init(&cands);
	list_init(&work);
	list_for_each_entry(u, &unix_inflight_list, inflight_node) {
		if (__atomic_load_n(&u->file->refcount, __ATOMIC_ACQUIRE) != u->inflight)
			continue;
		u->gc_candidate = true;
		u->gc_reachable = false;
		u->gc_refs = u->inflight;
		list_add_tail(&u->gc_node, &cands);
	}
	list_for_each_entry(u, &cands, gc_node)
		scan_children(u, dec_refs, NULL);
	list_for_each_entry(u, &cands, gc_node)
		if (u->gc_refs > 0)
			mark_reachable(u, &work);
	while (!list_empty(&work)) {
		u = list_first_entry(&work, struct unix_sock, gc_work);
		list_del(&u->gc_work);
		scan_children(u, mark_reachable, &work);
	}
	list_for_each_entry_safe(u, tmp, &cands, gc_node) {
		if (!u->gc_reachable)
			collect(u, hit);
		u->gc_candidate = false;
		list_del(&u->gc_node);
	}
}

/*
 * After MSG_PEEK duplicated the files of a buf (Linux's unix_peek_fds()).
 * Candidates are chosen by comparing file counts with in-flight counts,
 * one socket at a time, and file counts change without unix_gc_lock: a
 * peek that gives X a new reference after X was chosen, followed by a
 * close of the peeked socket Y before Y is looked at, would make both
 * candidates and, as each carries the other, both garbage, though X has
 * a descriptor (the collection then frees bufs a reader of X may be
 * copying from).  Waiting here for a collection under way keeps the
 * peeker from returning, and so from closing Y, until it is over.
 * Called with no sk.lock held (unix_gc_lock comes first).
 */
void unix_gc_peek_barrier(void)
{
	spin_lock(&unix_gc_lock);
	spin_unlock(&unix_gc_lock);
}

void unix_gc(void)
{
	struct list_head hit;

	if (!READ_ONCE(unix_tot_inflight))
		return;
	if (__atomic_exchange_n(&gc_running, true, __ATOMIC_ACQUIRE))
		return;			/* a collection (maybe our caller's) is running */
	list_init(&hit);
	spin_lock(&unix_gc_lock);
	find_garbage(&hit);
	spin_unlock(&unix_gc_lock);
	unix_free_buf_list(&hit);	/* releases the cycles' sockets */
	__atomic_store_n(&gc_running, false, __ATOMIC_RELEASE);
}
