/*
 * Host stand-in for include/spinlock.h: single-threaded, so a lock only
 * records that it is held, and the test fails on a lock taken twice or
 * released while free (kshim_lock_error(), in the test).
 */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include <types.h>
#include <spinlock_types.h>

void kshim_lock_error(const char *what, const struct spinlock *l);

static inline void spin_lock(struct spinlock *l)
{
	if (l->next != l->owner)
		kshim_lock_error("taken while held", l);
	l->next++;
}

static inline void spin_unlock(struct spinlock *l)
{
	if (l->next == l->owner)
		kshim_lock_error("released while free", l);
	l->owner++;
}

static inline unsigned long spin_lock_irqsave(struct spinlock *l)
{
	spin_lock(l);
	return 0x200;	/* "interrupts were on" */
}

static inline void spin_unlock_irqrestore(struct spinlock *l, unsigned long flags)
{
	(void)flags;
	spin_unlock(l);
}

#endif
