/*
 * Exception and interrupt dispatch.  Every vector arrives here with a
 * struct trap_frame.  External interrupts go to irq_dispatch(); a fault
 * with an exception-table entry resumes at its fixup; faults that later
 * issues hand to the memory manager or to signals are routed from here.
 * Anything else in kernel mode is a kernel bug: print a full report (the
 * vector, error code, CR2, every register and a symbolized backtrace) and
 * panic.
 */
#include <asm/cpu.h>
#include <asm/trap.h>
#include <extable.h>
#include <irq.h>
#include <ksyms.h>
#include <panic.h>
#include <percpu.h>
#include <sched.h>
#include <signal.h>
#include <vm.h>
#include <errno.h>
#include <arch/cpu.h>
#include <arch/memory.h>
#include <arch/mmu.h>
#include "traps.h"

static const char *const exception_names[32] = {
	[TRAP_DE] = "divide error",
	[TRAP_DB] = "debug",
	[TRAP_NMI] = "non-maskable interrupt",
	[TRAP_BP] = "breakpoint",
	[TRAP_OF] = "overflow",
	[TRAP_BR] = "bound range exceeded",
	[TRAP_UD] = "invalid opcode",
	[TRAP_NM] = "device not available",
	[TRAP_DF] = "double fault",
	[TRAP_TS] = "invalid TSS",
	[TRAP_NP] = "segment not present",
	[TRAP_SS] = "stack-segment fault",
	[TRAP_GP] = "general protection fault",
	[TRAP_PF] = "page fault",
	[TRAP_MF] = "x87 floating-point error",
	[TRAP_AC] = "alignment check",
	[TRAP_MC] = "machine check",
	[TRAP_XM] = "SIMD floating-point error",
	[TRAP_VE] = "virtualization exception",
	[TRAP_CP] = "control protection",
};

static void print_symbol(const char *prefix, unsigned long addr)
{
	unsigned long off;
	const char *name = ksyms_lookup(addr, &off);

	if (name)
		printk(KERN_EMERG "%s%s+0x%lx\n", prefix, name, off);
	else
		printk(KERN_EMERG "%s0x%016lx\n", prefix, addr);
}

void trap_print_frame(const struct trap_frame *f)
{
	print_symbol("RIP: ", f->rip);
	printk(KERN_EMERG "CS: %04lx RSP: %016lx EFLAGS: %08lx SS: %04lx\n",
	       f->cs, f->rsp, f->rflags, f->ss);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", f->rax, f->rbx, f->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", f->rdx, f->rsi, f->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", f->rbp, f->r8, f->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", f->r10, f->r11, f->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", f->r13, f->r14, f->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

static void describe_page_fault(const struct trap_frame *f)
{
	u64 ec = f->error_code;

	printk(KERN_EMERG "BUG: unable to handle page fault for address: %016lx\n", read_cr2());
	printk(KERN_EMERG "#PF: %s %s access in %s mode\n",
	       ec & PF_PRESENT ? "protection violation on" : "not-present page,",
	       ec & PF_INSTR ? "instruction fetch" : ec & PF_WRITE ? "write" : "read",
	       ec & PF_USER ? "user" : "kernel");
}

/*
 * A leaf function may run without a frame (GCC omits it), so the frame
 * chain starts at its caller's caller.  The word at %rsp is then the
 * return address: print it marked "?", as Linux does for unverified
 * entries.
 */
static void print_stack_top(const struct trap_frame *f)
{
	unsigned long ret, off;

	if (!mmu_translate(kernel_root, f->rsp, NULL, NULL) || (f->rsp & 7))
		return;
	ret = *(const unsigned long *)f->rsp;
	if (ksyms_lookup(ret, &off))
		print_symbol(" ? ", ret);
}

/* Print the report for an unhandled kernel exception and stop. */
static void __noreturn kernel_oops(struct trap_frame *f, const char *why)
{
	const char *name = f->vector < 32 ? exception_names[f->vector] : NULL;

	panic_enter();
	if (why)
		printk(KERN_EMERG "BUG: %s\n", why);
	if (f->vector == TRAP_PF)
		describe_page_fault(f);
	printk(KERN_EMERG "Oops: %s (vector %lu), error code 0x%04lx, CPU %u\n",
	       name ? name : "unknown exception", f->vector, f->error_code, this_cpu()->id);
	trap_print_frame(f);
	printk(KERN_EMERG "Call Trace:\n");
	print_symbol(" ", f->rip);
	print_stack_top(f);
	arch_print_backtrace(f->rbp);
	printk(KERN_EMERG "---[ end trace ]---\n");
	printk(KERN_EMERG "Kernel panic - not syncing: Fatal exception\n");
	panic_finish();
}

/* The #DF handler runs on its own stack; name a kernel stack overflow. */
static void handle_double_fault(struct trap_frame *f)
{
	const char *why = NULL;

	if (kstack_guard_hit(f->rsp) || kstack_guard_hit(read_cr2()))
		why = "kernel stack overflow (guard page hit)";
	kernel_oops(f, why);
}

/* A fault in user mode becomes the signal Linux sends for it. */
static void user_exception(struct trap_frame *f)
{
	switch (f->vector) {
	case TRAP_DE:
		force_sig_fault(SIGFPE, FPE_INTDIV, f->rip);
		break;
	case TRAP_MF:
	case TRAP_XM:
		force_sig_fault(SIGFPE, 0, f->rip);
		break;
	case TRAP_UD:
		force_sig_fault(SIGILL, ILL_ILLOPN, f->rip);
		break;
	case TRAP_DB:
	case TRAP_BP:
		force_sig_fault(SIGTRAP, TRAP_BRKPT, f->rip);
		break;
	case TRAP_AC:
		force_sig_fault(SIGBUS, BUS_ADRERR, f->rip);
		break;
	case TRAP_PF:		/* a user access to a kernel address */
		force_sig_fault(SIGSEGV, SEGV_MAPERR, read_cr2());
		break;
	default:		/* #GP (privileged instruction, bad segment...), #SS, #NP */
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		break;
	}
}

/*
 * Page faults on user addresses, from user mode or from a user-copy helper
 * (which has an exception-table entry), go to the address space.  Returns
 * true when the fault is dealt with: the access can be retried, or (from
 * user mode) a signal is on its way.
 */
static bool handle_user_page_fault(struct trap_frame *f)
{
	unsigned long addr = read_cr2();
	struct task *t = current_task();
	u64 ec = f->error_code;
	unsigned int flags;
	int err;

	if (addr >= USER_SPACE_END || !t->mm || (ec & PF_RSVD))
		return false;
	if (!trap_from_user(f) && !extable_find(f->rip))
		return false;		/* a kernel bug: report it */
	flags = (ec & PF_WRITE ? FAULT_WRITE : 0) | (ec & PF_INSTR ? FAULT_EXEC : 0) |
		(ec & PF_PRESENT ? FAULT_PRESENT : 0);
	if (f->rflags & X86_EFLAGS_IF)
		arch_irq_enable();	/* the fault path may sleep */
	err = vm_fault(t->mm, addr, flags);
	arch_irq_disable();
	if (err == 0) {
		/* Every page comes from memory (no swap, no disk-backed cache): all minor. */
		t->min_flt++;
		return true;
	}
	if (!trap_from_user(f))
		return false;		/* the caller's fixup returns -EFAULT */
	if (err == -ENOMEM)
		force_sig_fault(SIGKILL, 0, addr);	/* out of memory */
	else if (err == -EIO)
		force_sig_fault(SIGBUS, BUS_ADRERR, addr);	/* past the end of a mapped file */
	else
		force_sig_fault(SIGSEGV, err == -EACCES ? SEGV_ACCERR : SEGV_MAPERR, addr);
	return true;
}

static void handle_exception(struct trap_frame *f)
{
	unsigned long fixup;

	if (f->vector == TRAP_DF) {
		handle_double_fault(f);
		return;
	}
	if (f->vector == TRAP_PF && handle_user_page_fault(f))
		return;
	if (trap_from_user(f)) {
		user_exception(f);
		return;
	}
	fixup = extable_find(f->rip);
	if (fixup) {
		f->rip = fixup;
		return;
	}
	if (f->vector == TRAP_PF && kstack_guard_hit(read_cr2()))
		kernel_oops(f, "kernel stack overflow (guard page hit)");
	kernel_oops(f, NULL);
}

void trap_dispatch(struct trap_frame *f)
{
	/*
	 * An NMI can interrupt anything, even code with interrupts off, and
	 * NMIs stay blocked until its iretq: it must never schedule or take
	 * the exit-to-user work, even when it came from user mode.
	 */
	if (f->vector == TRAP_NMI) {
		arch_nmi_handler(f);
		return;
	}
	if (f->vector < FIRST_IRQ_VECTOR) {
		handle_exception(f);
	} else {
		this_cpu()->irq_from_user = trap_from_user(f);
		arch_irq_enter(f);
		irq_dispatch((int)f->vector);
		arch_irq_exit(f);
		sched_preempt_irq();
	}
	if (trap_from_user(f))
		exit_to_user_mode(f);
}

void arch_print_backtrace(unsigned long rbp)
{
	/* Frames hold [saved rbp][return address]; stop at anything odd. */
	for (int depth = 0; depth < 32 && rbp; depth++) {
		unsigned long *frame = (unsigned long *)rbp;

		if (rbp < DIRECT_MAP_BASE || (rbp & 7))
			break;
		if (!ksyms_lookup(frame[1], &(unsigned long){ 0 }))
			break;
		print_symbol(" ", frame[1]);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}
