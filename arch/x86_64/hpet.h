/* The HPET main counter: a fixed-rate reference clock for calibration. */
#ifndef X86_HPET_H
#define X86_HPET_H

#include <types.h>

/*
 * Map the HPET the ACPI table describes, check its capabilities and start
 * the main counter.  Returns 0, or -ENODEV when there is no usable HPET.
 */
int hpet_init(void);
bool hpet_available(void);

/* Main counter value (only the low 32 bits move on a 32-bit HPET). */
u64 hpet_read_counter(void);
/* Ticks from 'start' to 'end', allowing for one wrap of a 32-bit counter. */
u64 hpet_counter_delta(u64 start, u64 end);
u64 hpet_ticks_to_ns(u64 ticks);
u64 hpet_ns_to_ticks(u64 ns);

#endif
