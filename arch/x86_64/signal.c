/*
 * x86_64 signal frames, in Linux's exact layout so that glibc's and
 * musl's handlers and restorers work unmodified:
 *
 *   user %rsp on handler entry -> struct rt_sigframe {
 *       return address (sa_restorer, which calls rt_sigreturn)
 *       struct ucontext (flags, link, altstack, sigcontext, saved mask)
 *       siginfo_t
 *   }
 *   ...then the FPU state that sigcontext.fpstate points to (64-byte
 *   aligned), below the interrupted stack's red zone: the FXSAVE image, or
 *   with XSAVE the whole XSAVE image, whose software bytes (legacy area
 *   offset 464) hold struct fx_sw_bytes, followed by FP_XSTATE_MAGIC2;
 *   uc_flags then has UC_FP_XSTATE.  A restorer that finds no valid
 *   magic restores x87 and SSE only, as Linux does.
 *
 * On entry %rdi = sig, %rsi = &info, %rdx = &uc, %rax = 0, and the stack
 * pointer is 8 bytes off 16-byte alignment, as right after a call.
 * rt_sigreturn validates what it restores: user segments only, user-
 * modifiable flags only, and an FPU image the CPU will accept (it is the
 * judge: a refused XRSTOR ends in the exception fixup and SIGSEGV).
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
#include <kmalloc.h>
#include "fpu.h"

#define SYSCALL_VECTOR	0x100
#define REDZONE		128
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

/* Linux's struct _fpx_sw_bytes, in the legacy area's software bytes. */
#define FP_XSTATE_MAGIC1	0x46505853u
#define FP_XSTATE_MAGIC2	0x46505845u
#define FP_XSTATE_MAGIC2_SIZE	4

struct fx_sw_bytes {
	u32 magic1;		/* FP_XSTATE_MAGIC1 when the XSAVE layout follows */
	u32 extended_size;	/* xstate_size + FP_XSTATE_MAGIC2_SIZE */
	u64 xfeatures;		/* the states present in the image */
	u32 xstate_size;	/* bytes of the XSAVE image; MAGIC2 follows it */
	u32 padding[7];
};
STATIC_ASSERT(sizeof(struct fx_sw_bytes) == 48);

/* Bytes the FPU state takes in a frame. */
static size_t fp_frame_size(void)
{
	return fpu_area_size() + (fpu_uses_xsave() ? FP_XSTATE_MAGIC2_SIZE : 0);
}

/*
 * AT_MINSIGSTKSZ, the value Linux x86_64 reports (with its 32-bit
 * emulation built in, as distributions ship it): the largest frame of
 * either ABI (the ia32 sigframe, 732 bytes), its alignment slack, the FPU
 * state plus an i387 save area (112 bytes) and the XSAVE alignment slack.
 * A conservative bound for our own frames, which are smaller.
 */
#define LINUX_IA32_SIGFRAME_SIZE	732
#define LINUX_FREGS_STATE_SIZE		112

unsigned long arch_min_sigstack_size(void)
{
	return ALIGN_UP(LINUX_IA32_SIGFRAME_SIZE + 15 + fp_frame_size() + LINUX_FREGS_STATE_SIZE +
			63, 16);
}

/* Save the live FPU state and copy it to the user frame at fp_at. */
static int save_fpu_frame(struct task *t, u64 fp_at)
{
	u8 *area = t->arch.fpu;
	size_t size = fpu_area_size();
	struct fx_sw_bytes sw = {
		.magic1 = FP_XSTATE_MAGIC1,
		.extended_size = (u32)(size + FP_XSTATE_MAGIC2_SIZE),
		.xfeatures = fpu_xfeatures(),
		.xstate_size = (u32)size,
	};
	u32 magic2 = FP_XSTATE_MAGIC2;

	fpu_save(area);
	if (fpu_uses_xsave())
		memcpy(area + FX_SW_BYTES_OFFSET, &sw, sizeof(sw));
	else
		memset(area + FX_SW_BYTES_OFFSET, 0, sizeof(sw));
	if (copy_to_user((void __user *)fp_at, area, size))
		return -EFAULT;
	if (fpu_uses_xsave() && copy_to_user((void __user *)(fp_at + size), &magic2, sizeof(magic2)))
		return -EFAULT;
	return 0;
}

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
	u64 fp_at = ALIGN_DOWN(frame_top(f, ka) - fp_frame_size(), 64);
	u64 frame_at = ALIGN_DOWN(fp_at - sizeof(struct rt_sigframe), 16) - 8;
	struct rt_sigframe frame;

	if (!(ka->flags & SA_RESTORER))
		return -EFAULT;		/* x86_64 has no kernel-provided restorer */
	memset(&frame, 0, sizeof(frame));
	frame.pretcode = (u64)ka->restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	if (fpu_uses_xsave())
		frame.uc.uc_flags |= UC_FP_XSTATE;
	frame.uc.uc_stack.ss_sp = (void *)t->altstack.sp;
	frame.uc.uc_stack.ss_size = t->altstack.size;
	frame.uc.uc_stack.ss_flags = t->altstack.size ? 0 : SS_DISABLE;
	fill_sigcontext(&frame.uc.uc_mcontext, f, t->arch.fpu ? fp_at : 0, old_mask);
	frame.uc.uc_sigmask = old_mask;
	frame.info = *info;
	if (t->arch.fpu) {
		if (save_fpu_frame(t, fp_at))
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

/*
 * Which XSAVE states the frame at fpstate carries, by Linux's rules
 * (check_xstate_in_sigframe): the software bytes must say so and
 * MAGIC2 must follow the image; otherwise only x87 and SSE count.
 * *full says whether the extended part is to be read.
 */
static int frame_xfeatures(u64 fpstate, const u8 *legacy, u64 *xfeatures, bool *full)
{
	struct fx_sw_bytes sw;
	u32 magic2;

	memcpy(&sw, legacy + FX_SW_BYTES_OFFSET, sizeof(sw));
	*full = false;
	*xfeatures = XFEATURE_MASK_FPSSE;
	if (sw.magic1 != FP_XSTATE_MAGIC1 || sw.xstate_size != fpu_area_size() ||
	    sw.xstate_size > sw.extended_size)
		return 0;
	if (get_user(magic2, (const u32 __user *)(fpstate + sw.xstate_size)))
		return -EFAULT;
	if (magic2 != FP_XSTATE_MAGIC2)
		return 0;
	*full = true;
	*xfeatures = sw.xfeatures;
	return 0;
}

/*
 * Read the frame's XSAVE image into img.  States the frame does not
 * claim are marked "init" in the header (XRSTOR then clears them);
 * header bits the CPU does not allow are left for XRSTOR to refuse.
 */
static int read_xsave_image(u64 fpstate, u8 *img)
{
	size_t size = fpu_area_size();
	u64 xfeatures, *xstate_bv = (u64 *)(img + XSAVE_HEADER_OFFSET);
	bool full;
	int err;

	if (copy_from_user(img, (const void __user *)fpstate, FXSAVE_SIZE))
		return -EFAULT;
	err = frame_xfeatures(fpstate, img, &xfeatures, &full);
	if (err)
		return err;
	memset(img + FXSAVE_SIZE, 0, size - FXSAVE_SIZE);
	if (full && copy_from_user(img + FXSAVE_SIZE, (const void __user *)(fpstate + FXSAVE_SIZE),
				   size - FXSAVE_SIZE))
		return -EFAULT;
	if (!full)
		*xstate_bv = XFEATURE_MASK_FPSSE;
	*xstate_bv &= ~(fpu_xfeatures() & ~xfeatures);
	return 0;
}

/* fpstate 0: the interrupted code had no FPU state saved; it gets a clean one. */
static long restore_fpu(struct task *t, u64 fpstate)
{
	u8 *img;
	long err;

	if (!t->arch.fpu)
		return 0;
	if (!fpstate) {
		arch_fpu_load_initial();
		return 0;
	}
	if (!IS_ALIGNED(fpstate, fpu_uses_xsave() ? 64 : 16))
		return -EFAULT;		/* Linux's in-place XRSTOR/FXRSTOR would #GP */
	img = fpu_area_alloc();		/* 64-byte aligned, as XRSTOR requires */
	if (!img)
		return -ENOMEM;
	if (fpu_uses_xsave())
		err = read_xsave_image(fpstate, img);
	else
		err = copy_from_user(img, (const void __user *)fpstate, FXSAVE_SIZE) ? -EFAULT : 0;
	if (!err)
		err = fpu_restore_user_image(img);
	kfree(img);
	return err;
}

int arch_sigreturn(struct trap_frame *f, u64 *mask, long *rax)
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
	*rax = (long)f->rax;	/* may be any value, -EFAULT included */
	return 0;
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

unsigned long arch_user_ip(const struct trap_frame *f)
{
	return f->rip;
}

/* sysret is refused once %rip differs from %rcx, so the move goes out through iretq. */
void arch_set_user_ip(struct trap_frame *f, unsigned long ip)
{
	f->rip = ip;
}
