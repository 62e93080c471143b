/*
 * System-call entry setup and the C half of the entry path.  syscall
 * jumps to syscall_entry (syscall.S) in ring 0 with the segments from
 * STAR and with the RFLAGS bits in SFMASK cleared; sysret returns to
 * ring 3 with the user segments STAR names.  sysret is only used when the
 * frame still looks like the one syscall made: %rcx and %r11 equal to the
 * return %rip and %rflags and a canonical user %rip.  Anything else (exec,
 * signal delivery) goes back through iretq.
 */
#include <sched.h>
#include <syscall.h>
#include <asm/cpu.h>
#include <asm/segment.h>
#include <asm/trap.h>
#include <arch/memory.h>
#include "traps.h"

#define RFLAGS_TF	(1ul << 8)
#define RFLAGS_DF	(1ul << 10)
#define RFLAGS_NT	(1ul << 14)
#define RFLAGS_RF	(1ul << 16)

void syscall_entry(void);
int x86_syscall(struct trap_frame *f);

void syscall_init_cpu(void)
{
	/* SYSRET: CS = base + 16, SS = base + 8, with RPL 3 (base = USER32_CS). */
	wrmsr(MSR_STAR, ((u64)USER32_CS << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)syscall_entry);
	wrmsr(MSR_SFMASK, X86_EFLAGS_IF | RFLAGS_TF | RFLAGS_DF | X86_EFLAGS_AC | RFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

static bool sysret_allowed(const struct trap_frame *f)
{
	return f->rcx == f->rip && f->r11 == f->rflags && f->cs == USER_CS &&
	       f->ss == USER_DS && f->rip < USER_SPACE_END - PAGE_SIZE &&
	       !(f->rflags & (RFLAGS_TF | RFLAGS_RF));
}

int x86_syscall(struct trap_frame *f)
{
	unsigned long args[6] = { f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9 };

	f->rax = (u64)syscall_dispatch(f->error_code, args);
	exit_to_user_mode(f);
	return sysret_allowed(f);
}
