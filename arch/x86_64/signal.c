/*
 * x86_64 signal frames, in Linux's exact layout so that glibc's and
 * musl's handlers and restorers work unmodified:
 *
 *   user %rsp on handler entry -> struct rt_sigframe {
 *       return address (sa_restorer, which calls rt_sigreturn)
 *       struct ucontext (flags, link, altstack, sigcontext, saved mask)
 *       siginfo_t
 *   }
 *   ...then the FXSAVE area (512 bytes, 64-byte aligned) that
 *   sigcontext.fpstate points to, below the interrupted stack's red zone.
 *
 * On entry %rdi = sig, %rsi = &info, %rdx = &uc, %rax = 0, and the stack
 * pointer is 8 bytes off 16-byte alignment, as right after a call.
 * rt_sigreturn validates what it restores: user segments only, user-
 * modifiable flags only, and an FPU image the CPU will accept.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/unistd.h>
#include <arch/exec.h>
#include <asm/cpu.h>
#include <asm/segment.h>
#include <asm/trap.h>

#define SYSCALL_VECTOR	0x100
#define REDZONE		128
#define FXSAVE_SIZE	512
#define UC_FP_XSTATE	0x1
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4

/* Flags a user program may change through sigreturn (Linux's FIX_EFLAGS). */
#define USER_EFLAGS	(0x1ul | 0x4ul | 0x10ul | 0x40ul | 0x80ul | 0x100ul | 0x400ul | \
			 0x800ul | 0x40000ul | 0x200000ul | 0x10000ul)

struct sigcontext_abi {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;
	u64 reserved1[8];
};
STATIC_ASSERT(sizeof(struct sigcontext_abi) == 256);

struct ucontext_abi {
	u64 uc_flags;
	u64 uc_link;
	stack_t_abi uc_stack;
	struct sigcontext_abi uc_mcontext;
	u64 uc_sigmask;
};
STATIC_ASSERT(sizeof(struct ucontext_abi) == 304);

struct rt_sigframe {
	u64 pretcode;
	struct ucontext_abi uc;
	struct siginfo_abi info;
};
STATIC_ASSERT(__builtin_offsetof(struct rt_sigframe, uc) == 8);
STATIC_ASSERT(__builtin_offsetof(struct rt_sigframe, info) == 312);

static void fill_sigcontext(struct sigcontext_abi *sc, const struct trap_frame *f,
			    u64 fpstate, u64 old_mask)
{
	sc->r8 = f->r8; sc->r9 = f->r9; sc->r10 = f->r10; sc->r11 = f->r11;
	sc->r12 = f->r12; sc->r13 = f->r13; sc->r14 = f->r14; sc->r15 = f->r15;
	sc->rdi = f->rdi; sc->rsi = f->rsi; sc->rbp = f->rbp; sc->rbx = f->rbx;
	sc->rdx = f->rdx; sc->rax = f->rax; sc->rcx = f->rcx; sc->rsp = f->rsp;
	sc->rip = f->rip; sc->eflags = f->rflags;
	sc->cs = USER_CS;
	sc->ss = USER_DS;
	sc->trapno = f->vector < 32 ? f->vector : 0;
	sc->err = f->vector < 32 ? f->error_code : 0;
	sc->cr2 = f->vector == TRAP_PF ? read_cr2() : 0;
	sc->oldmask = old_mask;
	sc->fpstate = fpstate;
}

/* Where the frame goes: the alternate stack when asked for and not already on it. */
static u64 frame_top(const struct trap_frame *f, const struct k_sigaction_abi *ka)
{
	struct task *t = current_task();
	u64 sp = f->rsp;
	bool on_alt = t->altstack.size && sp - t->altstack.sp < t->altstack.size;

	if ((ka->flags & SA_ONSTACK) && t->altstack.size && !on_alt)
		return t->altstack.sp + t->altstack.size;
	return sp - REDZONE;
}

int arch_signal_frame(struct trap_frame *f, int sig, const struct k_sigaction_abi *ka,
		      const struct siginfo_abi *info, u64 old_mask)
{
	struct task *t = current_task();
	u64 fp_at = ALIGN_DOWN(frame_top(f, ka) - FXSAVE_SIZE, 64);
	u64 frame_at = ALIGN_DOWN(fp_at - sizeof(struct rt_sigframe), 16) - 8;
	struct rt_sigframe frame;

	if (!(ka->flags & SA_RESTORER))
		return -EFAULT;		/* x86_64 has no kernel-provided restorer */
	memset(&frame, 0, sizeof(frame));
	frame.pretcode = (u64)ka->restorer;
	frame.uc.uc_flags = UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.uc_stack.ss_sp = (void *)t->altstack.sp;
	frame.uc.uc_stack.ss_size = t->altstack.size;
	frame.uc.uc_stack.ss_flags = t->altstack.size ? 0 : SS_DISABLE;
	fill_sigcontext(&frame.uc.uc_mcontext, f, t->arch.fpu ? fp_at : 0, old_mask);
	frame.uc.uc_sigmask = old_mask;
	frame.info = *info;
	if (t->arch.fpu) {
		__asm__ __volatile__("fxsave64 (%0)" : : "r"(t->arch.fpu) : "memory");
		if (copy_to_user((void __user *)fp_at, t->arch.fpu, FXSAVE_SIZE))
			return -EFAULT;
		arch_fpu_load_initial();	/* the handler starts with a clean FPU, as on Linux */
	}
	if (copy_to_user((void __user *)frame_at, &frame, sizeof(frame)))
		return -EFAULT;
	f->rsp = frame_at;
	f->rip = (u64)ka->handler;
	f->rdi = (u64)sig;
	f->rsi = frame_at + __builtin_offsetof(struct rt_sigframe, info);
	f->rdx = frame_at + __builtin_offsetof(struct rt_sigframe, uc);
	f->rax = 0;
	f->rflags &= ~(0x100ul | 0x400ul);	/* TF, DF */
	f->cs = USER_CS;
	f->ss = USER_DS;
	f->vector = 0;				/* no longer a syscall frame */
	return 0;
}

static long restore_fpu(struct task *t, u64 fpstate)
{
	u8 image[FXSAVE_SIZE] __aligned(16);
	u32 mxcsr;

	if (!fpstate || !t->arch.fpu)
		return 0;
	if (copy_from_user(image, (const void __user *)fpstate, sizeof(image)))
		return -EFAULT;
	memcpy(&mxcsr, image + 24, sizeof(mxcsr));
	if (mxcsr & 0xffff0000u)
		return -EFAULT;		/* reserved MXCSR bits would fault in fxrstor */
	memcpy(t->arch.fpu, image, sizeof(image));
	__asm__ __volatile__("fxrstor64 (%0)" : : "r"(t->arch.fpu) : "memory");
	return 0;
}

long arch_sigreturn(struct trap_frame *f, u64 *mask)
{
	struct task *t = current_task();
	u64 frame_at = f->rsp - 8;	/* the handler's ret popped pretcode */
	struct rt_sigframe frame;
	const struct sigcontext_abi *sc = &frame.uc.uc_mcontext;

	if (copy_from_user(&frame, (const void __user *)frame_at, sizeof(frame)))
		return -EFAULT;
	if (restore_fpu(t, sc->fpstate))
		return -EFAULT;
	f->r8 = sc->r8; f->r9 = sc->r9; f->r10 = sc->r10; f->r11 = sc->r11;
	f->r12 = sc->r12; f->r13 = sc->r13; f->r14 = sc->r14; f->r15 = sc->r15;
	f->rdi = sc->rdi; f->rsi = sc->rsi; f->rbp = sc->rbp; f->rbx = sc->rbx;
	f->rdx = sc->rdx; f->rax = sc->rax; f->rcx = sc->rcx; f->rsp = sc->rsp;
	f->rip = sc->rip;
	f->rflags = (f->rflags & ~USER_EFLAGS) | (sc->eflags & USER_EFLAGS);
	f->cs = USER_CS;
	f->ss = USER_DS;
	f->vector = 0;			/* not restartable any more */
	*mask = frame.uc.uc_sigmask;
	if (!(frame.uc.uc_stack.ss_flags & SS_DISABLE) && frame.uc.uc_stack.ss_size >= MINSIGSTKSZ) {
		t->altstack.sp = (unsigned long)frame.uc.uc_stack.ss_sp;
		t->altstack.size = frame.uc.uc_stack.ss_size;
	}
	return (long)f->rax;
}

bool arch_frame_syscall(const struct trap_frame *f, long *ret)
{
	if (f->vector != SYSCALL_VECTOR)
		return false;
	*ret = (long)f->rax;
	return true;
}

void arch_restart_syscall(struct trap_frame *f)
{
	f->rax = f->error_code;		/* the original call number */
	f->rip -= 2;			/* back over the syscall instruction */
	f->vector = 0;
}

void arch_restart_block(struct trap_frame *f)
{
	f->rax = __NR_restart_syscall;
	f->rip -= 2;
	f->vector = 0;
}

void arch_set_return(struct trap_frame *f, long ret)
{
	f->rax = (u64)ret;
	f->vector = 0;
}

unsigned long arch_user_sp(const struct trap_frame *f)
{
	return f->rsp;
}
