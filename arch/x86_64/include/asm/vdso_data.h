/*
 * The vDSO's data page ([vvar]): what the kernel publishes so that user
 * space can read the clocks without a system call.  The kernel writes it
 * (arch/x86_64/vdso.c); the vDSO (arch/x86_64/vdso/) reads it through a
 * read-only mapping one page below its code.  The layout is private to
 * the two, built from the same header, so it is no ABI.
 *
 * Readers follow the seqcount: read seq (retry while odd), read the
 * fields, read seq again and retry if it changed.  The single writer
 * (under time_sys.c's realtime_lock) makes seq odd, writes, makes it even.
 *
 * Time, exactly as the kernel computes it (tsc.c, time_sys.c):
 *   monotonic_ns = ((tsc - tsc_base) * tsc_mult) >> 32   (128-bit product)
 *   realtime_ns  = monotonic_ns + realtime_offset_ns
 * so a vDSO read and a system call agree to the nanosecond.
 */
#ifndef ASM_VDSO_DATA_H
#define ASM_VDSO_DATA_H

#include <stdint.h>

#define VDSO_CLOCK_NONE	0	/* no usable TSC: every call is a system call */
#define VDSO_CLOCK_TSC	1

struct vdso_data {
	uint32_t seq;
	uint32_t clock_mode;		/* VDSO_CLOCK_* */
	uint64_t tsc_base;		/* TSC value at monotonic 0 */
	uint64_t tsc_mult;		/* ns per TSC tick, << 32 */
	int64_t realtime_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC */
	uint64_t coarse_res_ns;		/* what clock_getres says of the _COARSE clocks */
};

#endif
