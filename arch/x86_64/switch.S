/*
 * struct task *arch_switch_to(struct task *prev, struct task *next)
 *
 * Save the callee-saved registers on prev's stack, store prev's stack
 * pointer, load next's, restore its registers and return into wherever
 * next last called arch_switch_to (or task_entry for a new task).  The
 * return value (rax) is prev as seen by next: the task switched away from.
 * The caller-saved registers are the C caller's business.
 */
#define TASK_RSP	0	/* offsetof(struct task, arch.rsp) */

	.text
	.globl arch_switch_to
arch_switch_to:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, TASK_RSP(%rdi)
	movq TASK_RSP(%rsi), %rsp
	movq %rdi, %rax
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* First code of every new task: arch_switch_to "returns" here. */
	.globl task_entry
task_entry:
	movq %rax, %rdi
	xorl %ebp, %ebp
	call task_first_run
	ud2

	.section .note.GNU-stack, "", @progbits
