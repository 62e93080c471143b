/*
 * Per-task CPU state beyond the callee-saved registers: the kernel stack
 * traps from user mode land on (TSS rsp0, and the per-CPU copy the
 * syscall entry reads), the address space (CR3), the user TLS base
 * (FS base) and the user FPU/SSE/AVX registers (fpu.c).  The kernel itself never
 * touches FPU registers (-mgeneral-regs-only), so user FPU state only
 * needs saving when switching between tasks that have one.
 */
#include <mm.h>
#include <sched.h>
#include <vm.h>
#include <arch/mmu.h>
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/trap.h>
#include <arch/exec.h>
#include "fpu.h"

void task_entry(void);

void arch_task_init(struct task *t)
{
	/*
	 * The top of every kernel stack is reserved for the user register
	 * frame (arch_user_frame); kernel code runs below it.  sizeof(struct
	 * trap_frame) is a multiple of 16, so after the ret into task_entry
	 * rsp is 16-byte aligned.
	 */
	unsigned long *sp = (unsigned long *)arch_user_frame(t);

	*--sp = (unsigned long)task_entry;
	for (int i = 0; i < 6; i++)
		*--sp = 0;		/* rbp rbx r12 r13 r14 r15 */
	t->arch.rsp = (unsigned long)sp;
}

void arch_switch_prepare(struct task *prev, struct task *next)
{
	struct cpu *c = this_cpu();
	unsigned long stack_top = (unsigned long)next->kstack + KSTACK_SIZE;

	if (prev->arch.fpu)
		fpu_save(prev->arch.fpu);
	if (next->arch.fpu)
		fpu_restore(next->arch.fpu);
	if (prev->mm)
		prev->arch.fs_base = rdmsr(MSR_FS_BASE);
	if (next->mm)
		wrmsr(MSR_FS_BASE, next->arch.fs_base);
	if (next->mm != prev->mm)
		mm_activate(next->mm);
	if (next->kstack) {
		c->arch->tss.rsp[0] = stack_top;
		c->kernel_stack_top = stack_top;
	}
}
