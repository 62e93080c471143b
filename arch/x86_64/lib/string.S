/*
 * memcpy, memmove and memset.  Bulk work uses 8-byte string instructions:
 * under QEMU's TCG "rep movsq" is about ten times faster than byte-wise
 * "rep movsb" (see DESIGN.md), so bytes are only used for the tail.
 */
	.text

	.globl memcpy
memcpy:					/* rdi = dst, rsi = src, rdx = n */
	movq %rdi, %rax
	movq %rdx, %rcx
	shrq $3, %rcx
	rep movsq
	movq %rdx, %rcx
	andq $7, %rcx
	rep movsb
	ret

	.globl memset
memset:					/* rdi = dst, esi = byte, rdx = n */
	movq %rdi, %r9
	movzbl %sil, %eax
	movabsq $0x0101010101010101, %r8
	imulq %r8, %rax
	movq %rdx, %rcx
	shrq $3, %rcx
	rep stosq
	movq %rdx, %rcx
	andq $7, %rcx
	rep stosb
	movq %r9, %rax
	ret

	.globl memmove
memmove:				/* overlapping-safe: copy backwards when dst > src */
	cmpq %rsi, %rdi
	jbe memcpy
	leaq (%rsi, %rdx), %r8
	cmpq %r8, %rdi
	jae memcpy
	movq %rdi, %rax
	leaq -1(%rdi, %rdx), %rdi
	leaq -1(%rsi, %rdx), %rsi
	movq %rdx, %rcx
	std
	rep movsb
	cld
	ret
