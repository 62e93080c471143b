/* The register frame every interrupt and exception builds (entry.S). */
#ifndef ASM_TRAP_H
#define ASM_TRAP_H

#include <types.h>
#include <compiler.h>

struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector;
	u64 error_code;		/* 0 for vectors without one */
	/* pushed by the CPU */
	u64 rip, cs, rflags, rsp, ss;
};

#define TRAP_DE		0	/* divide error */
#define TRAP_DB		1
#define TRAP_NMI	2
#define TRAP_BP		3
#define TRAP_OF		4
#define TRAP_BR		5
#define TRAP_UD		6	/* invalid opcode */
#define TRAP_NM		7
#define TRAP_DF		8	/* double fault */
#define TRAP_TS		10
#define TRAP_NP		11
#define TRAP_SS		12
#define TRAP_GP		13	/* general protection */
#define TRAP_PF		14	/* page fault */
#define TRAP_MF		16
#define TRAP_AC		17
#define TRAP_MC		18
#define TRAP_XM		19
#define TRAP_VE		20
#define TRAP_CP		21
#define FIRST_IRQ_VECTOR 32

/* Page-fault error code bits. */
#define PF_PRESENT	(1u << 0)
#define PF_WRITE	(1u << 1)
#define PF_USER		(1u << 2)
#define PF_RSVD		(1u << 3)
#define PF_INSTR	(1u << 4)

static inline bool trap_from_user(const struct trap_frame *f)
{
	return (f->cs & 3) != 0;
}

STATIC_ASSERT(sizeof(struct trap_frame) % 16 == 0);

void trap_dispatch(struct trap_frame *f);
void trap_print_frame(const struct trap_frame *f);

/* Entry stubs, 16 bytes apart (entry.S). */
extern const char trap_stubs[];
#define TRAP_STUB_SIZE	16

#endif
