/*
 * The scheduler: per-CPU run queues, round robin with time slices.
 *
 * Locking: a CPU's rq.lock protects its queue and its 'current'.  Every
 * task switch happens inside schedule() with that lock held and
 * interrupts off; whichever task runs next releases it (finish_switch),
 * including a brand-new task in task_first_run().  The lock is taken raw:
 * preemption is already impossible with interrupts off, and the
 * preempt_count must read the same before and after a switch.
 *
 * A task stays on the CPU that created it (no migration yet); new tasks
 * are spread over online CPUs round robin.
 */
#include <kmalloc.h>
#include <errno.h>
#include <format.h>
#include <panic.h>
#include <signal.h>
#include <preempt.h>
#include <rseq.h>
#include <spinlock.h>
#include <sched.h>
#include <string.h>
#include <timer.h>
#include <vmalloc.h>
#include <arch/cpu.h>

static struct task boot_idle_task;

static void enqueue(struct runqueue *rq, struct task *t)
{
	list_add_tail(&t->run_node, &rq->queue);
	t->on_rq = true;
	rq->nr_running++;
}

static void dequeue(struct runqueue *rq, struct task *t)
{
	list_del(&t->run_node);
	t->on_rq = false;
	rq->nr_running--;
}

static void finish_switch(struct task *prev)
{
	raw_spin_unlock(&this_cpu()->rq.lock);
	if (prev && prev->state == TASK_DEAD)
		task_put(prev);		/* the reference the task held on itself */
}

/*
 * Pick the next task and switch to it.  'preempt' says the switch is
 * forced on prev (a timer tick, a wake-up) rather than asked for by
 * prev itself: then prev stays runnable whatever its state.  A task is
 * often preempted between set_current_state(TASK_INTERRUPTIBLE) and its
 * own schedule(), and treating that as going to sleep is wrong when the
 * wake-up it waits for is not armed yet: sleep_until() once set its state
 * before it added its timer, so a tick in between left it asleep with no
 * timer (a lost wake-up, seen more often with two CPUs waking each
 * other's tasks).  Once it runs again it calls schedule() itself.
 */
static void __sched __schedule(bool preempt)
{
	unsigned long flags = arch_irq_save();
	struct cpu *c = this_cpu();
	struct task *prev = c->current, *next;
	bool stays_runnable;

	raw_spin_lock(&c->rq.lock);
	c->need_resched = false;
	stays_runnable = prev->state == TASK_RUNNING ||
			 (preempt && prev->state != TASK_DEAD);
	if (stays_runnable && prev != c->idle && !prev->on_rq)
		enqueue(&c->rq, prev);
	if (list_empty(&c->rq.queue)) {
		next = c->idle;
	} else {
		next = list_first_entry(&c->rq.queue, struct task, run_node);
		dequeue(&c->rq, next);
	}
	next->slice = sched_slice_ticks(next);
	if (next != prev) {
		/* Asleep (waiting for something) is voluntary; preempted or yielding is not. */
		if (prev->state == TASK_RUNNING)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		c->nr_switches++;
		rseq_preempt(prev);
		c->current = next;
		arch_switch_prepare(prev, next);
		prev = arch_switch_to(prev, next);
		finish_switch(prev);
	} else {
		raw_spin_unlock(&c->rq.lock);
	}
	arch_irq_restore(flags);
}

void __sched schedule(void)
{
	__schedule(false);
}

void __sched yield(void)
{
	schedule();
}

void __sched preempt_schedule(void)
{
	if (!arch_irqs_enabled())
		return;		/* interrupts off: the caller is in a critical section */
	__schedule(true);
}

void sched_preempt_irq(void)
{
	struct cpu *c = this_cpu();

	if (c->need_resched && c->preempt_count == 0 && c->current)
		__schedule(true);
}

bool wake_up_process(struct task *t)
{
	struct runqueue *rq = &t->cpu->rq;
	unsigned long flags = arch_irq_save();
	bool woke = false, kick = false;

	raw_spin_lock(&rq->lock);
	if (t->state != TASK_RUNNING && t->state != TASK_DEAD) {
		t->state = TASK_RUNNING;
		woke = true;
		if (!t->on_rq && t->cpu->current != t) {
			enqueue(rq, t);
			if (t->cpu->current == t->cpu->idle) {
				t->cpu->need_resched = true;
				kick = t->cpu != this_cpu();
			}
		}
	}
	raw_spin_unlock(&rq->lock);
	if (kick)
		arch_send_reschedule(t->cpu);	/* an idle CPU sleeps in hlt */
	arch_irq_restore(flags);
	return woke;
}

void sched_tick(void)
{
	struct cpu *c = this_cpu();

	/* CPU time is sampled: the whole tick goes to whoever it interrupted. */
	if (c->irq_from_user) {
		c->current->utime_ns += TICK_NSEC;
		WRITE_ONCE(c->user_ticks, c->user_ticks + 1);
	} else if (c->current != c->idle) {
		c->current->stime_ns += TICK_NSEC;
		WRITE_ONCE(c->system_ticks, c->system_ticks + 1);
	} else {
		WRITE_ONCE(c->idle_ticks, c->idle_ticks + 1);
	}
	if (c->id == 0)
		loadavg_tick();
	if (c->current == c->idle) {
		/*
		 * Only ever set it here: a wake-up on another CPU may have just
		 * set it (under rq.lock, which the tick does not take), and
		 * clearing it would lose that wake-up until the next tick.
		 */
		if (c->rq.nr_running > 0)
			c->need_resched = true;
		return;
	}
	if (--c->current->slice <= 0 && c->rq.nr_running > 0)
		c->need_resched = true;
}

void task_first_run(struct task *prev)
{
	struct task *self;

	finish_switch(prev);
	arch_irq_enable();
	self = current_task();
	self->entry(self->entry_arg);
	do_exit(0);
}

void sched_init(void)
{
	struct cpu *c = this_cpu();

	raw_spin_lock(&c->rq.lock);	/* nothing else runs yet; keeps the rules uniform */
	list_init(&c->rq.queue);
	boot_idle_task.state = TASK_RUNNING;
	boot_idle_task.cpu = c;
	boot_idle_task.refcount = 1;
	strlcpy(boot_idle_task.comm, "swapper/0", TASK_COMM_LEN);
	list_init(&boot_idle_task.run_node);
	c->idle = &boot_idle_task;
	c->current = &boot_idle_task;
	raw_spin_unlock(&c->rq.lock);
}

void sched_init_ap(void)
{
	struct cpu *c = this_cpu();
	struct task *idle = kzalloc(sizeof(*idle));

	if (!idle)
		panic("sched: no memory for CPU %u's idle task", c->id);
	raw_spin_lock(&c->rq.lock);	/* as in sched_init(): nothing can wake us yet */
	list_init(&c->rq.queue);
	idle->state = TASK_RUNNING;
	idle->cpu = c;
	idle->refcount = 1;
	snprintf(idle->comm, TASK_COMM_LEN, "swapper/%u", c->id);
	list_init(&idle->run_node);
	c->idle = idle;
	c->current = idle;
	raw_spin_unlock(&c->rq.lock);
}

void cpu_idle_loop(void)
{
	struct cpu *c = this_cpu();

	for (;;) {
		arch_irq_disable();
		if (c->need_resched) {
			arch_irq_enable();
			schedule();
		} else {
			arch_idle();	/* sti; hlt: no wake-up can slip in between */
		}
	}
}

static bool signal_work(struct task *t, struct trap_frame *f)
{
	long ret;

	return task_signal_pending(t) || READ_ONCE(t->group_leader->group_exiting) ||
	       READ_ONCE(t->exec_killed) ||
	       READ_ONCE(t->group_leader->group_stop_sig) || t->restore_blocked ||
	       (arch_frame_syscall(f, &ret) && ret <= -ERESTARTSYS &&
		ret >= -ERESTART_RESTARTBLOCK);
}

/*
 * Loops until no work is left, then returns with interrupts off, so no
 * switch can come between the last rseq fix-up and user mode (a switch there would leave a thread inside
 * its critical section after another one ran on its CPU).
 */
void exit_to_user_mode(struct trap_frame *f)
{
	struct task *t = current_task();
	unsigned long flags = arch_irq_save();

	/* The common case, nothing to do: one look, already with interrupts off. */
	if (likely(!this_cpu()->need_resched && !t->rseq_resume && !signal_work(t, f)))
		return;
	arch_irq_restore(flags);
	for (;;) {
		while (this_cpu()->need_resched)
			__schedule(true);
		if (signal_work(t, f))
			do_signal(f);
		if (t->rseq_resume)
			rseq_notify_resume(f);
		arch_irq_disable();
		/* A signal sent meanwhile (SIGSEGV from a failed fix-up) goes now, as on Linux. */
		if (!this_cpu()->need_resched && !t->rseq_resume && !task_signal_pending(t))
			return;
		arch_irq_enable();
	}
}
