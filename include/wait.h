/*
 * Wait queues: the one way a task sleeps until something happens (pipe
 * data, a child's exit, a futex, a timer).  The sleeper puts an entry on
 * the queue, marks itself sleeping, re-checks its condition, and only then
 * calls schedule(); the waker changes the condition first and then calls
 * wake_up().  That order means a wake-up between the check and schedule()
 * is never lost: it makes the task runnable again and schedule() returns.
 */
#ifndef WAIT_H
#define WAIT_H

#include <errno.h>
#include <list.h>
#include <sched.h>
#include <spinlock.h>
#include <wait_types.h>

struct wait_entry {
	struct task *task;
	struct list_head node;		/* on the queue while non-empty */
	/*
	 * Optional: called by wake_up() (under the queue's lock, maybe in
	 * interrupt context) instead of waking 'task'; poll and epoll use it.
	 */
	void (*wake)(struct wait_entry *e);
};

#define WAIT_QUEUE_INIT(name)	{ SPINLOCK_INIT(#name), LIST_HEAD_INIT((name).waiters) }
#define DEFINE_WAIT_QUEUE(name)	struct wait_queue name = WAIT_QUEUE_INIT(name)

void wait_queue_init(struct wait_queue *wq);
void prepare_to_wait(struct wait_queue *wq, struct wait_entry *e, int state);
void finish_wait(struct wait_queue *wq, struct wait_entry *e);
/*
 * Put e on wq, or take it off, without touching the caller's task state:
 * for entries with a wake callback that outlive one sleep (epoll).
 */
void add_wait_queue(struct wait_queue *wq, struct wait_entry *e);
void remove_wait_queue(struct wait_queue *wq, struct wait_entry *e);
/* Wake every waiter; safe from interrupt handlers. */
void wake_up(struct wait_queue *wq);

/* Sleep (uninterruptibly) until cond is true. */
#define wait_event(wq, cond)						\
	do {								\
		struct wait_entry __e = { .task = current_task() };	\
		list_init(&__e.node);					\
		for (;;) {						\
			prepare_to_wait(&(wq), &__e, TASK_UNINTERRUPTIBLE); \
			if (cond)					\
				break;					\
			schedule();					\
		}							\
		finish_wait(&(wq), &__e);				\
	} while (0)

/*
 * Sleep until cond is true or a signal arrives.  Evaluates to 0, or to
 * -ERESTARTSYS when interrupted (the syscall layer turns that into a
 * restart or -EINTR, depending on the handler's SA_RESTART).
 */
#define wait_event_interruptible(wq, cond) ({				\
	struct wait_entry __e = { .task = current_task() };		\
	int __ret = 0;							\
	list_init(&__e.node);						\
	for (;;) {							\
		prepare_to_wait(&(wq), &__e, TASK_INTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		if (task_signal_pending(current_task())) {		\
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__e);					\
	__ret;								\
})

#endif
