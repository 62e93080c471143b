/*
 * poll(2), ppoll(2), select(2) and pselect6(2) on top of the files' poll
 * operations (see include/poll.h).  Each call asks every file once while
 * registering on its wait queues, then sleeps until a queue is woken, the
 * timeout passes or a signal arrives, and asks again.
 */
#include <errno.h>
#include <file.h>
#include <kmalloc.h>
#include <ktimer.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <syscall.h>
#include <time.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/time_abi.h>
#include <vfs.h>

#define POLL_MAX_FDS	(1 << 20)	/* beyond RLIMIT_NOFILE's ceiling: -EINVAL */
/* Calls on up to this many descriptors keep their copy on the stack (256 bytes). */
#define POLL_STACK_FDS	32

static void poll_wake(struct wait_entry *e)
{
	struct poll_entry *pe = container_of(e, struct poll_entry, wait);

	__atomic_store_n(&pe->table->triggered, true, __ATOMIC_SEQ_CST);
	wake_up_process(pe->table->task);
}

void poll_table_init(struct poll_table *pt)
{
	pt->queue = NULL;
	pt->task = current_task();
	pt->registering = true;
	pt->triggered = false;
	pt->error = 0;
	pt->file = NULL;
	pt->pages = NULL;
}

void poll_wait(struct poll_table *pt, struct wait_queue *wq)
{
	struct poll_page *pg;
	struct poll_entry *pe;

	if (pt && pt->queue) {
		pt->queue(pt, wq);
		return;
	}
	if (!pt || !pt->registering)
		return;
	pg = pt->pages;
	if (!pg || pg->used == POLL_ENTRIES_PER_PAGE) {
		pg = kmalloc(sizeof(*pg), GFP_KERNEL);
		if (!pg) {
			pt->error = -ENOMEM;
			return;
		}
		pg->used = 0;
		pg->next = pt->pages;
		pt->pages = pg;
	}
	pe = &pg->entries[pg->used++];
	pe->wq = wq;
	pe->file = pt->file;
	if (pe->file)
		file_get(pe->file);
	pe->table = pt;
	pe->wait.task = pt->task;
	pe->wait.wake = poll_wake;
	list_init(&pe->wait.node);
	prepare_to_wait(wq, &pe->wait, TASK_RUNNING);
}

void poll_table_free(struct poll_table *pt)
{
	while (pt->pages) {
		struct poll_page *pg = pt->pages;

		for (unsigned int i = 0; i < pg->used; i++) {
			finish_wait(pg->entries[i].wq, &pg->entries[i].wait);
			file_put(pg->entries[i].file);	/* may free the queue: off it first */
		}
		pt->pages = pg->next;
		kfree(pg);
	}
	set_current_state(TASK_RUNNING);
}

unsigned int vfs_poll(struct file *f, struct poll_table *pt)
{
	if (f->ops && f->ops->poll) {
		if (pt)
			pt->file = f;	/* what poll_wait() pins */
		return f->ops->poll(f, pt);
	}
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;	/* regular files never block */
}

struct pollfd_abi {
	int fd;
	short events;
	short revents;
};

/* One pass over the descriptors; returns how many have events. */
static int poll_pass(struct pollfd_abi *fds, unsigned int n, struct poll_table *pt)
{
	int ready = 0;

	for (unsigned int i = 0; i < n; i++) {
		struct fd_ref fd;
		unsigned int mask;

		fds[i].revents = 0;
		if (fds[i].fd < 0)
			continue;
		fd = fdget(fds[i].fd);
		if (!fd.file) {
			fds[i].revents = POLLNVAL;
			ready++;
			continue;
		}
		mask = vfs_poll(fd.file, pt);
		fdput(fd);
		fds[i].revents = (short)(mask & ((u16)fds[i].events | POLLERR | POLLHUP));
		if (fds[i].revents)
			ready++;
	}
	return ready;
}

/*
 * Sleep until woken, the timeout fires or a signal comes; -ERESTARTSYS on
 * a signal.  Every condition is checked after the task state is set (the
 * timeout too), so a wake-up in between is never lost.
 */
static int poll_sleep(struct poll_table *pt, struct ktimeout *to)
{
	set_current_state(TASK_INTERRUPTIBLE);
	if (__atomic_exchange_n(&pt->triggered, false, __ATOMIC_SEQ_CST)) {
		set_current_state(TASK_RUNNING);
		return 0;
	}
	if (task_signal_pending(pt->task)) {
		set_current_state(TASK_RUNNING);
		return -ERESTARTSYS;
	}
	if (!ktimeout_expired(to))
		schedule();
	set_current_state(TASK_RUNNING);
	pt->triggered = false;
	return task_signal_pending(pt->task) ? -ERESTARTSYS : 0;
}

/*
 * Poll fds until some are ready.  timeout: 0 = do not wait, ~0 = forever,
 * else an absolute monotonic deadline.  Returns the ready count or -errno.
 */
static int do_poll(struct pollfd_abi *fds, unsigned int n, u64 deadline, bool no_wait)
{
	struct poll_table pt;
	struct ktimeout to;
	int ready, err = 0;

	poll_table_init(&pt);
	if (!no_wait)		/* no_wait never sleeps: no timer to arm or cancel */
		ktimeout_start(&to, deadline);
	for (;;) {
		ready = poll_pass(fds, n, no_wait ? NULL : &pt);
		pt.registering = false;
		if (ready || no_wait || pt.error)
			break;
		if (ktimeout_expired(&to))
			break;
		err = poll_sleep(&pt, &to);
		if (err)
			break;
	}
	if (!no_wait)
		ktimeout_stop(&to);
	poll_table_free(&pt);
	if (pt.error && !ready)
		return pt.error;
	return ready ? ready : err;
}

static long poll_user(struct pollfd_abi *ufds, unsigned int n, u64 deadline, bool no_wait)
{
	struct pollfd_abi on_stack[POLL_STACK_FDS], *fds = on_stack;
	size_t bytes = (size_t)n * sizeof(*fds);
	long ret;

	if (n > POLL_MAX_FDS || n > rlimit_nofile())
		return -EINVAL;
	if (n > POLL_STACK_FDS) {
		fds = kmalloc(bytes, GFP_KERNEL);
		if (!fds)
			return -ENOMEM;
	}
	if (copy_from_user(fds, (const void __user *)ufds, bytes)) {
		ret = -EFAULT;
		goto out;
	}
	ret = do_poll(fds, n, deadline, no_wait);
	for (unsigned int i = 0; ret >= 0 && i < n; i++) {
		if (put_user(fds[i].revents, (short __user *)&ufds[i].revents))
			ret = -EFAULT;
	}
out:
	if (fds != on_stack)
		kfree(fds);
	return ret;
}

SYSCALL_DEFINE3(poll, struct pollfd_abi *, ufds, unsigned int, n, int, timeout_ms)
{
	u64 deadline = timeout_ms > 0 ? clock_monotonic_ns() + (u64)timeout_ms * NSEC_PER_MSEC : 0;
	long ret = poll_user(ufds, n, deadline, timeout_ms == 0);

	return ret == -ERESTARTSYS ? -ERESTARTNOHAND : ret;
}

/* Install a temporary signal mask for ppoll/pselect; restored on the way out. */
long poll_swap_sigmask(const u64 *umask, size_t size)
{
	struct task *t = current_task();
	u64 mask;

	if (!umask)
		return 0;
	if (size != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&mask, (const void __user *)umask, sizeof(mask)))
		return -EFAULT;
	t->saved_blocked = t->blocked;
	t->restore_blocked = true;
	t->blocked = mask & ~UNBLOCKABLE;
	return 0;
}

static long timespec_deadline(const struct timespec_abi *uts, u64 *deadline, bool *no_wait)
{
	struct timespec_abi ts;

	*deadline = 0;
	*no_wait = false;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, (const void __user *)uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	*no_wait = !ts.tv_sec && !ts.tv_nsec;
	*deadline = clock_monotonic_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	return 0;
}

SYSCALL_DEFINE5(ppoll, struct pollfd_abi *, ufds, unsigned int, n,
		const struct timespec_abi *, uts, const u64 *, umask, size_t, sigsetsize)
{
	u64 deadline;
	bool no_wait;
	long ret = timespec_deadline(uts, &deadline, &no_wait);

	if (!ret)
		ret = poll_swap_sigmask(umask, sigsetsize);
	if (ret)
		return ret;
	ret = poll_user(ufds, n, deadline, no_wait);
	if (ret != -ERESTARTSYS && current_task()->restore_blocked && !task_signal_pending(current_task())) {
		current_task()->blocked = current_task()->saved_blocked;
		current_task()->restore_blocked = false;
	}
	return ret == -ERESTARTSYS ? -ERESTARTNOHAND : ret;
}

/* --- select ------------------------------------------------------------------- */

#define FD_SETSIZE_MAX	(1 << 20)
/* Sets of up to 256 descriptors (six of them: asked and ready) stay on the stack. */
#define SELECT_STACK_WORDS	4

struct select_sets {
	unsigned long *in, *out, *ex;	/* what was asked */
	unsigned long *rin, *rout, *rex;	/* what is ready */
	size_t words;
};

/* What each set asks poll for, and which answers make a descriptor ready in it. */
#define SELECT_IN	(POLLIN | POLLRDNORM | POLLHUP | POLLERR)
#define SELECT_OUT	(POLLOUT | POLLWRNORM | POLLERR)
#define SELECT_EX	POLLPRI
#define SELECT_IN_READY		(SELECT_IN | POLLNVAL)
#define SELECT_OUT_READY	(SELECT_OUT | POLLNVAL)
#define SELECT_EX_READY		(SELECT_EX | POLLNVAL)

static unsigned long set_word(const unsigned long *set, size_t w)
{
	return set ? set[w] : 0;
}

/* Word w of the union of the three sets: the descriptors asked about. */
static unsigned long select_word(const struct select_sets *s, size_t w)
{
	return set_word(s->in, w) | set_word(s->out, w) | set_word(s->ex, w);
}

static unsigned int select_count(const struct select_sets *s)
{
	unsigned int n = 0;

	for (size_t w = 0; w < s->words; w++)
		for (unsigned long v = select_word(s, w); v; v &= v - 1)
			n++;
	return n;
}

/*
 * The sets as a poll array in descriptor order, or -EBADF: select(2)
 * refuses a set naming a closed descriptor before it waits.  (One closed
 * later, by another thread, is reported ready in every set that names it,
 * as Linux does: POLLNVAL is in its in, out and except sets.)
 */
static long select_to_poll(const struct select_sets *s, struct pollfd_abi *fds)
{
	unsigned int n = 0;

	for (size_t w = 0; w < s->words; w++) {
		unsigned long in = set_word(s->in, w), out = set_word(s->out, w);
		unsigned long ex = set_word(s->ex, w), all = in | out | ex;

		if (!fds_all_open((unsigned int)(w * 64), all))
			return -EBADF;
		for (; all; all &= all - 1) {
			unsigned int b = (unsigned int)__builtin_ctzl(all);
			unsigned long m = 1ul << b;

			fds[n++] = (struct pollfd_abi){
				.fd = (int)(w * 64 + b),
				.events = (short)((in & m ? SELECT_IN : 0) | (out & m ? SELECT_OUT : 0) |
						  (ex & m ? SELECT_EX : 0)),
			};
		}
	}
	return 0;
}

/* Fill the ready sets from the poll answers; select counts set bits, not descriptors. */
static long select_from_poll(struct select_sets *s, const struct pollfd_abi *fds, unsigned int n)
{
	long ready = 0;

	for (unsigned int i = 0; i < n; i++) {
		unsigned int fd = (unsigned int)fds[i].fd;
		unsigned long m = 1ul << (fd % 64);
		int ev = fds[i].events, re = fds[i].revents;

		if ((ev & POLLIN) && (re & SELECT_IN_READY)) {
			s->rin[fd / 64] |= m;
			ready++;
		}
		if ((ev & POLLOUT) && (re & SELECT_OUT_READY)) {
			s->rout[fd / 64] |= m;
			ready++;
		}
		if ((ev & POLLPRI) && (re & SELECT_EX_READY)) {
			s->rex[fd / 64] |= m;
			ready++;
		}
	}
	return ready;
}

static long do_select(struct select_sets *s, u64 deadline, bool no_wait)
{
	struct pollfd_abi on_stack[POLL_STACK_FDS], *fds = on_stack;
	unsigned int n = select_count(s);
	long ret;

	if (n > POLL_STACK_FDS) {
		fds = kmalloc((size_t)n * sizeof(*fds), GFP_KERNEL);
		if (!fds)
			return -ENOMEM;
	}
	ret = select_to_poll(s, fds);
	if (!ret)
		ret = do_poll(fds, n, deadline, no_wait);
	if (ret > 0)
		ret = select_from_poll(s, fds, n);
	if (fds != on_stack)
		kfree(fds);
	return ret;
}

/* Bits at and above nfds in the last word are not asked about. */
static void select_trim(unsigned long *set, int nfds)
{
	if (set && nfds % 64)
		set[nfds / 64] &= (1ul << (nfds % 64)) - 1;
}

static long select_user(int nfds, unsigned long *uin, unsigned long *uout, unsigned long *uex,
			u64 deadline, bool no_wait)
{
	unsigned long on_stack[6 * SELECT_STACK_WORDS], *buf = on_stack;
	struct select_sets s = { .words = (size_t)(nfds + 63) / 64 };
	size_t bytes = s.words * sizeof(unsigned long);
	long ret = 0;

	if (nfds < 0 || nfds > FD_SETSIZE_MAX)
		return -EINVAL;
	if (s.words > SELECT_STACK_WORDS) {
		buf = kmalloc(bytes * 6, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
	}
	s.in = uin ? buf : NULL;
	s.out = uout ? buf + s.words : NULL;
	s.ex = uex ? buf + 2 * s.words : NULL;
	s.rin = buf + 3 * s.words;
	s.rout = buf + 4 * s.words;
	s.rex = buf + 5 * s.words;
	memset(s.rin, 0, 3 * bytes);
	if ((uin && copy_from_user(s.in, (const void __user *)uin, bytes)) ||
	    (uout && copy_from_user(s.out, (const void __user *)uout, bytes)) ||
	    (uex && copy_from_user(s.ex, (const void __user *)uex, bytes)))
		ret = -EFAULT;
	if (!ret) {
		select_trim(s.in, nfds);
		select_trim(s.out, nfds);
		select_trim(s.ex, nfds);
		ret = do_select(&s, deadline, no_wait);
	}
	if (ret >= 0 && ((uin && copy_to_user((void __user *)uin, s.rin, bytes)) ||
			 (uout && copy_to_user((void __user *)uout, s.rout, bytes)) ||
			 (uex && copy_to_user((void __user *)uex, s.rex, bytes))))
		ret = -EFAULT;
	if (buf != on_stack)
		kfree(buf);
	return ret;
}

/* select(2) writes back the time left, as Linux does. */
static void report_left(struct timeval_abi *utv, u64 deadline)
{
	s64 left = deadline ? (s64)(deadline - clock_monotonic_ns()) : 0;
	struct timeval_abi tv = { 0, 0 };

	if (left > 0) {
		tv.tv_sec = left / (s64)NSEC_PER_SEC;
		tv.tv_usec = (left % (s64)NSEC_PER_SEC) / 1000;
	}
	copy_to_user((void __user *)utv, &tv, sizeof(tv));
}

SYSCALL_DEFINE5(select, int, nfds, unsigned long *, uin, unsigned long *, uout,
		unsigned long *, uex, struct timeval_abi *, utv)
{
	struct timeval_abi tv;
	u64 deadline = 0;
	bool no_wait = false;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, (const void __user *)utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		no_wait = !tv.tv_sec && !tv.tv_usec;
		deadline = clock_monotonic_ns() + (u64)tv.tv_sec * NSEC_PER_SEC +
			   (u64)tv.tv_usec * 1000;
	}
	ret = select_user(nfds, uin, uout, uex, deadline, no_wait);
	if (utv && !no_wait)
		report_left(utv, deadline);
	return ret == -ERESTARTSYS ? -ERESTARTNOHAND : ret;
}

struct sigset_arg {
	const u64 *set;
	size_t size;
};

SYSCALL_DEFINE6(pselect6, int, nfds, unsigned long *, uin, unsigned long *, uout,
		unsigned long *, uex, const struct timespec_abi *, uts,
		const struct sigset_arg *, usig)
{
	struct sigset_arg sig = { NULL, 0 };
	u64 deadline;
	bool no_wait;
	long ret = timespec_deadline(uts, &deadline, &no_wait);

	if (!ret && usig && copy_from_user(&sig, (const void __user *)usig, sizeof(sig)))
		ret = -EFAULT;
	if (!ret)
		ret = poll_swap_sigmask(sig.set, sig.size);
	if (ret)
		return ret;
	ret = select_user(nfds, uin, uout, uex, deadline, no_wait);
	if (ret != -ERESTARTSYS && current_task()->restore_blocked && !task_signal_pending(current_task())) {
		current_task()->blocked = current_task()->saved_blocked;
		current_task()->restore_blocked = false;
	}
	return ret == -ERESTARTSYS ? -ERESTARTNOHAND : ret;
}
