/*
 * Preemption control.  A CPU may switch tasks at an interrupt or at
 * preempt_enable() only while its preempt_count is zero; spinlocks raise
 * it, so a lock holder is never switched out on its own CPU.  The count
 * is per CPU: every task switch happens with the same count held (the
 * runqueue lock), so it needs no saving per task.
 */
#ifndef PREEMPT_H
#define PREEMPT_H

#include <compiler.h>
#include <percpu.h>

/* Switch now if a switch is due and allowed (kernel/sched.c). */
void preempt_schedule(void);

static inline void preempt_disable(void)
{
	this_cpu()->preempt_count++;
	barrier();
}

static inline void preempt_enable_no_resched(void)
{
	barrier();
	this_cpu()->preempt_count--;
}

static inline void preempt_enable(void)
{
	struct cpu *c;

	barrier();
	c = this_cpu();
	if (--c->preempt_count == 0 && unlikely(c->need_resched))
		preempt_schedule();
}

#endif
