/*
 * Kernel time.  clock_monotonic_ns() counts nanoseconds since boot from
 * the calibrated TSC; before calibration it returns 0.
 */
#ifndef TIME_H
#define TIME_H

#include <types.h>
#include <list.h>

#define NSEC_PER_USEC	1000ull
#define NSEC_PER_MSEC	1000000ull
#define NSEC_PER_SEC	1000000000ull

u64 clock_monotonic_ns(void);

/* Wall-clock time (CLOCK_REALTIME) in ns since the Unix epoch. */
s64 clock_realtime_ns(void);
/*
 * Told after CLOCK_REALTIME was set (clock_settime, settimeofday), with
 * how far it moved.  fn runs in the setter's context with clock_hooks_lock
 * held and interrupts off: it must not sleep.  Register once.
 */
struct clock_set_hook {
	struct list_head node;		/* clock_hooks_lock */
	void (*fn)(struct clock_set_hook *h, s64 delta_ns);
};
void clock_set_hook_register(struct clock_set_hook *h);

/* Boot: read the hardware clock (after the TSC is calibrated). */
void time_init(void);

/* Busy-wait; usable before interrupts and the scheduler exist. */
void udelay(u64 usec);

#endif
