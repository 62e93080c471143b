#ifndef X86_TSC_H
#define X86_TSC_H

#include <types.h>

/*
 * Measure the TSC against the HPET (when hpet_init() found one) or the PIT,
 * then start clock_monotonic_ns().  Boot CPU, once, interrupts off.
 */
void tsc_calibrate(void);

/* Set the TSC frequency (kHz) found by calibration; starts the clock. */
void tsc_set_frequency(u64 khz);
u64 tsc_frequency_khz(void);
/* clock_monotonic_ns()'s formula: ((tsc - *base) * *mult) >> 32; mult 0 before calibration. */
void tsc_clock_params(u64 *base, u64 *mult);
/*
 * Every CPU's tick: take back a jump of the TSC far beyond any real tick
 * interval (see tsc.c).  Interrupt context.
 */
void tsc_check_jump(void);
/* vdso.c: republish the TSC at monotonic 0 after tsc_check_jump() moved it. */
void vdso_set_tsc_base(u64 base);

/* TSC kHz measured over 'ms' milliseconds of PIT channel 2; 0 on failure. */
u64 tsc_measure_with_pit(unsigned int ms);
/* TSC kHz measured over 'ms' milliseconds of the HPET counter; 0 on failure. */
u64 tsc_measure_with_hpet(unsigned int ms);

#endif
