/*
 * Restartable sequences (rseq(2), kernel/rseq.c).
 *
 * A thread registers a struct rseq in its own memory.  Before it next runs
 * user code after being switched out or after a signal is delivered, the
 * kernel writes the CPU it runs on into that area and, if the thread was
 * inside the critical section the area's rseq_cs names, moves it to the
 * section's abort_ip.  The scheduler and signal delivery only mark the
 * task (rseq_preempt(), rseq_signal_deliver()); the work is done once, in
 * exit_to_user_mode().  Every field below belongs to its own task: the
 * scheduler writes them only for the task it is switching away from.
 */
#ifndef RSEQ_H
#define RSEQ_H

#include <sched.h>

#define RSEQ_EVENT_PREEMPT	1
#define RSEQ_EVENT_SIGNAL	2

struct trap_frame;

/* The scheduler switches away from t (which is current). */
static inline void rseq_preempt(struct task *t)
{
	if (t->rseq) {
		t->rseq_events |= RSEQ_EVENT_PREEMPT;
		t->rseq_resume = true;
	}
}

/* A new task: a forked process keeps the registration, a new thread starts without. */
void rseq_fork(struct task *child, const struct task *parent, bool shares_vm);
/* exec: the new program starts unregistered. */
void rseq_exec(struct task *t);
/* Before building a handler frame for sig: abort a critical section in f. */
void rseq_signal_deliver(struct trap_frame *f, int sig);
/* Return to user with t->rseq_resume set: fix up f and write the CPU number. */
void rseq_notify_resume(struct trap_frame *f);

#endif
