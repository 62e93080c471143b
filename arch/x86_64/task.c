/*
 * A new task's initial kernel stack: the six callee-saved registers that
 * arch_switch_to pops (zero) and task_entry as its return address.
 */
#include <sched.h>

void task_entry(void);

void arch_task_init(struct task *t)
{
	unsigned long *sp = (unsigned long *)((char *)t->kstack + KSTACK_SIZE);

	/* After the ret into task_entry, rsp is the 16-byte aligned stack top. */
	*--sp = (unsigned long)task_entry;
	for (int i = 0; i < 6; i++)
		*--sp = 0;		/* rbp rbx r12 r13 r14 r15 */
	t->arch.rsp = (unsigned long)sp;
}
