/*
 * Sleeping locks, for state held across operations that may block
 * (memory allocation that waits, I/O, page faults).  Never take one with
 * a spinlock held or interrupts off.  Not recursive; the owner is
 * recorded so a self-deadlock is reported instead of hanging.
 */
#ifndef MUTEX_H
#define MUTEX_H

#include <types.h>
#include <wait.h>

struct mutex {
	struct wait_queue waiters;	/* its lock also protects 'owner' */
	struct task *owner;		/* NULL when free */
};

#define MUTEX_INIT(name)	{ WAIT_QUEUE_INIT((name).waiters), NULL }

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);

static inline bool mutex_is_held_by_me(struct mutex *m)
{
	return READ_ONCE(m->owner) == current_task();
}

#endif
