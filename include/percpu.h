/*
 * Per-CPU data.  Each CPU has one struct cpu, reached through this_cpu().
 * Fields are touched only by their own CPU unless a comment names a lock.
 */
#ifndef PERCPU_H
#define PERCPU_H

#include <types.h>
#include <list.h>
#include <spinlock_types.h>
#include <arch/percpu.h>

#define MAX_CPUS	64

struct arch_cpu;
struct task;

/* The tasks waiting for this CPU. */
struct runqueue {
	struct spinlock lock;		/* protects everything below and cpu->current */
	struct list_head queue;		/* runnable tasks, not the running one */
	unsigned int nr_running;	/* tasks on 'queue' */
};

struct cpu {
	struct cpu *self;		/* must stay first: arch_this_cpu() reads it */
	unsigned long kernel_stack_top;	/* offset 8: syscall entry loads it as %rsp */
	unsigned long user_rsp;		/* offset 16: syscall entry parks the user %rsp */
	unsigned int id;		/* 0 .. ncpus-1, 0 is the boot CPU */
	u32 apic_id;			/* immutable after bring-up */
	bool online;			/* written once by the CPU itself */
	int preempt_count;		/* > 0: this CPU must not switch tasks */
	bool need_resched;		/* switch at the next safe point */
	u64 ticks;			/* timer interrupts taken */
	u64 user_ticks, system_ticks, idle_ticks;	/* the tick's own CPU writes; /proc/stat reads */
	u64 nr_switches;		/* context switches; rq.lock to write, /proc/stat reads */
	bool irq_from_user;		/* the interrupt being handled came from user mode */
	struct task *current;		/* runqueue.lock to change */
	struct task *idle;		/* immutable after bring-up */
	struct runqueue rq;
	struct arch_cpu *arch;		/* GDT, TSS, IST stacks */
};

#define CPU_OFFSET_KERNEL_STACK_TOP	8
#define CPU_OFFSET_USER_RSP		16
_Static_assert(__builtin_offsetof(struct cpu, kernel_stack_top) == CPU_OFFSET_KERNEL_STACK_TOP,
	       "syscall entry depends on this offset");
_Static_assert(__builtin_offsetof(struct cpu, user_rsp) == CPU_OFFSET_USER_RSP,
	       "syscall entry depends on this offset");

extern struct cpu *cpus[MAX_CPUS];	/* immutable after SMP bring-up */
extern unsigned int ncpus_online;

static inline struct cpu *this_cpu(void)
{
	return arch_this_cpu();
}

#endif
