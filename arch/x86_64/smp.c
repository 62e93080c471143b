/*
 * Cross-CPU control.  Only the boot CPU runs until AP bring-up lands, so
 * stopping "other" CPUs has nothing to stop yet; the NMI path is ready for
 * when it does: a stop request makes every other CPU halt in its NMI.
 */
#include <arch/cpu.h>
#include <percpu.h>
#include <printk.h>
#include "traps.h"

static bool stop_requested;

void arch_stop_other_cpus(void)
{
	__atomic_store_n(&stop_requested, true, __ATOMIC_SEQ_CST);
	/* Other CPUs get an NMI here once they are started. */
}

void arch_nmi_handler(struct trap_frame *f)
{
	if (__atomic_load_n(&stop_requested, __ATOMIC_SEQ_CST))
		arch_halt_forever();
	pr_warn("NMI received on CPU %u at %lx\n", this_cpu()->id, f->rip);
}

void arch_irq_enter(struct trap_frame *f)
{
	(void)f;
}

void arch_irq_exit(struct trap_frame *f)
{
	(void)f;
	lapic_eoi();
}
