/*
 * The syscall instruction lands here with the user %rip in %rcx, the user
 * %rflags in %r11, interrupts off (SFMASK) and the user's %rsp and %gs.
 * Switch to the task's kernel stack, build the same struct trap_frame an
 * interrupt would (vector SYSCALL_VECTOR, error_code = the call number),
 * and call x86_syscall(frame).  Return with sysret when x86_syscall says
 * the frame allows it, else through the interrupt return path (iretq).
 */
#include <asm/segment.h>
#include <asm/frame.h>

#define SYSCALL_VECTOR	0x100
#define CPU_KERNEL_STACK_TOP	8
#define CPU_USER_RSP		16

	.text
	.globl syscall_entry
syscall_entry:
	swapgs
	movq %rsp, %gs:CPU_USER_RSP
	movq %gs:CPU_KERNEL_STACK_TOP, %rsp
	pushq $USER_DS			/* ss */
	pushq %gs:CPU_USER_RSP		/* rsp */
	pushq %r11			/* rflags */
	pushq $USER_CS			/* cs */
	pushq %rcx			/* rip */
	pushq %rax			/* error_code: the call number */
	pushq $SYSCALL_VECTOR		/* vector */
	SAVE_GPRS
	xorl %ebp, %ebp			/* backtraces stop at the user boundary */
	sti
	movq %rsp, %rdi
	call x86_syscall
	cli
	testl %eax, %eax
	jz trap_return			/* iretq path: restores everything */
	RESTORE_GPRS
	addq $16, %rsp			/* vector, error_code */
	popq %rcx			/* rip */
	addq $8, %rsp			/* cs */
	popq %r11			/* rflags */
	popq %rsp			/* user rsp (ss is implied) */
	swapgs
	sysretq

	.section .note.GNU-stack, "", @progbits
