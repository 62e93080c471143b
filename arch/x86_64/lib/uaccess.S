/*
 * User-memory copies.  Every instruction that touches user memory has an
 * exception-table entry (see include/extable.h): a fault there resumes at
 * the fixup, which reports how much was left undone instead of oopsing.
 * With SMAP on, user pages are reachable only between stac and clac; the
 * flag x86_smap_enabled (set at boot) guards the instructions, which
 * older CPUs do not have.  Range checks against the user half are done by
 * the C callers (include/uaccess.h) before coming here.
 */
#define EXTABLE(insn, fixup)		\
	.pushsection .extable, "a";	\
	.balign 8;			\
	.quad insn, fixup;		\
	.popsection

.macro USER_ACCESS_BEGIN
	cmpb $0, x86_smap_enabled(%rip)
	je 90f
	stac
90:
.endm

.macro USER_ACCESS_END
	cmpb $0, x86_smap_enabled(%rip)
	je 91f
	clac
91:
.endm

	.text

/*
 * size_t arch_copy_user(void *dst, const void *src, size_t n)
 * Either side may be user memory.  Returns the number of bytes NOT copied.
 */
	.globl arch_copy_user
arch_copy_user:
	USER_ACCESS_BEGIN
	movq %rdx, %rcx
	shrq $3, %rcx
	andl $7, %edx
1:	rep movsq
	movl %edx, %ecx
2:	rep movsb
	xorl %eax, %eax
	USER_ACCESS_END
	ret
3:	leaq (%rdx, %rcx, 8), %rax	/* fault in movsq: qwords left * 8 + tail */
	USER_ACCESS_END
	ret
4:	movq %rcx, %rax			/* fault in movsb: bytes left */
	USER_ACCESS_END
	ret
	EXTABLE(1b, 3b)
	EXTABLE(2b, 4b)

/*
 * size_t arch_clear_user(void *dst, size_t n): zero user memory.
 * Returns the number of bytes NOT cleared.
 */
	.globl arch_clear_user
arch_clear_user:
	USER_ACCESS_BEGIN
	xorl %eax, %eax
	movq %rsi, %rcx
	shrq $3, %rcx
	andl $7, %esi
5:	rep stosq
	movl %esi, %ecx
6:	rep stosb
	USER_ACCESS_END
	ret
7:	leaq (%rsi, %rcx, 8), %rax
	USER_ACCESS_END
	ret
8:	movq %rcx, %rax
	USER_ACCESS_END
	ret
	EXTABLE(5b, 7b)
	EXTABLE(6b, 8b)

/*
 * long arch_strncpy_from_user(char *dst, const char *src, long n)
 * Copies up to n bytes, stopping after a NUL.  Returns the string length
 * (without the NUL), n when no NUL was found in n bytes, or -14 (EFAULT).
 */
	.globl arch_strncpy_from_user
arch_strncpy_from_user:
	USER_ACCESS_BEGIN
	xorl %eax, %eax
10:	cmpq %rdx, %rax
	jae 12f
11:	movb (%rsi, %rax), %cl
	movb %cl, (%rdi, %rax)
	testb %cl, %cl
	jz 12f
	incq %rax
	jmp 10b
12:	USER_ACCESS_END
	ret
13:	movq $-14, %rax
	USER_ACCESS_END
	ret
	EXTABLE(11b, 13b)

	.section .note.GNU-stack, "", @progbits
