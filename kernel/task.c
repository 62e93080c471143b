/*
 * Task lifetime.  A task is reference counted: the task holds one
 * reference on itself while it can run (dropped by the scheduler once it
 * has switched away from the dead task for the last time) and whoever
 * created it holds another.  The last task_put() frees the kernel stack
 * and the struct.
 *
 * task_list_lock protects all_tasks, the list every live task is on.
 */
#include <errno.h>
#include <kmalloc.h>
#include <panic.h>
#include <sched.h>
#include <spinlock.h>
#include <arch/cpu.h>
#include <string.h>
#include <vmalloc.h>

static DEFINE_SPINLOCK(task_list_lock);
static LIST_HEAD(all_tasks);		/* task_list_lock */
static int next_tid = 1;		/* atomic */
static unsigned int next_cpu;		/* atomic: round-robin placement */

static struct cpu *pick_cpu(void)
{
	unsigned int n = __atomic_fetch_add(&next_cpu, 1, __ATOMIC_RELAXED);

	return cpus[n % ncpus_online];
}

struct task *kthread_create(void (*fn)(void *), void *arg, const char *name)
{
	struct task *t = kzalloc(sizeof(*t));
	unsigned long flags;

	if (!t)
		return NULL;
	t->kstack = kstack_alloc(KSTACK_SIZE);
	if (!t->kstack) {
		kfree(t);
		return NULL;
	}
	t->tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
	strlcpy(t->comm, name, TASK_COMM_LEN);
	t->entry = fn;
	t->entry_arg = arg;
	t->refcount = 2;		/* the caller's and the task's own */
	t->cpu = pick_cpu();
	t->state = TASK_UNINTERRUPTIBLE;	/* wake_up_process() makes it runnable */
	list_init(&t->run_node);
	arch_task_init(t);

	flags = spin_lock_irqsave(&task_list_lock);
	list_add_tail(&t->all_node, &all_tasks);
	spin_unlock_irqrestore(&task_list_lock, flags);
	wake_up_process(t);
	return t;
}

void task_get(struct task *t)
{
	__atomic_add_fetch(&t->refcount, 1, __ATOMIC_RELAXED);
}

void task_put(struct task *t)
{
	if (__atomic_sub_fetch(&t->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	kstack_free(t->kstack);
	kfree(t);
}

void task_exit_current(void)
{
	struct task *t = current_task();
	unsigned long flags = spin_lock_irqsave(&task_list_lock);

	list_del(&t->all_node);
	spin_unlock_irqrestore(&task_list_lock, flags);
	arch_irq_disable();
	t->state = TASK_DEAD;
	schedule();
	panic("task %d ran after its exit", t->tid);
}
