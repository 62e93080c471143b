/* Kernel timers (see include/ktimer.h). */
#include <errno.h>
#include <ktimer.h>
#include <sched.h>
#include <spinlock.h>
#include <time.h>
#include <arch/cpu.h>

static DEFINE_SPINLOCK(timer_lock);
static LIST_HEAD(timers);		/* timer_lock */
static struct ktimer *running_timer;	/* timer_lock: whose callback runs now */

void ktimer_init(struct ktimer *t, void (*fn)(struct ktimer *t))
{
	list_init(&t->node);
	t->fn = fn;
	t->pending = false;
	t->expires = 0;
}

static void remove_locked(struct ktimer *t)
{
	if (t->pending) {
		list_del(&t->node);
		t->pending = false;
	}
}

void ktimer_add(struct ktimer *t, u64 expires)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	struct ktimer *cur;

	remove_locked(t);
	t->expires = expires;
	list_for_each_entry(cur, &timers, node) {
		if (cur->expires > expires)
			break;
	}
	list_add_tail(&t->node, &cur->node);	/* before the first later one */
	t->pending = true;
	spin_unlock_irqrestore(&timer_lock, flags);
}

bool ktimer_cancel(struct ktimer *t)
{
	unsigned long flags = spin_lock_irqsave(&timer_lock);
	bool was = t->pending;

	remove_locked(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

void ktimer_cancel_sync(struct ktimer *t)
{
	for (;;) {
		unsigned long flags = spin_lock_irqsave(&timer_lock);
		bool busy = running_timer == t;

		remove_locked(t);
		spin_unlock_irqrestore(&timer_lock, flags);
		if (!busy)
			return;
		__builtin_ia32_pause();	/* it may re-arm itself: remove again after */
	}
}

void ktimer_run_expired(void)
{
	u64 now = clock_monotonic_ns();

	for (;;) {
		unsigned long flags = spin_lock_irqsave(&timer_lock);
		struct ktimer *t;

		if (list_empty(&timers)) {
			spin_unlock_irqrestore(&timer_lock, flags);
			return;
		}
		t = list_first_entry(&timers, struct ktimer, node);
		if (t->expires > now) {
			spin_unlock_irqrestore(&timer_lock, flags);
			return;
		}
		remove_locked(t);
		running_timer = t;
		spin_unlock_irqrestore(&timer_lock, flags);
		t->fn(t);	/* may re-arm itself */
		flags = spin_lock_irqsave(&timer_lock);
		running_timer = NULL;
		spin_unlock_irqrestore(&timer_lock, flags);
	}
}

#define SNAPSHOT_LOCK_WAIT_US	100000

int ktimer_snapshot(struct ktimer_info *out, int max)
{
	unsigned long flags = arch_irq_save();
	struct ktimer *t;
	int n = 0;

	for (int us = 0; !spin_trylock(&timer_lock); us++) {
		if (us >= SNAPSHOT_LOCK_WAIT_US) {
			arch_irq_restore(flags);
			return -1;
		}
		udelay(1);
	}
	list_for_each_entry(t, &timers, node) {
		if (n < max)
			out[n] = (struct ktimer_info){ t, t->expires, (unsigned long)t->fn };
		n++;
	}
	spin_unlock(&timer_lock);
	arch_irq_restore(flags);
	return n;
}

/* Expired before woken: a sleeper that checks after setting its state sees one or the other. */
static void ktimeout_fire(struct ktimer *t)
{
	struct ktimeout *to = container_of(t, struct ktimeout, timer);

	__atomic_store_n(&to->fired, true, __ATOMIC_SEQ_CST);
	wake_up_process(to->task);
}

void ktimeout_start(struct ktimeout *to, u64 deadline)
{
	to->task = current_task();
	to->deadline = deadline;
	to->fired = false;
	ktimer_init(&to->timer, ktimeout_fire);
	if (deadline)
		ktimer_add(&to->timer, deadline);
}

void ktimeout_stop(struct ktimeout *to)
{
	ktimer_cancel_sync(&to->timer);	/* 'to' usually lives on the sleeper's stack */
}

int __sched sleep_until(u64 deadline, int state)
{
	struct task *t = current_task();
	bool interruptible = state == TASK_INTERRUPTIBLE;
	struct ktimeout to;

	ktimeout_start(&to, deadline);
	set_current_state(state);
	if (!(interruptible && task_signal_pending(t)) && !ktimeout_expired(&to))
		schedule();
	set_current_state(TASK_RUNNING);
	ktimeout_stop(&to);
	if (ktimeout_expired(&to))
		return 0;
	if (interruptible && task_signal_pending(t))
		return -ERESTARTSYS;
	return -EAGAIN;
}
