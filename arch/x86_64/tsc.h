#ifndef X86_TSC_H
#define X86_TSC_H

#include <types.h>

/* Set the TSC frequency (kHz) found by calibration; starts the clock. */
void tsc_set_frequency(u64 khz);
u64 tsc_frequency_khz(void);
/* TSC kHz measured over 'ms' milliseconds of PIT channel 2. */
u64 tsc_measure_with_pit(unsigned int ms);

#endif
