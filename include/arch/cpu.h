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

/*
 * Stack traces for the task dump (kernel/sysrq.c): return addresses,
 * innermost first, at most max of them; each returns how many it found.
 */
struct task;
/* Follow frame pointers from rbp while they stay inside [lo, hi). */
int arch_walk_frames(unsigned long rbp, unsigned long lo, unsigned long hi,
		     unsigned long *pcs, int n, int max);
/* A task that is not running: from the context it switched out with. */
int arch_task_stack_trace(struct task *t, unsigned long *pcs, int max);
/* The caller's own stack. */
int arch_stack_trace_here(unsigned long *pcs, int max);

#define CPU_TRACE_DEPTH	24
struct cpu_trace {
	bool user;			/* interrupted in user mode, at pc[0] */
	int n;				/* entries of pc[] */
	unsigned long pc[CPU_TRACE_DEPTH];	/* pc[0] is where it was interrupted */
};
/*
 * Where CPU id is now, asked by NMI so that a CPU spinning with
 * interrupts off answers too.  0, -ENODEV (not online) or -ETIMEDOUT.
 */
int arch_cpu_stack_trace(unsigned int id, struct cpu_trace *out);

struct seq_buf;
/* Write CPU cpu's block of /proc/cpuinfo (arch/x86_64/cpuinfo.c). */
void arch_show_cpuinfo(struct seq_buf *s, unsigned int cpu);

#endif
