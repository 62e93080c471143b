/*
 * Interrupt and exception entry.  Each of the 256 vectors has a 16-byte
 * stub that pushes a zero error code when the CPU did not push one, then
 * the vector number, and jumps to trap_common, which saves the general
 * registers into a struct trap_frame (asm/trap.h), swaps GS when coming
 * from user mode, and calls trap_dispatch(frame).
 */
#include <asm/segment.h>
#include <asm/frame.h>

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
			   (v) == 21 || (v) == 29 || (v) == 30)

	.text
	.balign 16
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept 256
	.balign 16
	.if !HAS_ERROR_CODE(vec)
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	.set vec, vec + 1
	.endr

#define FRAME_CS 24	/* offset of the CPU-pushed %cs above vector and error code */

trap_common:
	testb $3, FRAME_CS(%rsp)
	jz 1f
	swapgs
1:	SAVE_GPRS
	cld
	cmpb $0, x86_smap_enabled(%rip)	/* user access stays off in handlers */
	je 3f
	clac
3:	movq %rsp, %rdi
	call trap_dispatch
	.globl trap_return
trap_return:
	RESTORE_GPRS
	testb $3, FRAME_CS(%rsp)
	jz 2f
	swapgs
2:	addq $16, %rsp
	iretq

	.section .note.GNU-stack, "", @progbits
