/* How generic code finds its own CPU's data: the first word at GS base. */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

struct cpu;

static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *c;

	__asm__ __volatile__("movq %%gs:0, %0" : "=r"(c));
	return c;
}

#endif
