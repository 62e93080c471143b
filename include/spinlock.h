/*
 * Spinlocks: ticket locks, fair between CPUs.  Use the _irqsave forms for
 * any lock an interrupt handler may also take.  Every lock's declaration
 * says what it protects (STYLE.md b.8).
 */
#ifndef SPINLOCK_H
#define SPINLOCK_H

#include <types.h>
#include <spinlock_types.h>
#include <preempt.h>
#include <arch/cpu.h>

/* The lock alone, without touching preemption: for the scheduler's own use. */
static inline void raw_spin_lock(struct spinlock *l)
{
	u16 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		__builtin_ia32_pause();
}

static inline bool raw_spin_trylock(struct spinlock *l)
{
	u16 owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
	u16 expect = owner;

	return __atomic_compare_exchange_n(&l->next, &expect, (u16)(owner + 1), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void raw_spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->owner, (u16)(l->owner + 1), __ATOMIC_RELEASE);
}

/* Holding a spinlock disables preemption: the holder must not be switched out. */
static inline void spin_lock(struct spinlock *l)
{
	preempt_disable();
	raw_spin_lock(l);
}

static inline bool spin_trylock(struct spinlock *l)
{
	preempt_disable();
	if (raw_spin_trylock(l))
		return true;
	preempt_enable_no_resched();
	return false;
}

static inline void spin_unlock(struct spinlock *l)
{
	raw_spin_unlock(l);
	preempt_enable();
}

static inline bool spin_is_locked(struct spinlock *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

static inline unsigned long spin_lock_irqsave(struct spinlock *l)
{
	unsigned long flags = arch_irq_save();

	spin_lock(l);
	return flags;
}

static inline void spin_unlock_irqrestore(struct spinlock *l, unsigned long flags)
{
	spin_unlock(l);
	arch_irq_restore(flags);
}

#endif
