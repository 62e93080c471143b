/*
 * timerfd_create, timerfd_settime, timerfd_gettime (timerfd_create(2)):
 * a timer whose expirations are read from a file as a u64 count.
 *
 * The count is mostly computed, not accumulated: an armed timer keeps
 * 'next', the monotonic time of its first expiration not yet read, and
 * its interval; at time now it has expired 1 + (now - next) / interval
 * times (once, for a one-shot timer) when now >= next.  A read takes that
 * count (plus 'ticks', expirations set aside when the clock moved) and
 * moves 'next' past now, or disarms a one-shot timer.  The kernel timer
 * is there only to wake readers and pollers at each expiration, period
 * after period, as Linux does (so EPOLLET sees every one).
 *
 * Clocks: CLOCK_BOOTTIME is CLOCK_MONOTONIC (we never suspend), and the
 * _ALARM clocks are their plain ones (root only, as on Linux).  An
 * absolute CLOCK_REALTIME timer keeps its wall-clock deadline when the
 * clock is set: the clock_set_hook moves 'next' by the change, and with
 * TFD_TIMER_CANCEL_ON_SET the next read fails with -ECANCELED instead.
 *
 * Locks: ctx->lock (irqsave: the kernel-timer callback takes it) protects
 * the state below it and is taken before timer_lock.  rt_timers_lock
 * guards the list of CLOCK_REALTIME timerfds; the clock hook takes it
 * (inside clock_hooks_lock), then each ctx->lock.  A callback that ran
 * late (settime re-armed or disarmed meanwhile) finds the timer pending
 * again, or disarmed, and does nothing.
 */
#include <anon_inodes.h>
#include <cred.h>
#include <file.h>
#include <kmalloc.h>
#include <ktimer.h>
#include <poll.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <uio.h>
#include <uapi/fcntl.h>
#include <uapi/time_abi.h>

#define TFD_TIMER_ABSTIME	(1 << 0)
#define TFD_TIMER_CANCEL_ON_SET	(1 << 1)
#define TFD_CLOEXEC		O_CLOEXEC
#define TFD_NONBLOCK		O_NONBLOCK

struct itimerspec_abi {
	struct timespec_abi it_interval;
	struct timespec_abi it_value;
};

struct timerfd_ctx {
	int clockid;			/* immutable */
	struct spinlock lock;		/* the fields below; the timer's re-arming */
	bool armed;
	s64 next;			/* monotonic ns of the first unread expiration */
	u64 interval;			/* ns; 0: one-shot */
	u64 ticks;			/* expirations counted at a clock change, unread */
	bool abs_realtime;		/* armed for a CLOCK_REALTIME wall time */
	bool cancel_on_set;		/* TFD_TIMER_CANCEL_ON_SET applies */
	bool canceled;			/* the clock was set: the next read is -ECANCELED */
	struct ktimer timer;		/* wakes wq at each expiration */
	struct wait_queue wq;		/* readers and pollers */
	struct list_head rt_node;	/* rt_timers_lock: CLOCK_REALTIME timerfds */
};

static const struct file_operations timerfd_fops;

static bool clock_is_realtime(int clockid)
{
	return clockid == CLOCK_REALTIME || clockid == CLOCK_REALTIME_ALARM;
}

static DEFINE_SPINLOCK(rt_timers_lock);
static LIST_HEAD(rt_timers);		/* rt_timers_lock */
static bool clock_hook_registered;	/* atomic */

/* Expirations not yet read at monotonic time now (lock held or a racy peek). */
static u64 timerfd_expired(const struct timerfd_ctx *ctx, s64 now)
{
	if (!ctx->armed || now < ctx->next)
		return 0;
	return ctx->interval ? 1 + (u64)(now - ctx->next) / ctx->interval : 1;
}

/* The first period boundary after now (lock held, periodic timer). */
static s64 timerfd_boundary_after(const struct timerfd_ctx *ctx, s64 now)
{
	if (now < ctx->next)
		return ctx->next;
	return ctx->next + (s64)(((u64)(now - ctx->next) / ctx->interval + 1) * ctx->interval);
}

static void timerfd_fire(struct ktimer *t)
{
	struct timerfd_ctx *ctx = container_of(t, struct timerfd_ctx, timer);
	unsigned long flags = spin_lock_irqsave(&ctx->lock);
	bool stale = t->pending || !ctx->armed;

	if (!stale && ctx->interval)
		ktimer_add(t, (u64)timerfd_boundary_after(ctx, (s64)clock_monotonic_ns()));
	spin_unlock_irqrestore(&ctx->lock, flags);
	if (!stale)
		wake_up(&ctx->wq);
}

/* Count the expirations up to now as read: move 'next' on, or disarm (lock held). */
static u64 timerfd_take_expired(struct timerfd_ctx *ctx, s64 now)
{
	u64 ticks = timerfd_expired(ctx, now);

	if (ticks && ctx->interval)
		ctx->next = timerfd_boundary_after(ctx, now);
	else if (ticks)
		ctx->armed = false;
	return ticks;
}

/* Is a read ready now: expirations, or a clock change to report? (lock held or a peek) */
static bool timerfd_readable(const struct timerfd_ctx *ctx)
{
	return ctx->canceled || ctx->ticks || timerfd_expired(ctx, (s64)clock_monotonic_ns());
}

/* What a read returns (lock taken here): 0 with *ticks, -EAGAIN, or -ECANCELED. */
static int timerfd_consume(struct timerfd_ctx *ctx, u64 *ticks)
{
	unsigned long flags = spin_lock_irqsave(&ctx->lock);
	int ret = 0;

	if (ctx->canceled) {
		ctx->canceled = false;
		ctx->ticks = 0;
		ret = -ECANCELED;
	} else {
		*ticks = ctx->ticks + timerfd_take_expired(ctx, (s64)clock_monotonic_ns());
		ctx->ticks = 0;
		if (!*ticks)
			ret = -EAGAIN;
	}
	spin_unlock_irqrestore(&ctx->lock, flags);
	return ret;
}

/* CLOCK_REALTIME moved by delta (rt_timers_lock and ctx->lock held). */
static void timerfd_clock_moved(struct timerfd_ctx *ctx, s64 delta)
{
	s64 now = (s64)clock_monotonic_ns();

	if (ctx->cancel_on_set && delta)
		ctx->canceled = true;
	if (!ctx->armed || !ctx->abs_realtime)
		return;
	ctx->ticks += timerfd_take_expired(ctx, now);	/* already due: keep them */
	if (!ctx->armed)
		return;
	ctx->next -= delta;			/* the same wall time, seen from now */
	ktimer_add(&ctx->timer, ctx->next > now ? (u64)ctx->next : (u64)now);
}

static void timerfd_clock_was_set(struct clock_set_hook *h, s64 delta)
{
	struct timerfd_ctx *ctx;

	(void)h;
	spin_lock(&rt_timers_lock);
	list_for_each_entry(ctx, &rt_timers, rt_node) {
		unsigned long flags = spin_lock_irqsave(&ctx->lock);

		timerfd_clock_moved(ctx, delta);
		spin_unlock_irqrestore(&ctx->lock, flags);
		wake_up(&ctx->wq);
	}
	spin_unlock(&rt_timers_lock);
}

static struct clock_set_hook timerfd_clock_hook = { .fn = timerfd_clock_was_set };

static ssize_t timerfd_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct timerfd_ctx *ctx = f->private;
	u64 ticks;
	int err;

	(void)pos;
	if (iov_iter_count(to) < sizeof(ticks))
		return -EINVAL;
	while ((err = timerfd_consume(ctx, &ticks)) == -EAGAIN) {
		if (file_flags(f) & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(ctx->wq, timerfd_readable(ctx));
		if (err)
			return err;
	}
	if (err)
		return err;
	return copy_to_iter(&ticks, sizeof(ticks), to) == sizeof(ticks) ? (ssize_t)sizeof(ticks) :
									  -EFAULT;
}

static unsigned int timerfd_poll(struct file *f, struct poll_table *pt)
{
	struct timerfd_ctx *ctx = f->private;
	unsigned long flags;
	bool ready;

	poll_wait(pt, &ctx->wq);
	flags = spin_lock_irqsave(&ctx->lock);
	ready = timerfd_readable(ctx);
	spin_unlock_irqrestore(&ctx->lock, flags);
	return ready ? POLLIN | POLLRDNORM : 0;
}

static void timerfd_release(struct inode *inode, struct file *f)
{
	struct timerfd_ctx *ctx = f->private;
	unsigned long flags = spin_lock_irqsave(&ctx->lock);

	(void)inode;
	ctx->armed = false;
	spin_unlock_irqrestore(&ctx->lock, flags);
	if (clock_is_realtime(ctx->clockid)) {
		spin_lock(&rt_timers_lock);
		list_del(&ctx->rt_node);
		spin_unlock(&rt_timers_lock);
	}
	ktimer_cancel_sync(&ctx->timer);
	kfree(ctx);
}

static const struct file_operations timerfd_fops = {
	.llseek = noop_llseek,
	.read = timerfd_read,
	.poll = timerfd_poll,
	.release = timerfd_release,
};

static bool timerfd_clock_ok(int clockid)
{
	return clockid == CLOCK_REALTIME || clockid == CLOCK_MONOTONIC ||
	       clockid == CLOCK_BOOTTIME || clockid == CLOCK_REALTIME_ALARM ||
	       clockid == CLOCK_BOOTTIME_ALARM;
}

SYSCALL_DEFINE2(timerfd_create, int, clockid, int, flags)
{
	struct timerfd_ctx *ctx;
	int fd;

	if ((flags & ~(TFD_CLOEXEC | TFD_NONBLOCK)) || !timerfd_clock_ok(clockid))
		return -EINVAL;
	if ((clockid == CLOCK_REALTIME_ALARM || clockid == CLOCK_BOOTTIME_ALARM) &&
	    !cred_is_root(current_cred()))
		return -EPERM;		/* CAP_WAKE_ALARM */
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->clockid = clockid;
	ctx->lock = (struct spinlock)SPINLOCK_INIT("timerfd");
	ktimer_init(&ctx->timer, timerfd_fire);
	wait_queue_init(&ctx->wq);
	list_init(&ctx->rt_node);
	fd = anon_inode_getfd("[timerfd]", &timerfd_fops, ctx,
			      O_RDWR | (flags & (TFD_CLOEXEC | TFD_NONBLOCK)));
	if (fd < 0) {
		kfree(ctx);
		return fd;
	}
	if (clock_is_realtime(clockid)) {
		if (!__atomic_exchange_n(&clock_hook_registered, true, __ATOMIC_ACQ_REL))
			clock_set_hook_register(&timerfd_clock_hook);
		spin_lock(&rt_timers_lock);
		list_add_tail(&ctx->rt_node, &rt_timers);
		spin_unlock(&rt_timers_lock);
	}
	return fd;
}

static struct timespec_abi ns_to_ts(u64 ns)
{
	return (struct timespec_abi){ (s64)(ns / NSEC_PER_SEC), (s64)(ns % NSEC_PER_SEC) };
}

static bool ts_valid(const struct timespec_abi *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (s64)NSEC_PER_SEC;
}

/* ns of a valid timespec, saturating far in the future. */
static u64 ts_to_ns(const struct timespec_abi *ts)
{
	if ((u64)ts->tv_sec >= (1ull << 62) / NSEC_PER_SEC)
		return 1ull << 62;
	return (u64)ts->tv_sec * NSEC_PER_SEC + (u64)ts->tv_nsec;
}

/* The current setting as timerfd_gettime reports it (lock held). */
static void timerfd_get_locked(struct timerfd_ctx *ctx, struct itimerspec_abi *cur)
{
	s64 now = (s64)clock_monotonic_ns();
	u64 left = 0;

	cur->it_interval = ns_to_ts(ctx->interval);
	if (ctx->armed && ctx->interval)
		left = (u64)(timerfd_boundary_after(ctx, now) - now);
	else if (ctx->armed && now < ctx->next)
		left = (u64)(ctx->next - now);
	cur->it_value = ns_to_ts(left);	/* an expired one-shot timer reads as 0 */
}

/* Arm (or with a zero value disarm) per new (lock held). */
static void timerfd_set_locked(struct timerfd_ctx *ctx, int flags, const struct itimerspec_abi *new)
{
	s64 now = (s64)clock_monotonic_ns();
	s64 value = (s64)ts_to_ns(&new->it_value);
	bool abs_rt = (flags & TFD_TIMER_ABSTIME) && clock_is_realtime(ctx->clockid);

	ctx->ticks = 0;
	ctx->canceled = false;
	ctx->abs_realtime = abs_rt;
	ctx->cancel_on_set = abs_rt && (flags & TFD_TIMER_CANCEL_ON_SET);
	ctx->interval = ts_to_ns(&new->it_interval);
	ctx->armed = new->it_value.tv_sec || new->it_value.tv_nsec;
	if (!ctx->armed) {
		ktimer_cancel(&ctx->timer);
		return;
	}
	if (!(flags & TFD_TIMER_ABSTIME))
		ctx->next = now + value;
	else if (abs_rt)
		ctx->next = now + (value - clock_realtime_ns());
	else
		ctx->next = value;
	/* A start already past counts its missed periods; wake at once. */
	ktimer_add(&ctx->timer, ctx->next > now ? (u64)ctx->next : (u64)now);
}

/* The timerfd at fd with a reference, or NULL with *err set (-EBADF, -EINVAL). */
static struct file *timerfd_fget(int fd, long *err)
{
	struct file *f = fget(fd);

	*err = -EBADF;
	if (!f)
		return NULL;
	if (anon_inode_file_is(f, &timerfd_fops))
		return f;
	file_put(f);
	*err = -EINVAL;
	return NULL;
}

SYSCALL_DEFINE4(timerfd_settime, int, fd, int, flags, const struct itimerspec_abi *, unew,
		struct itimerspec_abi *, uold)
{
	struct itimerspec_abi new, old;
	struct timerfd_ctx *ctx;
	unsigned long irq;
	struct file *f;
	long err;

	if (copy_from_user(&new, (const void __user *)unew, sizeof(new)))
		return -EFAULT;
	if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) ||
	    !ts_valid(&new.it_value) || !ts_valid(&new.it_interval))
		return -EINVAL;
	f = timerfd_fget(fd, &err);
	if (!f)
		return err;
	ctx = f->private;
	irq = spin_lock_irqsave(&ctx->lock);
	timerfd_get_locked(ctx, &old);
	timerfd_set_locked(ctx, flags, &new);
	spin_unlock_irqrestore(&ctx->lock, irq);
	file_put(f);
	if (uold && copy_to_user((void __user *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(timerfd_gettime, int, fd, struct itimerspec_abi *, ucur)
{
	struct itimerspec_abi cur;
	struct timerfd_ctx *ctx;
	unsigned long irq;
	struct file *f;
	long err;

	f = timerfd_fget(fd, &err);
	if (!f)
		return err;
	ctx = f->private;
	irq = spin_lock_irqsave(&ctx->lock);
	timerfd_get_locked(ctx, &cur);
	spin_unlock_irqrestore(&ctx->lock, irq);
	file_put(f);
	return copy_to_user((void __user *)ucur, &cur, sizeof(cur));
}
