/*
 * Clocks and sleeping: clock_gettime/getres/settime, gettimeofday,
 * settimeofday, time, nanosleep and clock_nanosleep.
 *
 * CLOCK_MONOTONIC (and BOOTTIME, MONOTONIC_RAW: we never suspend or slew)
 * is clock_monotonic_ns(), from the TSC.  CLOCK_REALTIME adds the wall
 * time of boot, read from the RTC and moved by settimeofday/clock_settime.
 * The CPU-time clocks count tick-sampled user+system time.  The vDSO
 * (arch/x86_64/vdso/) computes the first two the same way in user space,
 * from a copy of the offset that set_realtime_offset() keeps current.
 */
#include <cred.h>
#include <errno.h>
#include <ktimer.h>
#include <proc.h>
#include <spinlock.h>
#include <syscall.h>
#include <time.h>
#include <timer.h>
#include <uaccess.h>
#include <uapi/time_abi.h>
#include <arch/rtc.h>
#include <arch/vdso.h>

static s64 realtime_offset_ns;		/* atomic: wall time at monotonic 0 */
static DEFINE_SPINLOCK(clock_hooks_lock);	/* the hook list; serializes clock setters */
static LIST_HEAD(clock_hooks);		/* clock_hooks_lock: struct clock_set_hook */
/* Serializes writers of realtime_offset_ns and of its copy in the vDSO's data page. */
static DEFINE_SPINLOCK(realtime_lock);

static void set_realtime_offset(s64 offset)
{
	unsigned long flags = spin_lock_irqsave(&realtime_lock);

	__atomic_store_n(&realtime_offset_ns, offset, __ATOMIC_RELAXED);
	arch_vdso_set_realtime_offset(offset);
	spin_unlock_irqrestore(&realtime_lock, flags);
}

void time_init(void)
{
	s64 now = arch_rtc_read_seconds() * (s64)NSEC_PER_SEC;

	set_realtime_offset(now - (s64)clock_monotonic_ns());
}

s64 clock_realtime_ns(void)
{
	return __atomic_load_n(&realtime_offset_ns, __ATOMIC_RELAXED) + (s64)clock_monotonic_ns();
}

static u64 process_cputime(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task_usage u;

	group_usage(t->group_leader, &u);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return u.utime_ns + u.stime_ns;
}

/* The value of clock clk in ns, or -EINVAL. */
static s64 clock_read(int clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
		return clock_realtime_ns();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		return (s64)clock_monotonic_ns();
	case CLOCK_PROCESS_CPUTIME_ID:
		return (s64)process_cputime(current_task());
	case CLOCK_THREAD_CPUTIME_ID:
		return (s64)(current_task()->utime_ns + current_task()->stime_ns);
	default:
		return -EINVAL;
	}
}

static struct timespec_abi ns_to_timespec(s64 ns)
{
	struct timespec_abi ts = { ns / (s64)NSEC_PER_SEC, ns % (s64)NSEC_PER_SEC };

	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += NSEC_PER_SEC;
	}
	return ts;
}

static bool timespec_valid(const struct timespec_abi *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < (s64)NSEC_PER_SEC;
}

SYSCALL_DEFINE2(clock_gettime, int, clk, struct timespec_abi *, uts)
{
	s64 ns = clock_read(clk);
	struct timespec_abi ts;

	if (ns < 0 && clk != CLOCK_REALTIME)
		return -EINVAL;
	ts = ns_to_timespec(ns);
	return copy_to_user((void __user *)uts, &ts, sizeof(ts));
}

SYSCALL_DEFINE2(clock_getres, int, clk, struct timespec_abi *, uts)
{
	bool coarse = clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE;
	struct timespec_abi ts = { 0, coarse ? (s64)TICK_NSEC : 1 };

	if (clock_read(clk) == -EINVAL && clk != CLOCK_REALTIME)
		return -EINVAL;
	if (uts && copy_to_user((void __user *)uts, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

void clock_set_hook_register(struct clock_set_hook *h)
{
	unsigned long flags = spin_lock_irqsave(&clock_hooks_lock);

	list_add_tail(&h->node, &clock_hooks);
	spin_unlock_irqrestore(&clock_hooks_lock, flags);
}

static long set_realtime(s64 ns)
{
	struct clock_set_hook *h;
	unsigned long flags;
	s64 old, delta;

	if (current_cred()->euid != 0)
		return -EPERM;
	flags = spin_lock_irqsave(&clock_hooks_lock);	/* nests realtime_lock inside */
	old = __atomic_load_n(&realtime_offset_ns, __ATOMIC_RELAXED);
	set_realtime_offset(ns - (s64)clock_monotonic_ns());
	delta = realtime_offset_ns - old;
	list_for_each_entry(h, &clock_hooks, node)
		h->fn(h, delta);	/* absolute CLOCK_REALTIME timers follow the clock */
	spin_unlock_irqrestore(&clock_hooks_lock, flags);
	return 0;
}

SYSCALL_DEFINE2(clock_settime, int, clk, const struct timespec_abi *, uts)
{
	struct timespec_abi ts;

	if (clk != CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(&ts, (const void __user *)uts, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(&ts))
		return -EINVAL;
	return set_realtime(ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec);
}

SYSCALL_DEFINE2(gettimeofday, struct timeval_abi *, utv, void *, utz)
{
	struct timespec_abi ts = ns_to_timespec(clock_realtime_ns());
	struct timeval_abi tv = { ts.tv_sec, ts.tv_nsec / 1000 };

	if (utv && copy_to_user((void __user *)utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && clear_user((void __user *)utz, 8))	/* struct timezone: UTC */
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(settimeofday, const struct timeval_abi *, utv, const void *, utz)
{
	struct timeval_abi tv;

	(void)utz;
	if (!utv)
		return 0;
	if (copy_from_user(&tv, (const void __user *)utv, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000 || tv.tv_sec < 0)
		return -EINVAL;
	return set_realtime(tv.tv_sec * (s64)NSEC_PER_SEC + tv.tv_usec * 1000);
}

SYSCALL_DEFINE1(time, s64 *, ut)
{
	s64 now = clock_realtime_ns() / (s64)NSEC_PER_SEC;

	if (ut && put_user(now, (s64 __user *)ut))
		return -EFAULT;
	return now;
}

static long sleep_to(u64 deadline, struct timespec_abi *urem);

static long sleep_restart(struct restart_block *rb)
{
	return sleep_to(rb->deadline, rb->urem);
}

/*
 * Sleep until the absolute monotonic deadline.  On a signal, report the
 * time left through urem (relative sleeps) and return
 * -ERESTART_RESTARTBLOCK: -EINTR if a handler runs, else the sleep goes
 * on to the same deadline through restart_syscall(2), as on Linux
 * (a stopped and continued "sleep 10" still ends after 10 seconds).
 */
static long sleep_to(u64 deadline, struct timespec_abi *urem)
{
	struct task *t = current_task();
	int err = sleep_until(deadline, TASK_INTERRUPTIBLE);

	while (err == -EAGAIN)		/* woken early for another reason */
		err = sleep_until(deadline, TASK_INTERRUPTIBLE);
	if (err == 0)
		return 0;
	if (urem) {
		s64 left = (s64)(deadline - clock_monotonic_ns());
		struct timespec_abi rem = ns_to_timespec(left > 0 ? left : 0);

		if (copy_to_user((void __user *)urem, &rem, sizeof(rem)))
			return -EFAULT;
	}
	t->restart.fn = sleep_restart;
	t->restart.deadline = deadline;
	t->restart.urem = urem;
	return -ERESTART_RESTARTBLOCK;
}

SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *rb = &current_task()->restart;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}

SYSCALL_DEFINE2(nanosleep, const struct timespec_abi *, ureq, struct timespec_abi *, urem)
{
	struct timespec_abi req;

	if (copy_from_user(&req, (const void __user *)ureq, sizeof(req)))
		return -EFAULT;
	if (!timespec_valid(&req))
		return -EINVAL;
	return sleep_to(clock_monotonic_ns() + req.tv_sec * NSEC_PER_SEC + req.tv_nsec, urem);
}

SYSCALL_DEFINE4(clock_nanosleep, int, clk, int, flags, const struct timespec_abi *, ureq,
		struct timespec_abi *, urem)
{
	struct timespec_abi req;
	s64 want, now = clock_read(clk);

	if (clk == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if (now < 0 && clk != CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(&req, (const void __user *)ureq, sizeof(req)))
		return -EFAULT;
	if (!timespec_valid(&req))
		return -EINVAL;
	want = req.tv_sec * (s64)NSEC_PER_SEC + req.tv_nsec;
	if (flags & TIMER_ABSTIME)
		return sleep_to(clock_monotonic_ns() + (want > now ? want - now : 0), NULL);
	return sleep_to(clock_monotonic_ns() + want, urem);
}
