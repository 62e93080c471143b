/*
 * epoll: epoll_create(1), epoll_ctl, epoll_wait, epoll_pwait(2); the
 * model is in include/eventpoll.h, the behaviour is Linux's (epoll(7)).
 *
 * Readiness.  Each item registers, through its file's poll operation, a
 * wait entry on every queue the file names.  A wake-up there runs
 * ep_poll_callback(), which only puts the item on the ready list: our
 * wake-ups carry no event mask, so whether the item really has events is
 * decided later, by polling the file again when epoll_wait() collects the
 * ready list.  A level-triggered item with events goes back on the list
 * after being reported, so it is polled (and reported) again next time;
 * an edge-triggered one waits for the next wake-up; a one-shot item is
 * disabled (only its private bits kept) until EPOLL_CTL_MOD re-arms it.
 * EPOLLERR and EPOLLHUP are always asked for.  EPOLLEXCLUSIVE is checked
 * and accepted; every waiter is woken anyway, which is allowed.
 *
 * Nesting.  An epoll file is pollable: it reports EPOLLIN when one of its
 * ready items has events, and its items' wake-ups are passed on through
 * its poll_wait queue, so an epoll set can watch another.  EPOLL_CTL_ADD
 * of an epoll file refuses, with -ELOOP, cycles and chains of more than
 * EP_MAX_NESTS + 1 sets (counting up and down from the new link), which
 * bounds the nesting of wake-ups, as Linux 6.1.y does.
 *
 * Locks, outermost first (docs/locking.md, "epoll"):
 *
 *   epmutex (mutex)       the graph: every file's ep_links, which items
 *                         exist; ADD, DEL, item removal at release
 *     ep->mtx (mutex)     one set's item tree and the items' registrations;
 *                         held while polling files and copying to user
 *                         memory; an outer set's before an inner one's
 *       <file poll locks> whatever a file's poll op takes
 *   wq.lock of a watched file's queue (wake-ups may come from interrupts)
 *     ep->lock (spinlock, irqsave)  ready list, items' rdllink and events
 *     ep->wq.lock, ep->poll_wait.lock  taken after ep->lock is dropped,
 *                         still inside the watched queue's lock; a parent
 *                         set's ep->lock nests in this one's poll_wait.lock
 *
 * Lifetime.  An item holds no reference on its file: file_put() calls
 * eventpoll_release_file() before the file's release op, which removes
 * the items; removing an item takes it off every queue first (waiting,
 * through the queue's lock, for a callback in progress), so callbacks
 * never see a freed item or set.
 */
#include <anon_inodes.h>
#include <eventpoll.h>
#include <file.h>
#include <kmalloc.h>
#include <ktimer.h>
#include <mutex.h>
#include <poll.h>
#include <rbtree.h>
#include <sched.h>
#include <signal.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <uapi/fcntl.h>
#include <uapi/time_abi.h>

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

#define EPOLLEXCLUSIVE	(1u << 28)
#define EPOLLWAKEUP	(1u << 29)
#define EPOLLONESHOT	(1u << 30)
#define EPOLLET		(1u << 31)
#define EPOLL_CLOEXEC	O_CLOEXEC

/* Bits that say how to report, not what: what a disabled one-shot item keeps. */
#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
/* What EPOLLEXCLUSIVE may be combined with (Linux's EPOLLEXCLUSIVE_OK_BITS). */
#define EP_EXCLUSIVE_OK	(POLLIN | POLLOUT | POLLERR | POLLHUP | EPOLLWAKEUP | EPOLLET | \
			 EPOLLEXCLUSIVE)
#define EP_MAX_NESTS	4

/* struct epoll_event is packed on x86_64. */
struct epoll_event_abi {
	u32 events;
	u64 data;
} __attribute__((packed));
_Static_assert(sizeof(struct epoll_event_abi) == 12, "epoll_event layout");

#define EP_MAX_EVENTS	(0x7fffffff / (int)sizeof(struct epoll_event_abi))

struct eventpoll {
	struct mutex mtx;		/* items, each item's waits and data */
	struct spinlock lock;		/* rdllist, items' rdllink and events */
	struct rb_root items;		/* mtx (changes also under epmutex) */
	struct list_head rdllist;	/* lock: items that may be ready */
	struct wait_queue wq;		/* epoll_wait() sleepers */
	struct wait_queue poll_wait;	/* poll() and parent sets watching this file */
	struct file *file;		/* immutable: the set's own file */
	u64 visited;			/* epmutex: loop-check generation */
	int loop_depth;			/* epmutex: depth found in that check */
};

/* One registration of an item on one wait queue. */
struct ep_wait {
	struct wait_entry wait;
	struct wait_queue *wq;		/* immutable */
	struct epitem *item;		/* immutable */
	struct ep_wait *next;		/* ep->mtx */
};

struct epitem {
	struct rb_node node;		/* ep->mtx, epmutex */
	struct list_head rdllink;	/* ep->lock: on rdllist or a scan list; empty: on none */
	struct list_head fllink;	/* epmutex: on file->ep_links */
	struct eventpoll *ep;		/* immutable */
	struct file *file;		/* immutable; no reference (see the top) */
	int fd;				/* immutable */
	u32 events;			/* ep->mtx and ep->lock to change; either to read */
	u64 data;			/* ep->mtx */
	struct ep_wait *waits;		/* ep->mtx */
	bool wait_failed;		/* ep->mtx: out of memory while registering */
};

static struct mutex epmutex = MUTEX_INIT(epmutex);
static u64 loop_check_gen;		/* epmutex */

static const struct file_operations eventpoll_fops;

static bool is_file_epoll(const struct file *f)
{
	return anon_inode_file_is(f, &eventpoll_fops);
}

/* Move every entry of from to the front of to (the caller holds ep->lock). */
static void list_splice_front(struct list_head *from, struct list_head *to)
{
	if (list_empty(from))
		return;
	from->prev->next = to->next;
	to->next->prev = from->prev;
	to->next = from->next;
	from->next->prev = to;
	list_init(from);
}

/* --- wake-ups ------------------------------------------------------------------- */

/* Put epi on the ready list if it is enabled; true if it is. */
static bool ep_mark_ready(struct epitem *epi)
{
	struct eventpoll *ep = epi->ep;
	unsigned long flags = spin_lock_irqsave(&ep->lock);
	bool enabled = epi->events & ~EP_PRIVATE_BITS;

	if (enabled && list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
	return enabled;
}

static void ep_wake_waiters(struct eventpoll *ep)
{
	wake_up(&ep->wq);
	wake_up(&ep->poll_wait);	/* nested sets and poll() on this file */
}

/* A watched queue was woken (its lock held, maybe in interrupt context). */
static void ep_poll_callback(struct wait_entry *e)
{
	struct epitem *epi = container_of(e, struct ep_wait, wait)->item;

	if (ep_mark_ready(epi))
		ep_wake_waiters(epi->ep);
}

/* The poll table an item is registered with, at EPOLL_CTL_ADD. */
struct ep_pqueue {
	struct poll_table pt;
	struct epitem *epi;
};

/* poll_wait() while an item is being added: register on wq. */
static void ep_queue_proc(struct poll_table *pt, struct wait_queue *wq)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	struct ep_wait *w;

	if (epi->wait_failed)
		return;
	w = kmalloc(sizeof(*w), GFP_KERNEL);
	if (!w) {
		epi->wait_failed = true;
		return;
	}
	w->wait = (struct wait_entry){ .task = NULL, .wake = ep_poll_callback };
	list_init(&w->wait.node);
	w->wq = wq;
	w->item = epi;
	w->next = epi->waits;
	epi->waits = w;
	add_wait_queue(wq, &w->wait);
}

/* --- items ---------------------------------------------------------------------- */

/* The item's events now (ep->mtx held); pt registers it when not NULL. */
static unsigned int ep_item_poll(struct epitem *epi, struct poll_table *pt)
{
	return vfs_poll(epi->file, pt) & epi->events;
}

static int ep_key_cmp(const struct file *f1, int fd1, const struct file *f2, int fd2)
{
	if (f1 != f2)
		return f1 < f2 ? -1 : 1;
	return fd1 < fd2 ? -1 : fd1 > fd2;
}

static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct rb_node *n = ep->items.node;

	while (n) {
		struct epitem *epi = rb_entry(n, struct epitem, node);
		int c = ep_key_cmp(f, fd, epi->file, epi->fd);

		if (!c)
			return epi;
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

static void ep_tree_insert(struct eventpoll *ep, struct epitem *epi)
{
	struct rb_node **link = &ep->items.node, *parent = NULL;

	while (*link) {
		struct epitem *cur = rb_entry(*link, struct epitem, node);

		parent = *link;
		link = ep_key_cmp(epi->file, epi->fd, cur->file, cur->fd) < 0 ?
		       &parent->left : &parent->right;
	}
	rb_link_node(&epi->node, parent, link);
	rb_insert_fixup(&ep->items, &epi->node);
}

/* Take epi off every queue, the ready list, its file and the set; free it. */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags;

	while (epi->waits) {
		struct ep_wait *w = epi->waits;

		epi->waits = w->next;
		remove_wait_queue(w->wq, &w->wait);	/* a running callback ends first */
		kfree(w);
	}
	list_del(&epi->fllink);
	rb_erase(&ep->items, &epi->node);
	flags = spin_lock_irqsave(&ep->lock);
	if (!list_empty(&epi->rdllink))
		list_del(&epi->rdllink);
	spin_unlock_irqrestore(&ep->lock, flags);
	kfree(epi);
}

/* EPOLL_CTL_ADD (epmutex and ep->mtx held). */
static int ep_insert(struct eventpoll *ep, const struct epoll_event_abi *ev, struct file *tf,
		     int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi));
	struct ep_pqueue q;

	if (!epi)
		return -ENOMEM;
	epi->ep = ep;
	epi->file = tf;
	epi->fd = fd;
	epi->events = ev->events;
	epi->data = ev->data;
	list_init(&epi->rdllink);
	list_add_tail(&epi->fllink, &tf->ep_links);
	ep_tree_insert(ep, epi);

	poll_table_init(&q.pt);
	q.pt.queue = ep_queue_proc;
	q.epi = epi;
	if (ep_item_poll(epi, &q.pt) && ep_mark_ready(epi))
		ep_wake_waiters(ep);
	if (epi->wait_failed) {
		ep_remove(ep, epi);
		return -ENOMEM;
	}
	return 0;
}

/* EPOLL_CTL_MOD (ep->mtx held). */
static void ep_modify(struct eventpoll *ep, struct epitem *epi, const struct epoll_event_abi *ev)
{
	unsigned long flags = spin_lock_irqsave(&ep->lock);

	epi->events = ev->events;
	spin_unlock_irqrestore(&ep->lock, flags);
	epi->data = ev->data;
	/* Re-armed or widened: report what is already there, as Linux does. */
	if (ep_item_poll(epi, NULL) && ep_mark_ready(epi))
		ep_wake_waiters(ep);
}

void eventpoll_release_file(struct file *f)
{
	mutex_lock(&epmutex);
	while (!list_empty(&f->ep_links)) {
		struct epitem *epi = list_first_entry(&f->ep_links, struct epitem, fllink);
		struct eventpoll *ep = epi->ep;

		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
}

/* --- collecting events ------------------------------------------------------------ */

/* Take the first item off a scan list, or NULL when it is empty. */
static struct epitem *ep_scan_next(struct eventpoll *ep, struct list_head *scan)
{
	unsigned long flags = spin_lock_irqsave(&ep->lock);
	struct epitem *epi = NULL;

	if (!list_empty(scan)) {
		epi = list_first_entry(scan, struct epitem, rdllink);
		list_del(&epi->rdllink);
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	return epi;
}

static void ep_scan_begin(struct eventpoll *ep, struct list_head *scan)
{
	unsigned long flags = spin_lock_irqsave(&ep->lock);

	list_init(scan);
	list_splice_front(&ep->rdllist, scan);
	spin_unlock_irqrestore(&ep->lock, flags);
}

/* Put what the scan left back at the front of the ready list. */
static bool ep_scan_end(struct eventpoll *ep, struct list_head *scan)
{
	unsigned long flags = spin_lock_irqsave(&ep->lock);
	bool more;

	list_splice_front(scan, &ep->rdllist);
	more = !list_empty(&ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
	return more;
}

/*
 * Is some thread asleep (or about to be) in epoll_wait on this set?  Read
 * without the queue's lock, after the ready list was changed: the fence
 * pairs with the waiter's, which adds itself to ep->wq (prepare_to_wait's
 * set_current_state is a full barrier) before it reads the ready list.
 * Either we see it queued, or it sees the items we put back.
 */
static bool ep_has_waiters(struct eventpoll *ep)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return READ_ONCE(ep->wq.waiters.next) != &ep->wq.waiters;
}

/* After reporting epi: disable a one-shot item, requeue a level-triggered one. */
static void ep_after_report(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long flags = spin_lock_irqsave(&ep->lock);

	if (epi->events & EPOLLONESHOT)
		epi->events &= EP_PRIVATE_BITS;
	else if (!(epi->events & EPOLLET) && list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
}

/*
 * Report up to max ready items to user memory: the count (0 when every
 * queued item turned out idle), or -EFAULT if not even the first could be
 * written.
 */
static int ep_send_events(struct eventpoll *ep, struct epoll_event_abi __user *uevents, int max)
{
	struct list_head scan;
	struct epitem *epi;
	int n = 0;

	mutex_lock(&ep->mtx);
	ep_scan_begin(ep, &scan);
	while (n < max && (epi = ep_scan_next(ep, &scan))) {
		struct epoll_event_abi ev = { .events = ep_item_poll(epi, NULL), .data = epi->data };

		if (!ev.events)
			continue;	/* woken, but nothing we were asked for */
		if (copy_to_user(&uevents[n], &ev, sizeof(ev))) {
			unsigned long flags = spin_lock_irqsave(&ep->lock);

			if (list_empty(&epi->rdllink))
				list_add(&epi->rdllink, &scan);
			spin_unlock_irqrestore(&ep->lock, flags);
			if (!n)
				n = -EFAULT;
			break;
		}
		n++;
		ep_after_report(ep, epi);
	}
	if (ep_scan_end(ep, &scan) && ep_has_waiters(ep))
		wake_up(&ep->wq);	/* other threads may take the rest */
	mutex_unlock(&ep->mtx);
	return n;
}

/* The epoll file's poll op: readable when a ready item really has events. */
static unsigned int ep_eventpoll_poll(struct file *f, struct poll_table *pt)
{
	struct eventpoll *ep = f->private;
	struct list_head scan;
	struct epitem *epi, *tmp;
	unsigned int mask = 0;
	unsigned long flags;

	poll_wait(pt, &ep->poll_wait);
	mutex_lock(&ep->mtx);	/* an inner set's, under the outer's: no cycles */
	ep_scan_begin(ep, &scan);
	list_for_each_entry_safe(epi, tmp, &scan, rdllink) {
		if (ep_item_poll(epi, NULL)) {
			mask = POLLIN | POLLRDNORM;
			break;
		}
		/* Queued by a wake-up but idle: drop it, as Linux does. */
		flags = spin_lock_irqsave(&ep->lock);
		list_del(&epi->rdllink);
		spin_unlock_irqrestore(&ep->lock, flags);
	}
	ep_scan_end(ep, &scan);
	mutex_unlock(&ep->mtx);
	return mask;
}

/* --- the epoll file ------------------------------------------------------------------ */

static void ep_release(struct inode *inode, struct file *f)
{
	struct eventpoll *ep = f->private;
	struct rb_node *n;

	(void)inode;
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	while ((n = rb_first(&ep->items)))
		ep_remove(ep, rb_entry(n, struct epitem, node));
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	kfree(ep);
}

static const struct file_operations eventpoll_fops = {
	.llseek = noop_llseek,
	.poll = ep_eventpoll_poll,
	.release = ep_release,
};

static long do_epoll_create(int flags)
{
	struct eventpoll *ep;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	mutex_init(&ep->mtx);
	ep->lock = (struct spinlock)SPINLOCK_INIT("eventpoll");
	list_init(&ep->rdllist);
	wait_queue_init(&ep->wq);
	wait_queue_init(&ep->poll_wait);
	fd = fd_reserve(0, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		goto out_free_ep;
	ep->file = anon_inode_getfile("[eventpoll]", &eventpoll_fops, ep, O_RDWR);
	if (IS_ERR(ep->file)) {
		fd_unreserve(fd);
		fd = (int)PTR_ERR(ep->file);
		goto out_free_ep;
	}
	fd_commit(fd, ep->file);
	return fd;
out_free_ep:
	kfree(ep);
	return fd;
}

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return do_epoll_create(flags);
}

SYSCALL_DEFINE1(epoll_create, int, size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

/* --- epoll_ctl ------------------------------------------------------------------------ */

/*
 * The depth of the sets below ep (0: it holds no epoll file), or more
 * than EP_MAX_NESTS when the walk meets 'into' (a cycle) or goes too deep.
 * epmutex held: it freezes every item tree.  Sets seen in this check
 * (visited == loop_check_gen) give their remembered depth.
 */
static int ep_depth_below(struct eventpoll *ep, struct eventpoll *into, int level)
{
	int depth = 0;

	if (ep->visited == loop_check_gen)
		return ep->loop_depth;
	ep->visited = loop_check_gen;
	for (struct rb_node *n = rb_first(&ep->items); n && depth <= EP_MAX_NESTS; n = rb_next(n)) {
		struct epitem *epi = rb_entry(n, struct epitem, node);
		struct eventpoll *sub;

		if (!is_file_epoll(epi->file))
			continue;
		sub = epi->file->private;
		if (sub == into || level > EP_MAX_NESTS)
			depth = EP_MAX_NESTS + 1;
		else
			depth = MAX(depth, ep_depth_below(sub, into, level + 1) + 1);
	}
	ep->loop_depth = depth;
	return depth;
}

/* How many sets hold ep, along the longest chain upwards (epmutex held). */
static int ep_depth_above(struct eventpoll *ep)
{
	struct epitem *epi;
	int depth = 0;

	if (ep->visited == loop_check_gen)
		return ep->loop_depth;
	list_for_each_entry(epi, &ep->file->ep_links, fllink)
		depth = MAX(depth, ep_depth_above(epi->ep) + 1);
	ep->visited = loop_check_gen;
	ep->loop_depth = depth;
	return depth;
}

/*
 * May the set 'to' go into 'into'?  Not if that closes a cycle or makes a
 * chain of more than EP_MAX_NESTS + 1 sets, counting those above 'into'
 * (each level is one more nested wake-up, maybe in interrupt context).
 */
static bool ep_loop_check(struct eventpoll *into, struct file *to)
{
	int below, above;

	loop_check_gen++;
	below = ep_depth_below(to->private, into, 0);
	if (below > EP_MAX_NESTS)
		return true;
	loop_check_gen++;
	above = ep_depth_above(into);
	return below + 1 + above > EP_MAX_NESTS;
}

static bool ep_op_has_event(int op)
{
	return op != EPOLL_CTL_DEL;
}

/* The checks Linux makes before touching the set, in its order. */
static int ep_ctl_check(struct file *ef, struct file *tf, int op, const struct epoll_event_abi *ev)
{
	if (!tf->ops->poll)
		return -EPERM;		/* regular files and directories: always ready */
	if (ef == tf || !is_file_epoll(ef))
		return -EINVAL;
	if (ep_op_has_event(op) && (ev->events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			return -EINVAL;
		if (op == EPOLL_CTL_ADD &&
		    (is_file_epoll(tf) || (ev->events & ~EP_EXCLUSIVE_OK)))
			return -EINVAL;
	}
	return 0;
}

/* Apply op to the set (epmutex and ep->mtx held). */
static int ep_ctl_apply(struct eventpoll *ep, int op, struct file *tf, int fd,
			struct epoll_event_abi *ev)
{
	struct epitem *epi = ep_find(ep, tf, fd);

	switch (op) {
	case EPOLL_CTL_ADD:
		if (epi)
			return -EEXIST;
		ev->events |= POLLERR | POLLHUP;
		return ep_insert(ep, ev, tf, fd);
	case EPOLL_CTL_DEL:
		if (!epi)
			return -ENOENT;
		ep_remove(ep, epi);
		return 0;
	case EPOLL_CTL_MOD:
		if (!epi)
			return -ENOENT;
		if (epi->events & EPOLLEXCLUSIVE)
			return -EINVAL;
		ev->events |= POLLERR | POLLHUP;
		ep_modify(ep, epi, ev);
		return 0;
	default:
		return -EINVAL;
	}
}

static long do_epoll_ctl(int epfd, int op, int fd, struct epoll_event_abi *ev)
{
	struct file *ef = fget(epfd), *tf;
	struct eventpoll *ep;
	long err = -EBADF;

	if (!ef)
		return -EBADF;
	tf = fget(fd);
	if (!tf)
		goto out_put_ef;
	err = ep_ctl_check(ef, tf, op, ev);
	if (err)
		goto out_put_tf;
	ep = ef->private;
	mutex_lock(&epmutex);
	if (op == EPOLL_CTL_ADD && is_file_epoll(tf) && ep_loop_check(ep, tf)) {
		err = -ELOOP;
	} else {
		mutex_lock(&ep->mtx);
		err = ep_ctl_apply(ep, op, tf, fd, ev);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
out_put_tf:
	file_put(tf);
out_put_ef:
	file_put(ef);
	return err;
}

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event_abi *, uevent)
{
	struct epoll_event_abi ev = { 0, 0 };

	if (ep_op_has_event(op) && copy_from_user(&ev, (const void __user *)uevent, sizeof(ev)))
		return -EFAULT;
	return do_epoll_ctl(epfd, op, fd, &ev);
}

/* --- epoll_wait ------------------------------------------------------------------------ */

static bool ep_events_available(struct eventpoll *ep)
{
	return READ_ONCE(ep->rdllist.next) != &ep->rdllist;
}

/* Sleep on ep->wq until something is queued, the timeout fires or a signal comes. */
static void ep_sleep(struct eventpoll *ep, struct ktimeout *to)
{
	struct wait_entry e = { .task = current_task() };

	list_init(&e.node);
	prepare_to_wait(&ep->wq, &e, TASK_INTERRUPTIBLE);
	if (!ep_events_available(ep) && !ktimeout_expired(to) &&
	    !task_signal_pending(current_task()))
		schedule();
	finish_wait(&ep->wq, &e);
}

/*
 * Wait for events: timeout_ns < 0 waits forever, 0 not at all.  Returns
 * the number reported, 0 on timeout, -EINTR (never restarted, as on
 * Linux) or -EFAULT.
 */
static int ep_poll(struct eventpoll *ep, struct epoll_event_abi __user *uevents, int max,
		   s64 timeout_ns)
{
	struct ktimeout to;
	int ret;

	if (timeout_ns)		/* a zero timeout never sleeps: no timer to arm or cancel */
		ktimeout_start(&to, timeout_ns > 0 ? clock_monotonic_ns() + (u64)timeout_ns : 0);
	for (;;) {
		bool timed_out = timeout_ns == 0 || ktimeout_expired(&to);

		if (ep_events_available(ep)) {
			ret = ep_send_events(ep, uevents, max);
			if (ret)
				break;
		}
		ret = 0;
		if (timed_out)
			break;
		ret = -EINTR;
		if (task_signal_pending(current_task()))
			break;
		ep_sleep(ep, &to);
	}
	if (timeout_ns)
		ktimeout_stop(&to);
	return ret;
}

static long do_epoll_wait(int epfd, struct epoll_event_abi *uevents, int max, s64 timeout_ns)
{
	struct fd_ref f;
	long ret;

	if (max <= 0 || max > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok((const void __user *)uevents, (size_t)max * sizeof(*uevents)))
		return -EFAULT;
	f = fdget(epfd);
	if (!f.file)
		return -EBADF;
	ret = is_file_epoll(f.file) ? ep_poll(f.file->private, uevents, max, timeout_ns) : -EINVAL;
	fdput(f);
	return ret;
}

static s64 ms_to_timeout(int ms)
{
	return ms < 0 ? -1 : (s64)ms * (s64)NSEC_PER_MSEC;
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event_abi *, uevents, int, max, int, ms)
{
	return do_epoll_wait(epfd, uevents, max, ms_to_timeout(ms));
}

/* epoll_pwait(2): the caller's mask while waiting; kept on -EINTR for the handler. */
static long do_epoll_pwait(int epfd, struct epoll_event_abi *uevents, int max, s64 timeout_ns,
			   const u64 *umask, size_t sigsetsize)
{
	struct task *t = current_task();
	long ret = poll_swap_sigmask(umask, sigsetsize);

	if (ret)
		return ret;
	ret = do_epoll_wait(epfd, uevents, max, timeout_ns);
	if (ret != -EINTR && t->restore_blocked) {
		t->blocked = t->saved_blocked;
		t->restore_blocked = false;
	}
	return ret;
}

SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event_abi *, uevents, int, max, int, ms,
		const u64 *, umask, size_t, sigsetsize)
{
	return do_epoll_pwait(epfd, uevents, max, ms_to_timeout(ms), umask, sigsetsize);
}

SYSCALL_DEFINE6(epoll_pwait2, int, epfd, struct epoll_event_abi *, uevents, int, max,
		const struct timespec_abi *, uts, const u64 *, umask, size_t, sigsetsize)
{
	struct timespec_abi ts;
	s64 timeout_ns = -1;

	if (uts) {
		if (copy_from_user(&ts, (const void __user *)uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
			return -EINVAL;
		timeout_ns = ts.tv_sec > (s64)(0x7fffffffffffffffull / NSEC_PER_SEC) - 1 ? -1 :
			     ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec;
	}
	return do_epoll_pwait(epfd, uevents, max, timeout_ns, umask, sigsetsize);
}
