/*
 * The architecture contract for the CPU: interrupts on/off, halting, and
 * the few CPU facts generic code needs.  Implemented in arch/x86_64/.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <types.h>
#include <compiler.h>

static inline void arch_irq_disable(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}

static inline void arch_irq_enable(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline bool arch_irqs_enabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags));
	return flags & (1ul << 9);
}

/* Disable interrupts and return whether they were enabled. */
static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags & (1ul << 9);
}

static inline void arch_irq_restore(unsigned long was_enabled)
{
	if (was_enabled)
		arch_irq_enable();
}

/* Wait for the next interrupt with interrupts enabled (atomically). */
static inline void arch_idle(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

/* Stop this CPU for good. */
void arch_halt_forever(void) __noreturn;

/* Stop every other CPU (NMI) then this one; used by panic. */
void arch_stop_other_cpus(void);

struct cpu;
/* Interrupt CPU c so it notices need_resched (it may be idle in hlt). */
void arch_send_reschedule(struct cpu *c);

/* Power off / reboot the machine; return only on failure. */
void arch_poweroff(void);
void arch_reboot(void);

/* Exit QEMU through isa-debug-exit with (code << 1) | 1, if enabled. */
void arch_debug_exit(int code);

/* Run fn on the stack whose top is stack_top, then return here. */
void arch_call_on_stack(void *stack_top, void (*fn)(void));

/* Print a backtrace starting at the given frame pointer. */
void arch_print_backtrace(unsigned long rbp);

struct seq_buf;
/* Write CPU cpu's block of /proc/cpuinfo (arch/x86_64/cpuinfo.c). */
void arch_show_cpuinfo(struct seq_buf *s, unsigned int cpu);

#endif
