/*
 * Kernel timers: run a function once the monotonic clock passes a
 * deadline.  Expired timers run from the timer tick on CPU 0, in
 * interrupt context: callbacks must not sleep and must take their locks
 * with irqsave.  Resolution is one tick (timer.h, HZ).
 *
 * timer_lock protects the list and each timer's 'pending'.
 */
#ifndef KTIMER_H
#define KTIMER_H

#include <types.h>
#include <list.h>
#include <time.h>

struct ktimer {
	struct list_head node;		/* timer_lock: sorted by expires */
	u64 expires;			/* clock_monotonic_ns() deadline */
	void (*fn)(struct ktimer *t);
	bool pending;			/* timer_lock */
};

void ktimer_init(struct ktimer *t, void (*fn)(struct ktimer *t));
/* (Re)arm t for the monotonic time 'expires'. */
void ktimer_add(struct ktimer *t, u64 expires);
/* Disarm; returns whether it was still pending. */
bool ktimer_cancel(struct ktimer *t);
/*
 * Disarm and wait until t's callback, if it is running on another CPU,
 * has returned: afterwards the callback no longer touches t, so t may be
 * freed.  Not from t's own callback.
 */
void ktimer_cancel_sync(struct ktimer *t);
/* The tick calls this on CPU 0. */
void ktimer_run_expired(void);

/* One pending timer, as the SysRq timer list shows it. */
struct ktimer_info {
	const void *timer;
	u64 expires;
	unsigned long fn;
};
/*
 * Copy up to max pending timers, soonest first; returns how many are
 * pending (-1 when timer_lock stayed taken for 100 ms).  Any context.
 */
int ktimer_snapshot(struct ktimer_info *out, int max);

/*
 * The one way to sleep with a deadline: a timer that wakes the sleeping
 * task.  The caller runs its sleep itself, as with any wait (set the task
 * state or prepare_to_wait, check its conditions, schedule()), and counts
 * ktimeout_expired() among the conditions, checked after the state is
 * set: the timer marks the timeout expired before it wakes the task, so
 * an expiry between the check and schedule() is not lost.  The timer
 * never touches the task state itself, so a wake-up that came after the
 * caller's check is never undone.
 *
 *	ktimeout_start(&to, deadline);
 *	for (;;) {
 *		set_current_state(TASK_INTERRUPTIBLE);	(or prepare_to_wait)
 *		if (condition || signal || ktimeout_expired(&to))
 *			break;
 *		schedule();
 *	}
 *	set_current_state(TASK_RUNNING);		(or finish_wait)
 *	ktimeout_stop(&to);
 *
 * A deadline of 0 never expires (a sleep with no timeout).
 * ktimeout_stop() before 'to' goes out of scope.
 */
struct ktimeout {
	struct ktimer timer;
	struct task *task;		/* immutable: the sleeper */
	u64 deadline;			/* immutable: monotonic ns, 0 for none */
	bool fired;			/* atomic: the timer ran */
};

void ktimeout_start(struct ktimeout *to, u64 deadline);
void ktimeout_stop(struct ktimeout *to);

/* Has the deadline passed (the timer ran, or the clock is already there)? */
static inline bool ktimeout_expired(struct ktimeout *to)
{
	return __atomic_load_n(&to->fired, __ATOMIC_SEQ_CST) ||
	       (to->deadline && clock_monotonic_ns() >= to->deadline);
}

/*
 * Sleep in 'state' (TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE) until
 * the monotonic deadline, a wake-up, or (interruptible) a signal: a
 * ktimeout around one schedule().  Returns 0 when the deadline passed,
 * -ERESTARTSYS on a signal, -EAGAIN on another wake-up.  It sets the task
 * state itself, so a wake-up that comes after the caller checked its own
 * condition but before this call is lost until the deadline: callers with
 * a condition of their own use a ktimeout in their own wait loop.
 */
int sleep_until(u64 deadline, int state);

#endif
