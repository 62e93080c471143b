/*
 * The vDSO contract: a small shared object the kernel maps into every
 * process, whose functions read the clocks without a system call
 * (arch/x86_64/vdso.c and arch/x86_64/vdso/).
 */
#ifndef ARCH_VDSO_H
#define ARCH_VDSO_H

#include <types.h>

struct mm;

/* Boot, after the clock source is calibrated and pages can be allocated. */
void arch_vdso_init(void);

/*
 * Map the vDSO (and its data page) into mm, whose lock the caller holds.
 * *ehdr is the ELF header's user address for AT_SYSINFO_EHDR, or 0 when
 * there is no vDSO (vdso=0, or boot could not build it).  0 or -ENOMEM.
 */
int arch_vdso_map(struct mm *mm, unsigned long *ehdr);

/*
 * CLOCK_REALTIME moved: publish the new realtime - monotonic offset.
 * Callers serialize (time_sys.c's realtime_lock).
 */
void arch_vdso_set_realtime_offset(s64 offset_ns);

#endif
