/*
 * ITIMER_REAL and alarm(2): one real-time timer per process that sends
 * SIGALRM when it expires and re-arms itself with its interval.  The
 * virtual and profiling timers are not implemented (-EINVAL), which
 * programs see as an unsupported timer, not a silently dead one.
 *
 * itimer_lock protects every process's interval; the ktimer itself is
 * under timer_lock (ktimer.h).
 */
#include <errno.h>
#include <ktimer.h>
#include <proc.h>
#include <signal.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <uapi/time_abi.h>

static DEFINE_SPINLOCK(itimer_lock);

/*
 * The re-arm reads the interval under itimer_lock, as setitimer() writes
 * it: reading it before sending the signal and re-arming after let a
 * setitimer() that disarmed the timer in between (or an exiting process,
 * itimer_exit_process) be undone by the callback still running on CPU 0,
 * one more SIGALRM after the disarm (seen under load on two CPUs), or a
 * freed task's timer left in the list.  A timer that setitimer() armed
 * anew meanwhile is pending again and keeps its new expiry.
 */
static void itimer_fire(struct ktimer *kt)
{
	struct task *leader = container_of(kt, struct task, itimer_real);
	struct siginfo_abi info = { .si_signo = SIGALRM, .si_code = SI_TIMER };
	unsigned long flags;

	send_signal(leader, SIGALRM, &info, true);
	flags = spin_lock_irqsave(&itimer_lock);
	if (leader->itimer_interval_ns && !kt->pending)
		ktimer_add(kt, kt->expires + leader->itimer_interval_ns);
	spin_unlock_irqrestore(&itimer_lock, flags);
}

void itimer_init_task(struct task *leader)
{
	ktimer_init(&leader->itimer_real, itimer_fire);
}

void itimer_exit_process(struct task *leader)
{
	unsigned long flags = spin_lock_irqsave(&itimer_lock);

	leader->itimer_interval_ns = 0;		/* a callback running now must not re-arm */
	ktimer_cancel(&leader->itimer_real);
	spin_unlock_irqrestore(&itimer_lock, flags);
}

static u64 tv_to_ns(const struct timeval_abi *tv)
{
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * 1000;
}

static struct timeval_abi ns_to_tv(u64 ns)
{
	struct timeval_abi tv = { (s64)(ns / NSEC_PER_SEC), (s64)(ns % NSEC_PER_SEC) / 1000 };

	return tv;
}

/* Current value of the process's real timer, then optionally set a new one. */
static void itimer_swap(struct task *leader, const struct itimerval_abi *set,
			struct itimerval_abi *old)
{
	unsigned long flags = spin_lock_irqsave(&itimer_lock);
	u64 now = clock_monotonic_ns(), left = 0;

	if (leader->itimer_real.pending && leader->itimer_real.expires > now)
		left = leader->itimer_real.expires - now;
	if (old) {
		old->it_value = ns_to_tv(left);
		old->it_interval = ns_to_tv(leader->itimer_interval_ns);
		/* A pending timer never reads as zero (it would look disarmed). */
		if (leader->itimer_real.pending && !old->it_value.tv_sec && !old->it_value.tv_usec)
			old->it_value.tv_usec = 1;
	}
	if (set) {
		leader->itimer_interval_ns = tv_to_ns(&set->it_interval);
		if (set->it_value.tv_sec || set->it_value.tv_usec)
			ktimer_add(&leader->itimer_real, now + tv_to_ns(&set->it_value));
		else
			ktimer_cancel(&leader->itimer_real);
	}
	spin_unlock_irqrestore(&itimer_lock, flags);
}

static bool tv_valid(const struct timeval_abi *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

SYSCALL_DEFINE3(setitimer, int, which, const struct itimerval_abi *, unew,
		struct itimerval_abi *, uold)
{
	struct itimerval_abi set, old;

	if (which != ITIMER_REAL)
		return -EINVAL;
	if (unew && copy_from_user(&set, (const void __user *)unew, sizeof(set)))
		return -EFAULT;
	if (unew && (!tv_valid(&set.it_value) || !tv_valid(&set.it_interval)))
		return -EINVAL;
	itimer_swap(current_task()->group_leader, unew ? &set : NULL, &old);
	if (uold && copy_to_user((void __user *)uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct itimerval_abi *, uval)
{
	struct itimerval_abi old;

	if (which != ITIMER_REAL)
		return -EINVAL;
	itimer_swap(current_task()->group_leader, NULL, &old);
	return copy_to_user((void __user *)uval, &old, sizeof(old));
}

SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimerval_abi set = { .it_value = { seconds, 0 } }, old;

	itimer_swap(current_task()->group_leader, &set, &old);
	/* Seconds left, rounded to nearest, never 0 for a pending alarm. */
	if (old.it_value.tv_usec >= 500000 || (!old.it_value.tv_sec && old.it_value.tv_usec))
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}
