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
 * A deadline for a sleep the caller runs itself (prepare_to_wait, check
 * its conditions, schedule()): when it passes, the timer sets 'fired' and
 * wakes the task.  Check ktimeout_fired() after setting the task state,
 * with the other conditions, and no wake-up is lost.  A deadline of 0
 * never fires.  ktimeout_stop() before 'to' goes out of scope.
 */
struct ktimeout {
	struct ktimer timer;
	struct task *task;
	bool fired;			/* atomic */
};

void ktimeout_start(struct ktimeout *to, u64 deadline);
void ktimeout_stop(struct ktimeout *to);

static inline bool ktimeout_fired(struct ktimeout *to)
{
	return __atomic_load_n(&to->fired, __ATOMIC_SEQ_CST);
}

/*
 * Sleep in 'state' (TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE) until
 * the monotonic deadline, a wake-up, or (interruptible) a signal.  Returns
 * 0 when the deadline passed, -ERESTARTSYS on a signal, -EAGAIN on another
 * wake-up.  It sets the task state itself, so a wake-up that comes after
 * the caller checked its own condition but before this call is lost until
 * the deadline: callers with a condition of their own use ktimeout.
 */
int sleep_until(u64 deadline, int state);

/*
 * schedule() with a deadline, for a caller that has already set its
 * sleeping state and re-checked its wake-up condition (a wait queue
 * entry, a futex waiter, a poll table): it must not set the state again,
 * or a wake-up that came after the check would be undone and the task
 * would sleep on to the deadline.  Returns with TASK_RUNNING; true when
 * the deadline has passed.
 */
bool schedule_until(u64 deadline);

#endif
