/* Hooks between traps.c and the rest of arch/x86_64. */
#ifndef X86_TRAPS_H
#define X86_TRAPS_H

#include <asm/trap.h>

/* True when addr lies in the guard page of some kernel stack. */
bool kstack_guard_hit(unsigned long addr);

void arch_nmi_handler(struct trap_frame *f);
/* Bracket an external interrupt (EOI is sent in arch_irq_exit). */
void arch_irq_enter(struct trap_frame *f);
void arch_irq_exit(struct trap_frame *f);

#endif
void lapic_eoi(void);

/* Program this CPU's syscall MSRs. */
void syscall_init_cpu(void);
