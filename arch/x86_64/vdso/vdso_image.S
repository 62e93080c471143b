/*
 * The vDSO image (arch/x86_64/vdso/, built and stripped by module.mk),
 * embedded in the kernel; vdso.c copies it into pages at boot.
 */
	.section .rodata
	.balign 16
	.globl vdso_image_start, vdso_image_end
vdso_image_start:
	.incbin VDSO_IMAGE
vdso_image_end:
	.section .note.GNU-stack, "", @progbits
