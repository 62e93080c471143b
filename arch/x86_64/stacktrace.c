/*
 * Kernel stack traces for the task dump (kernel/sysrq.c): of a task that
 * is not running, read from the context arch_switch_to() saved on its
 * stack, and of the calling CPU, from its own frame pointer.
 *
 * Every frame is [saved rbp][return address] (the kernel is built with
 * frame pointers).  A sleeping task's stack may start running, and change,
 * while we read it: the walk only follows frame pointers that stay inside
 * the task's own stack and move towards its top, and stops at a return
 * address outside the kernel text, so a stale or torn frame ends the trace
 * early instead of faulting.
 */
#include <ksyms.h>
#include <sched.h>
#include <arch/cpu.h>

/* switch.S pushes rbp rbx r12 r13 r14 r15, below its return address. */
#define SWITCH_SAVED_RBP	5
#define SWITCH_RETURN		6

int arch_walk_frames(unsigned long rbp, unsigned long lo, unsigned long hi,
		     unsigned long *pcs, int n, int max)
{
	while (n < max && rbp >= lo && rbp + 16 <= hi && !(rbp & 7)) {
		const unsigned long *frame = (const unsigned long *)rbp;
		unsigned long next = READ_ONCE(frame[0]), pc = READ_ONCE(frame[1]);

		if (!ksyms_lookup(pc, &(unsigned long){ 0 }))
			break;
		pcs[n++] = pc;
		if (next <= rbp)
			break;
		rbp = next;
	}
	return n;
}

int arch_task_stack_trace(struct task *t, unsigned long *pcs, int max)
{
	unsigned long lo = (unsigned long)t->kstack, hi = lo + KSTACK_SIZE;
	unsigned long rsp = READ_ONCE(t->arch.rsp);
	const unsigned long *saved = (const unsigned long *)rsp;
	unsigned long pc;

	if (!t->kstack || max <= 0 || rsp < lo || rsp + 8 * (SWITCH_RETURN + 1) > hi)
		return 0;
	pc = READ_ONCE(saved[SWITCH_RETURN]);
	if (!ksyms_lookup(pc, &(unsigned long){ 0 }))
		return 0;
	pcs[0] = pc;
	return arch_walk_frames(READ_ONCE(saved[SWITCH_SAVED_RBP]), lo, hi, pcs, 1, max);
}

int arch_stack_trace_here(unsigned long *pcs, int max)
{
	struct task *t = current_task();
	unsigned long rbp = (unsigned long)__builtin_frame_address(0);
	unsigned long lo, hi;

	if (!t || !t->kstack)
		return 0;	/* an idle task on its boot stack: no known bounds */
	lo = (unsigned long)t->kstack;
	hi = lo + KSTACK_SIZE;
	return arch_walk_frames(rbp, lo, hi, pcs, 0, max);
}
