/*
 * The periodic timer tick.
 *
 * Every CPU takes a timer interrupt HZ times a second (the LAPIC timer on
 * x86_64) and calls timer_tick().  The tick is where time-driven work
 * hangs: now it counts, later the scheduler's time slices and expiring
 * timeouts hook in there.
 *
 * jiffies counts the boot CPU's ticks since the tick started.  Only CPU 0
 * writes it (in its timer interrupt); anyone may read it with
 * timer_jiffies(), which is a single atomic 64-bit load.  Per-CPU counts
 * live in struct cpu (percpu.h), field 'ticks', touched only by that CPU.
 * For precise time use clock_monotonic_ns() (time.h); jiffies are for
 * coarse timeouts and accounting.
 */
#ifndef TIMER_H
#define TIMER_H

#include <types.h>

#define HZ		1000	/* 1 ms resolution for sleeps and interval timers */
#define TICK_NSEC	(1000000000ull / HZ)

extern u64 jiffies;		/* written by CPU 0's tick only */

static inline u64 timer_jiffies(void)
{
	return __atomic_load_n(&jiffies, __ATOMIC_RELAXED);
}

static inline u64 msecs_to_jiffies(u64 ms)
{
	return (ms * HZ + 999) / 1000;		/* round up: never wait less */
}

static inline u64 jiffies_to_msecs(u64 j)
{
	return j * 1000 / HZ;
}

/*
 * Called by the arch timer interrupt on every CPU, with interrupts off.
 * Must not sleep.  Counts the tick and calls sched_tick(); timeout
 * expiry is to be called from here too.
 */
void timer_tick(void);

#endif
