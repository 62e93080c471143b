/*
 * void arch_call_on_stack(void *stack_top, void (*fn)(void))
 * Run fn on another stack and come back.  Used by the self-tests to
 * overflow a guarded stack; the scheduler will switch stacks its own way.
 */
	.text
	.globl arch_call_on_stack
arch_call_on_stack:
	pushq %rbp
	movq %rsp, %rbp
	movq %rdi, %rsp
	andq $-16, %rsp
	callq *%rsi
	movq %rbp, %rsp
	popq %rbp
	ret

	.section .note.GNU-stack, "", @progbits
