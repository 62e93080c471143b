/*
 * Per-CPU data.  Each CPU has one struct cpu, reached through this_cpu()
 * (GS base on x86_64).  Fields are touched only by their own CPU unless
 * a comment says otherwise.
 */
#ifndef PERCPU_H
#define PERCPU_H

#include <types.h>

#define MAX_CPUS	64

struct arch_cpu;

struct cpu {
	struct cpu *self;		/* must stay first: this_cpu() reads it */
	unsigned int id;		/* 0 .. ncpus-1, 0 is the boot CPU */
	u32 apic_id;			/* immutable after bring-up */
	bool online;			/* written once by the CPU itself */
	u64 ticks;			/* timer interrupts taken */
	struct arch_cpu *arch;		/* GDT, TSS, IST stacks */
};

extern struct cpu *cpus[MAX_CPUS];	/* immutable after SMP bring-up */
extern unsigned int ncpus_online;

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;

	__asm__ __volatile__("movq %%gs:0, %0" : "=r"(c));
	return c;
}

#endif
