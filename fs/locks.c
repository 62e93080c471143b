/*
 * Advisory file locks: flock(2), POSIX record locks (fcntl F_GETLK,
 * F_SETLK, F_SETLKW) and open-file-description record locks (F_OFD_*).
 *
 * The model, as Linux has it:
 *   - A lock belongs to an owner.  flock and OFD locks are owned by the
 *     open file (struct file): dup'ed and inherited descriptors share
 *     them, and they go when the file's last reference goes.  POSIX locks
 *     are owned by the descriptor table (struct files, so by a process
 *     and the threads sharing its table): a fork child has its own table
 *     and inherits none, and closing ANY descriptor of the file drops
 *     all of the table's locks on it (fd.c calls locks_remove_posix()).
 *   - Record locks cover bytes [start, end]; end == OFFSET_MAX reaches
 *     past any end of file.  An owner's record locks never overlap each
 *     other and locks of the same type never touch: setting a range
 *     merges, splits and trims the owner's locks (posix_apply()).
 *   - POSIX and OFD locks conflict with each other (one list); flock
 *     locks live apart and conflict only with flock locks.  Two locks
 *     conflict when their owners differ, they overlap, and one of them
 *     is a write (exclusive) lock.
 *   - A blocking request sleeps on its inode's wait queue and retries
 *     after every change on that inode.  Before a POSIX (not OFD) request
 *     sleeps it follows "owner X waits for a lock of owner Y" links
 *     through the sleeping POSIX requests: reaching the requester itself
 *     means a deadlock (-EDEADLK).
 *
 * Locking: file_lock_lock, one spinlock, protects every inode's lock lists
 * and the list of sleeping POSIX requests.  Nothing is allocated or freed
 * under it: requests allocate their new locks first and free what they
 * dropped after.  Waking the inode's queue happens after it is released.
 */
#include <kmalloc.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <wait.h>
#include <uapi/fcntl.h>
#include "internal.h"

#define OFFSET_MAX		((s64)0x7fffffffffffffffLL)
/* How many "owner waits for owner" links deadlock detection follows (Linux: 10). */
#define MAX_DEADLK_ITERATIONS	10

enum lock_kind { LOCK_KIND_POSIX, LOCK_KIND_OFD, LOCK_KIND_FLOCK };

struct file_lock {
	struct list_head node;		/* file_lock_lock: on ctx->posix or ctx->flock */
	int type;			/* F_RDLCK or F_WRLCK (F_UNLCK in requests) */
	enum lock_kind kind;
	const void *owner;		/* POSIX: struct files; OFD and flock: struct file */
	struct file *file;		/* the file it was set through (no reference) */
	int pid;			/* POSIX: the process that set it, for F_GETLK */
	s64 start, end;			/* bytes [start, end] */
};

struct file_lock_context {
	struct list_head posix;		/* POSIX and OFD locks */
	struct list_head flock;		/* flock(2) locks */
	struct wait_queue wait;		/* requests waiting for a change here */
};

/* A POSIX request sleeping in F_SETLKW: what its owner waits for. */
struct lock_waiter {
	struct list_head node;		/* file_lock_lock: on blocked_posix */
	struct file_lock_context *ctx;
	const struct file_lock *req;
};

static DEFINE_SPINLOCK(file_lock_lock);	/* every lock list, blocked_posix */
static LIST_HEAD(blocked_posix);

/* The inode's lock context; created when create is set.  NULL: none, or -ENOMEM. */
static struct file_lock_context *lock_context(struct inode *inode, bool create)
{
	struct file_lock_context *ctx = __atomic_load_n(&inode->flctx, __ATOMIC_ACQUIRE), *new;

	if (ctx || !create)
		return ctx;
	new = kzalloc(sizeof(*new));
	if (!new)
		return NULL;
	list_init(&new->posix);
	list_init(&new->flock);
	wait_queue_init(&new->wait);
	spin_lock(&file_lock_lock);
	ctx = inode->flctx;
	if (!ctx) {
		__atomic_store_n(&inode->flctx, new, __ATOMIC_RELEASE);
		ctx = new;
		new = NULL;
	}
	spin_unlock(&file_lock_lock);
	kfree(new);
	return ctx;
}

void locks_free_inode(struct inode *inode)
{
	kfree(inode->flctx);	/* no file refers to the inode: no lock is left */
	inode->flctx = NULL;
}

static void free_disposed(struct list_head *dispose)
{
	struct file_lock *l, *tmp;

	list_for_each_entry_safe(l, tmp, dispose, node) {
		list_del(&l->node);
		kfree(l);
	}
}

static bool locks_overlap(const struct file_lock *a, s64 start, s64 end)
{
	return a->start <= end && start <= a->end;
}

/* Overlapping or adjacent (written so that end + 1 cannot overflow). */
static bool locks_touch(const struct file_lock *a, s64 start, s64 end)
{
	return locks_overlap(a, start, end) ||
	       (a->end < start && a->end + 1 == start) ||
	       (end < a->start && end + 1 == a->start);
}

static bool types_conflict(int a, int b)
{
	return a == F_WRLCK || b == F_WRLCK;
}

/* The first record lock that keeps req from being granted, or NULL. */
static struct file_lock *posix_conflict(struct file_lock_context *ctx,
					const struct file_lock *req)
{
	struct file_lock *l;

	if (req->type == F_UNLCK)
		return NULL;
	list_for_each_entry(l, &ctx->posix, node)
		if (l->owner != req->owner && locks_overlap(l, req->start, req->end) &&
		    types_conflict(l->type, req->type))
			return l;
	return NULL;
}

static struct file_lock *take_spare(struct file_lock **spare)
{
	struct file_lock *l = spare[0] ? spare[0] : spare[1];

	if (l == spare[0])
		spare[0] = NULL;
	else
		spare[1] = NULL;
	return l;
}

/*
 * Give req's owner exactly req->type over [req->start, req->end]: merge
 * same-type locks that touch it, cut other locks of the owner back to
 * what lies outside, insert the new lock.  Two spares always suffice:
 * one for the lock a range splits in two, one for the new lock.
 */
static void posix_apply(struct file_lock_context *ctx, const struct file_lock *req,
			struct file_lock **spare, struct list_head *dispose)
{
	s64 start = req->start, end = req->end;
	struct file_lock *l, *tmp, *n;

	list_for_each_entry_safe(l, tmp, &ctx->posix, node) {
		if (l->owner != req->owner)
			continue;
		if (l->type == req->type && locks_touch(l, req->start, req->end)) {
			start = MIN(start, l->start);
			end = MAX(end, l->end);
		} else if (!locks_overlap(l, req->start, req->end)) {
			continue;
		} else if (l->start < req->start && l->end > req->end) {
			n = take_spare(spare);
			*n = *l;
			n->start = req->end + 1;
			list_add(&n->node, &l->node);
			l->end = req->start - 1;
			continue;
		} else if (l->start < req->start) {
			l->end = req->start - 1;
			continue;
		} else if (l->end > req->end) {
			l->start = req->end + 1;
			continue;
		}
		list_del(&l->node);
		list_add(&l->node, dispose);
	}
	if (req->type == F_UNLCK)
		return;
	n = take_spare(spare);
	*n = *req;
	n->start = start;
	n->end = end;
	list_add_tail(&n->node, &ctx->posix);
}

/* The lock the sleeping request of owner waits for, or NULL. */
static struct file_lock *what_owner_waits_for(const void *owner)
{
	struct lock_waiter *w;

	list_for_each_entry(w, &blocked_posix, node)
		if (w->req->owner == owner)
			return posix_conflict(w->ctx, w->req);
	return NULL;
}

/* Would req's owner, waiting for blocker, close a cycle of waiting owners? */
static bool posix_deadlock(const struct file_lock *req, const struct file_lock *blocker)
{
	for (int i = 0; i <= MAX_DEADLK_ITERATIONS; i++) {
		blocker = what_owner_waits_for(blocker->owner);
		if (!blocker)
			return false;
		if (blocker->owner == req->owner)
			return true;
	}
	return false;
}

/*
 * One attempt at a record lock (file_lock_lock held): 0 when applied,
 * -EAGAIN or -EDEADLK, or 1 when the caller should sleep and retry.
 */
static int posix_try(struct file_lock_context *ctx, const struct file_lock *req, bool wait,
		     struct file_lock **spare, struct list_head *dispose)
{
	struct file_lock *blocker = posix_conflict(ctx, req);

	if (!blocker) {
		posix_apply(ctx, req, spare, dispose);
		return 0;
	}
	if (!wait)
		return -EAGAIN;
	if (req->kind == LOCK_KIND_POSIX && posix_deadlock(req, blocker))
		return -EDEADLK;
	return 1;
}

static int alloc_spares(struct file_lock **spare, int n)
{
	for (int i = 0; i < n; i++) {
		spare[i] = kmalloc(sizeof(**spare), GFP_KERNEL);
		if (!spare[i])
			return -ENOLCK;
	}
	return 0;
}

/* Set or clear a record lock, sleeping while it conflicts when wait is set. */
static int posix_lock_inode(struct inode *inode, const struct file_lock *req, bool wait)
{
	struct file_lock_context *ctx = lock_context(inode, req->type != F_UNLCK);
	struct lock_waiter waiter = { .req = req, .ctx = ctx };
	struct wait_entry e = { .task = current_task() };
	struct file_lock *spare[2] = { NULL, NULL };
	LIST_HEAD(dispose);
	bool queued = false;
	int err;

	if (!ctx)
		return req->type == F_UNLCK ? 0 : -ENOMEM;
	err = alloc_spares(spare, 2);
	list_init(&e.node);
	while (!err) {
		prepare_to_wait(&ctx->wait, &e, TASK_INTERRUPTIBLE);
		spin_lock(&file_lock_lock);
		err = posix_try(ctx, req, wait, spare, &dispose);
		if (err == 1 && !queued && req->kind == LOCK_KIND_POSIX) {
			list_add(&waiter.node, &blocked_posix);
			queued = true;
		}
		if (err == 1 && task_signal_pending(current_task()))
			err = -ERESTARTSYS;
		if (err != 1 && queued)
			list_del(&waiter.node);
		spin_unlock(&file_lock_lock);
		if (err == 1) {
			schedule();
			err = 0;
			continue;
		}
		break;
	}
	finish_wait(&ctx->wait, &e);
	if (!err)
		wake_up(&ctx->wait);	/* a change may let others through */
	kfree(spare[0]);
	kfree(spare[1]);
	free_disposed(&dispose);
	return err;
}

/* --- flock(2) ---------------------------------------------------------------- */

/*
 * One attempt at a flock lock (file_lock_lock held).  As in Linux, a
 * conversion first drops the file's old lock, so a conversion that fails
 * leaves the file with no lock at all (flock(2): not atomic).
 */
static int flock_try(struct file_lock_context *ctx, struct file *f, int type, bool wait,
		     struct file_lock **spare, struct list_head *dispose)
{
	struct file_lock *l, *n;

	list_for_each_entry(l, &ctx->flock, node) {
		if (l->owner != f)
			continue;
		if (l->type == type)
			return 0;
		list_del(&l->node);
		list_add(&l->node, dispose);
		break;
	}
	if (type == F_UNLCK)
		return 0;
	list_for_each_entry(l, &ctx->flock, node)
		if (l->owner != f && types_conflict(l->type, type))
			return wait ? 1 : -EAGAIN;
	n = take_spare(spare);
	*n = (struct file_lock){ .type = type, .kind = LOCK_KIND_FLOCK, .owner = f, .file = f,
				 .start = 0, .end = OFFSET_MAX };
	list_add_tail(&n->node, &ctx->flock);
	return 0;
}

static int flock_lock_file(struct file *f, int type, bool wait)
{
	struct file_lock_context *ctx = lock_context(f->inode, type != F_UNLCK);
	struct wait_entry e = { .task = current_task() };
	struct file_lock *spare[2] = { NULL, NULL };
	LIST_HEAD(dispose);
	int err;

	if (!ctx)
		return type == F_UNLCK ? 0 : -ENOMEM;
	err = alloc_spares(spare, 1);
	list_init(&e.node);
	while (!err) {
		prepare_to_wait(&ctx->wait, &e, TASK_INTERRUPTIBLE);
		spin_lock(&file_lock_lock);
		err = flock_try(ctx, f, type, wait, spare, &dispose);
		spin_unlock(&file_lock_lock);
		if (err != 1)
			break;
		if (task_signal_pending(current_task())) {
			err = -ERESTARTSYS;
			break;
		}
		if (!list_empty(&dispose)) {	/* our old lock went: others may go first */
			free_disposed(&dispose);
			wake_up(&ctx->wait);
		}
		schedule();
		err = 0;
	}
	finish_wait(&ctx->wait, &e);
	if (!list_empty(&dispose) || !err)
		wake_up(&ctx->wait);
	kfree(spare[0]);
	free_disposed(&dispose);
	return err;
}

SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	struct file *f;
	int type, err;

	if (cmd & LOCK_MAND)
		return 0;	/* Linux ignores the long-broken LOCK_MAND */
	switch (cmd & ~LOCK_NB) {
	case LOCK_SH:
		type = F_RDLCK;
		break;
	case LOCK_EX:
		type = F_WRLCK;
		break;
	case LOCK_UN:
		type = F_UNLCK;
		break;
	default:
		return -EINVAL;
	}
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = flock_lock_file(f, type, !(cmd & LOCK_NB));
	file_put(f);
	return err;
}

/* --- fcntl(2) record locks ------------------------------------------------------ */

/* Turn a struct flock into a request on f (Linux's flock64_to_posix_lock). */
static int flock_to_request(struct file *f, const struct flock *fl, struct file_lock *req)
{
	s64 base;

	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (s64)READ_ONCE(f->pos);
		break;
	case SEEK_END:
		base = (s64)READ_ONCE(f->inode->size);
		break;
	default:
		return -EINVAL;
	}
	if (fl->l_start > OFFSET_MAX - base)
		return -EOVERFLOW;
	req->start = base + fl->l_start;
	if (req->start < 0)
		return -EINVAL;
	if (fl->l_len > 0) {
		if (fl->l_len - 1 > OFFSET_MAX - req->start)
			return -EOVERFLOW;
		req->end = req->start + fl->l_len - 1;
	} else if (fl->l_len < 0) {	/* POSIX-2001: the bytes before l_start */
		if (req->start + fl->l_len < 0)
			return -EINVAL;
		req->end = req->start - 1;
		req->start += fl->l_len;
	} else {
		req->end = OFFSET_MAX;
	}
	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK && fl->l_type != F_UNLCK)
		return -EINVAL;
	req->type = fl->l_type;
	req->kind = LOCK_KIND_POSIX;
	req->owner = current_task()->files;
	req->file = f;
	req->pid = current_task()->tgid;
	return 0;
}

/* F_OFD_*: the open file owns the lock, and l_pid must be 0. */
static int make_ofd(struct file *f, const struct flock *fl, struct file_lock *req)
{
	if (fl->l_pid != 0)
		return -EINVAL;
	req->kind = LOCK_KIND_OFD;
	req->owner = f;
	req->pid = -1;
	return 0;
}

static long fcntl_getlk(struct file *f, unsigned int cmd, struct flock __user *ufl)
{
	struct file_lock_context *ctx;
	struct file_lock req, *l;
	struct flock fl;
	int err;

	if (copy_from_user(&fl, ufl, sizeof(fl)))
		return -EFAULT;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK)
		return -EINVAL;
	err = flock_to_request(f, &fl, &req);
	if (!err && cmd == F_OFD_GETLK)
		err = make_ofd(f, &fl, &req);
	if (err)
		return err;
	fl.l_type = F_UNLCK;
	ctx = lock_context(f->inode, false);
	if (ctx) {
		spin_lock(&file_lock_lock);
		l = posix_conflict(ctx, &req);
		if (l) {
			fl.l_type = (s16)l->type;
			fl.l_whence = SEEK_SET;
			fl.l_start = l->start;
			fl.l_len = l->end == OFFSET_MAX ? 0 : l->end - l->start + 1;
			fl.l_pid = l->kind == LOCK_KIND_OFD ? -1 : l->pid;
		}
		spin_unlock(&file_lock_lock);
	}
	return copy_to_user(ufl, &fl, sizeof(fl)) ? -EFAULT : 0;
}

static long fcntl_setlk(unsigned int fd, struct file *f, unsigned int cmd,
			const struct flock __user *ufl)
{
	struct file_lock req;
	struct flock fl;
	struct file *now;
	int err;

	if (copy_from_user(&fl, ufl, sizeof(fl)))
		return -EFAULT;
	err = flock_to_request(f, &fl, &req);
	if (err)
		return err;
	if ((req.type == F_RDLCK && !(f->mode & FMODE_READ)) ||
	    (req.type == F_WRLCK && !(f->mode & FMODE_WRITE)))
		return -EBADF;
	if (cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW) {
		err = make_ofd(f, &fl, &req);
		if (err)
			return err;
	}
	err = posix_lock_inode(f->inode, &req, cmd == F_SETLKW || cmd == F_OFD_SETLKW);
	/*
	 * A close() of fd racing with us has already dropped the table's
	 * locks on this file; the one just set must not outlive it.
	 */
	if (!err && req.kind == LOCK_KIND_POSIX && req.type != F_UNLCK) {
		now = fget_raw((int)fd);
		if (now != f) {
			req.type = F_UNLCK;
			posix_lock_inode(f->inode, &req, false);
		}
		file_put(now);
	}
	return err;
}

long fcntl_lock(unsigned int fd, struct file *f, unsigned int cmd, unsigned long arg)
{
	struct flock __user *ufl = (struct flock __user *)arg;

	if (cmd == F_GETLK || cmd == F_OFD_GETLK)
		return fcntl_getlk(f, cmd, ufl);
	return fcntl_setlk(fd, f, cmd, ufl);
}

/* --- releasing ---------------------------------------------------------------------- */

/* Take out every lock on list that match() picks; wake waiters if any went. */
static void remove_locks(struct file_lock_context *ctx, struct list_head *list,
			 bool (*match)(const struct file_lock *, const void *), const void *key)
{
	struct file_lock *l, *tmp;
	LIST_HEAD(dispose);

	spin_lock(&file_lock_lock);
	list_for_each_entry_safe(l, tmp, list, node) {
		if (match(l, key)) {
			list_del(&l->node);
			list_add(&l->node, &dispose);
		}
	}
	spin_unlock(&file_lock_lock);
	if (list_empty(&dispose))
		return;
	free_disposed(&dispose);
	wake_up(&ctx->wait);
}

static bool posix_owned_by(const struct file_lock *l, const void *files)
{
	return l->kind == LOCK_KIND_POSIX && l->owner == files;
}

static bool set_through(const struct file_lock *l, const void *file)
{
	return l->owner == file || l->file == file;
}

void locks_remove_posix(struct file *f, struct files *owner)
{
	struct file_lock_context *ctx = f->inode ? lock_context(f->inode, false) : NULL;

	if (ctx)
		remove_locks(ctx, &ctx->posix, posix_owned_by, owner);
}

void locks_remove_file(struct file *f)
{
	struct file_lock_context *ctx = f->inode ? lock_context(f->inode, false) : NULL;

	if (!ctx)
		return;
	remove_locks(ctx, &ctx->posix, set_through, f);
	remove_locks(ctx, &ctx->flock, set_through, f);
}
