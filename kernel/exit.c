/*
 * Ending tasks.  do_exit() releases what the task owns (its address
 * space, its FPU area) and ends it; the exit status encodes the cause the
 * way wait(2) reports it: (code << 8) for exit(), the signal number (plus
 * 0x80 when a core dump would be written) for a fatal signal.
 */
#include <kmalloc.h>
#include <panic.h>
#include <sched.h>
#include <signal.h>
#include <syscall.h>
#include <vm.h>

#define CORE_DUMP_FLAG	0x80

void do_exit(int status)
{
	struct task *t = current_task();
	struct mm *mm = t->mm;

	if (t->tid == 1)
		panic("Attempted to kill init! exitcode=0x%08x", status);
	if (mm) {
		t->mm = NULL;
		mm_activate(NULL);	/* stop using its page tables before freeing them */
		mm_put(mm);
	}
	kfree(t->arch.fpu);
	t->arch.fpu = NULL;
	t->exit_status = status;
	task_exit_current();
}

static bool sig_dumps_core(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return true;
	default:
		return false;
	}
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task *t = current_task();

	printk(KERN_INFO "%s[%d]: fatal signal %d (code %d, address 0x%lx)\n", t->comm,
	       t->tid, sig, code, addr);
	do_exit(sig | (sig_dumps_core(sig) ? CORE_DUMP_FLAG : 0));
}

SYSCALL_DEFINE1(exit, int, code)
{
	do_exit((code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, code)
{
	do_exit((code & 0xff) << 8);	/* one thread per process for now */
}
