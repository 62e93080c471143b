/*
 * The application-processor start-up trampoline.
 *
 * A STARTUP IPI wakes an AP in 16-bit real mode at CS:IP = 0x0800:0000,
 * that is physical TRAMPOLINE_PHYS, where smpboot.c has copied this code.
 * It climbs the same ladder the boot CPU climbed in head.S:
 *
 *   real mode    load a small GDT, set CR0.PE (this also clears CD/NW,
 *                which INIT leaves as they were: caches on)
 *   32-bit       PAE, CR3 = the trampoline PML4 (below 4 GiB, since a
 *                32-bit mov to CR3 cannot name more), EFER.LME (and NXE:
 *                the kernel's tables use the NX bit), then CR0.PG
 *   64-bit       a stack, then a call into the kernel at its high address
 *
 * The trampoline PML4 identity-maps the first 2 MiB (where this code
 * runs) and shares the kernel half with kernel_root, so the jump to the
 * kernel works; smpboot.c's C entry then loads kernel_root itself.
 *
 * The code is linked into .rodata and only ever runs from its copy, so
 * every absolute address is written as TRAMPOLINE_PHYS + (label - start).
 * The parameter block at the end is filled for each AP in turn.
 */
#include "smp.h"

#define CR0_PE		(1 << 0)
#define CR0_ET		(1 << 4)
#define CR0_NE		(1 << 5)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080

#define TRAMP_CS32	0x08
#define TRAMP_DS	0x10
#define TRAMP_CS64	0x18

#define PHYS(label)	(TRAMPOLINE_PHYS + ((label) - smp_trampoline_start))

	.section .rodata
	.balign 16
	.globl smp_trampoline_start
smp_trampoline_start:
	.code16
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds			/* data offsets below are relative to this page */
	lgdtl tramp_gdt_ptr - smp_trampoline_start
	movl $(CR0_PE | CR0_ET | CR0_NE), %eax
	movl %eax, %cr0
	ljmpl $TRAMP_CS32, $PHYS(tramp_start32)

	.code32
tramp_start32:
	movl $TRAMP_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl PHYS(smp_trampoline_params) + TP_CR3, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl PHYS(smp_trampoline_params) + TP_EFER, %eax
	wrmsr
	movl $(CR0_PE | CR0_ET | CR0_NE | CR0_PG), %eax
	movl %eax, %cr0
	ljmp $TRAMP_CS64, $PHYS(tramp_start64)

	.code64
tramp_start64:
	xorl %eax, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	/* RIP-relative loads work in the copy: code and data moved together. */
	movq smp_trampoline_params + TP_STACK(%rip), %rsp
	movq smp_trampoline_params + TP_CPU(%rip), %rdi
	movq smp_trampoline_params + TP_ENTRY(%rip), %rax
	xorl %ebp, %ebp
	call *%rax
1:	cli				/* the entry never returns */
	hlt
	jmp 1b

	.balign 8
tramp_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff	/* 0x08: 32-bit code, flat */
	.quad 0x00cf92000000ffff	/* 0x10: data, flat */
	.quad 0x00af9a000000ffff	/* 0x18: 64-bit code */
tramp_gdt_end:
tramp_gdt_ptr:
	.word tramp_gdt_end - tramp_gdt - 1
	.long PHYS(tramp_gdt)

	.balign 8
	.globl smp_trampoline_params
smp_trampoline_params:
	.skip TP_SIZE
	.globl smp_trampoline_end
smp_trampoline_end:

	.section .note.GNU-stack, "", @progbits
