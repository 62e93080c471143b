/*
 * Hooks between the SMP code (smp.c: IPIs, TLB shootdown, stopping CPUs;
 * smpboot.c and trampoline.S: starting the application processors) and
 * the rest of arch/x86_64.
 */
#ifndef X86_SMP_H
#define X86_SMP_H

/*
 * The AP start-up trampoline and its page tables live at fixed physical
 * pages in the first MiB, which the page allocator never hands out
 * (mm/page_alloc.c).  A STARTUP IPI with vector V starts an AP in real
 * mode at V * 4 KiB, so the code page must be 4 KiB aligned and below
 * 1 MiB.  See docs/decisions.md.
 */
#define TRAMPOLINE_PHYS		0x8000	/* code and parameters; SIPI vector 0x08 */
#define TRAMPOLINE_PML4		0x9000	/* identity map of the first 2 MiB + kernel half */
#define TRAMPOLINE_PDPT		0xa000
#define TRAMPOLINE_PD		0xb000
#define TRAMPOLINE_END		0xc000

/*
 * The parameter block at smp_trampoline_params, filled by the boot CPU
 * before each AP is started (trampoline.S reads it at these offsets).
 */
#define TP_CR3		0	/* u32: physical address of the trampoline PML4 */
#define TP_EFER		4	/* u32: EFER bits to set (LME, NXE) */
#define TP_STACK	8	/* u64: top of the AP's first (idle) stack */
#define TP_ENTRY	16	/* u64: C entry, called as entry(cpu) */
#define TP_CPU		24	/* u64: the AP's struct cpu */
#define TP_SIZE		32

#ifndef __ASSEMBLY__

#include <types.h>

struct cpu;

/* trampoline.S: the code copied to TRAMPOLINE_PHYS. */
extern const u8 smp_trampoline_start[], smp_trampoline_params[], smp_trampoline_end[];

/* Register the IPI handlers; boot CPU, once, before any AP starts. */
void smp_ipi_init(void);

/*
 * On a starting AP: make it a target of TLB shootdowns and stop requests,
 * then flush its whole TLB so nothing cached before it joined survives.
 */
void smp_cpu_join(struct cpu *c);
/* Bring-up gave up on CPU id (and parked it with INIT): stop asking it. */
void smp_cpu_forget(unsigned int id);

/*
 * Invalidate [va, va+len) on every other online CPU and wait until they
 * have.  Call with interrupts off (tlb_flush_range does); safe while
 * holding any lock, because requests arrive as NMIs.
 */
void smp_tlb_shootdown(unsigned long va, size_t len);
/* The same for the CPUs in 'targets' only (this one and offline ones are left out). */
void smp_tlb_shootdown_cpus(u64 targets, unsigned long va, size_t len);

/* Invalidate [va, va+len) in this CPU's TLB only (mmu.c). */
void tlb_flush_local(unsigned long va, size_t len);

#endif
#endif
