/*
 * User-mode CPU state for exec: a clean register frame at the top of the
 * kernel stack (where every user-to-kernel entry saves one), the initial
 * FPU/SSE state, no TLS base.
 */
#include <errno.h>
#include <kmalloc.h>
#include <sched.h>
#include <string.h>
#include <arch/exec.h>
#include <arch/fork.h>
#include <asm/cpu.h>
#include <asm/segment.h>
#include <asm/trap.h>
#include "fpu.h"


void trap_return(void);

unsigned long arch_elf_hwcap(void)
{
	return cpuid(1, 0).edx;
}

struct trap_frame *arch_user_frame(struct task *t)
{
	return (struct trap_frame *)((char *)t->kstack + KSTACK_SIZE) - 1;
}

void arch_fpu_load_initial(void)
{
	fpu_load_initial();
}

static int reset_fpu(struct task *t)
{
	if (!t->arch.fpu) {
		t->arch.fpu = fpu_area_alloc();
		if (!t->arch.fpu)
			return -ENOMEM;
	} else {
		fpu_reset_area(t->arch.fpu);
	}
	fpu_restore(t->arch.fpu);
	return 0;
}

int arch_exec_reset(struct task *t, struct trap_frame *f, u64 entry, u64 sp)
{
	int err = reset_fpu(t);

	if (err)
		return err;
	memset(f, 0, sizeof(*f));
	f->rip = entry;
	f->rsp = sp;
	f->cs = USER_CS;
	f->ss = USER_DS;
	f->rflags = X86_EFLAGS_IF | 0x2;	/* bit 1 is always set */
	t->arch.fs_base = 0;
	wrmsr(MSR_FS_BASE, 0);
	return 0;
}

void arch_enter_user(struct trap_frame *f)
{
	__asm__ __volatile__("cli\n\t"
			     "movq %0, %%rsp\n\t"
			     "jmp trap_return"
			     : : "r"(f) : "memory");
	__builtin_unreachable();
}

static bool rdseed64(u64 *v)
{
	unsigned char ok;

	__asm__ __volatile__("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static bool rdrand64(u64 *v)
{
	unsigned char ok;

	__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

void arch_gather_entropy(u8 *buf, size_t len)
{
	for (size_t i = 0; i < len; i += 8) {
		u64 v = 0, t;

		if (!(cpuid(7, 0).ebx & (1u << 18)) || !rdseed64(&v)) {
			if (!(cpuid(1, 0).ecx & (1u << 30)) || !rdrand64(&v))
				v = 0;
		}
		/* TSC jitter: the low bits of timestamps around a cpuid. */
		for (int k = 0; k < 8; k++) {
			t = rdtsc();
			cpuid(0, 0);
			v = (v << 5 | v >> 59) ^ (rdtsc() - t) ^ t;
		}
		memcpy(buf + i, &v, MIN(8, len - i));
	}
}

int arch_clone_user(struct task *child, struct task *parent, unsigned long stack,
		    bool set_tls, unsigned long tls)
{
	struct trap_frame *f = arch_user_frame(child);

	*f = *arch_user_frame(parent);
	f->rax = 0;
	if (stack)
		f->rsp = stack;
	child->arch.fs_base = set_tls ? tls : rdmsr(MSR_FS_BASE);
	if (parent->arch.fpu) {
		child->arch.fpu = fpu_area_alloc();
		if (!child->arch.fpu)
			return -ENOMEM;
		fpu_save(child->arch.fpu);	/* the parent's registers are live */
	}
	return 0;
}

void arch_core_regs(struct task *t, u64 r[ARCH_CORE_NREGS])
{
	const struct trap_frame *f = arch_user_frame(t);
	const u64 regs[ARCH_CORE_NREGS] = {
		f->r15, f->r14, f->r13, f->r12, f->rbp, f->rbx, f->r11, f->r10, f->r9, f->r8,
		f->rax, f->rcx, f->rdx, f->rsi, f->rdi, f->vector == 0x100 ? f->error_code : ~0ull,
		f->rip, f->cs, f->rflags, f->rsp, f->ss, t->arch.fs_base, 0, 0, 0, 0, 0,
	};

	memcpy(r, regs, sizeof(regs));
}
