/*
 * Kernel time.  clock_monotonic_ns() counts nanoseconds since boot from
 * the calibrated TSC; before calibration it returns 0.
 */
#ifndef TIME_H
#define TIME_H

#include <types.h>

#define NSEC_PER_USEC	1000ull
#define NSEC_PER_MSEC	1000000ull
#define NSEC_PER_SEC	1000000000ull

u64 clock_monotonic_ns(void);

/* Wall-clock time (CLOCK_REALTIME) in ns since the Unix epoch. */
s64 clock_realtime_ns(void);
/* Boot: read the hardware clock (after the TSC is calibrated). */
void time_init(void);

/* Busy-wait; usable before interrupts and the scheduler exist. */
void udelay(u64 usec);

#endif
