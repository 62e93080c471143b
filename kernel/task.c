/*
 * Task lifetime.  A task is reference counted: the task holds one
 * reference on itself while it can run (dropped by the scheduler once it
 * has switched away from the dead task for the last time); a process
 * leader is also held by its parent until reaped and by each of its
 * threads (so t->group_leader never dangles), and kthread_create()'s
 * caller gets one.  The last task_put() frees the pid, the kernel stack
 * and the struct.
 *
 * task_list_lock protects all_tasks, the list every live task is on.
 */
#include <errno.h>
#include <kmalloc.h>
#include <panic.h>
#include <cred.h>
#include <proc.h>
#include <time.h>
#include <signal.h>
#include <string.h>
#include <vmalloc.h>
#include <wait.h>
#include <arch/cpu.h>

static DEFINE_SPINLOCK(task_list_lock);
static LIST_HEAD(all_tasks);		/* task_list_lock */
static unsigned int next_cpu;		/* atomic: round-robin placement */

#define SNAPSHOT_LOCK_WAIT_US	1000000

static struct cpu *pick_cpu(void)
{
	unsigned int n = __atomic_fetch_add(&next_cpu, 1, __ATOMIC_RELAXED);

	return cpus[n % ncpus_online];
}

struct task *task_alloc(const char *name)
{
	struct task *t = kzalloc(sizeof(*t));
	int pid;

	if (!t)
		return NULL;
	t->kstack = kstack_alloc(KSTACK_SIZE);
	pid = pid_alloc();
	if (!t->kstack || pid < 0) {
		if (pid > 0)
			pid_free(pid);
		if (t->kstack)
			kstack_free(t->kstack);
		kfree(t);
		return NULL;
	}
	t->tid = t->tgid = t->pid_owned = pid;
	t->group_leader = t;
	t->alloc_lock = (struct spinlock)SPINLOCK_INIT("task->alloc_lock");
	strlcpy(t->comm, name, TASK_COMM_LEN);
	t->refcount = 1;		/* the task's own */
	t->cpu = pick_cpu();
	t->state = TASK_UNINTERRUPTIBLE;	/* wake_up_process() makes it runnable */
	list_init(&t->run_node);
	list_init(&t->children);
	list_init(&t->sibling);
	list_init(&t->threads);
	list_init(&t->thread_node);
	list_init(&t->pid_node);
	wait_queue_init(&t->child_wait);
	itimer_init_task(t);
	t->start_time_ns = clock_monotonic_ns();
	t->timer_slack_ns = t->default_timer_slack_ns = 50000;	/* Linux's default, 50 us */
	arch_task_init(t);
	return t;
}

int task_set_pid(struct task *t, int pid)
{
	int err = pid_claim(pid);

	if (err)
		return err;
	pid_free(t->pid_owned);
	t->tid = t->tgid = t->pid_owned = pid;
	return 0;
}

static unsigned int count_user_locked(u32 uid)
{
	unsigned int n = 0;
	struct task *t;

	list_for_each_entry(t, &all_tasks, all_node) {
		const struct cred *c = task_cred_get(t);

		n += c->uid == uid;
		cred_put(c);
	}
	return n;
}

int task_account(struct task *t, u64 nproc_limit)
{
	const struct cred *c = t->cred ? t->cred : &root_cred;
	unsigned long flags = spin_lock_irqsave(&task_list_lock);
	int err = 0;

	/* Counting and adding under one lock: concurrent forks cannot both squeeze in. */
	if (c->uid != 0 && count_user_locked(c->uid) >= nproc_limit)
		err = -EAGAIN;
	else
		list_add_tail(&t->all_node, &all_tasks);
	spin_unlock_irqrestore(&task_list_lock, flags);
	return err;
}

void task_start(struct task *t)
{
	wake_up_process(t);
}

struct task *kthread_create(void (*fn)(void *), void *arg, const char *name)
{
	struct task *t = task_alloc(name);

	if (!t)
		return NULL;
	if (signal_init_task(t)) {
		task_put(t);
		return NULL;
	}
	rlimit_init_defaults(t);
	t->entry = fn;
	t->entry_arg = arg;
	t->refcount++;			/* the caller's */
	task_account(t, ~0ull);
	proc_init_leader(t, NULL);
	task_start(t);
	return t;
}

void task_lock(struct task *t)
{
	spin_lock(&t->alloc_lock);
}

void task_unlock(struct task *t)
{
	spin_unlock(&t->alloc_lock);
}

void task_get(struct task *t)
{
	__atomic_add_fetch(&t->refcount, 1, __ATOMIC_RELAXED);
}

void task_put(struct task *t)
{
	struct task *leader;

	if (__atomic_sub_fetch(&t->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	leader = t->group_leader != t ? t->group_leader : NULL;
	signal_release_task(t);
	cred_put(t->cred);
	pid_free(t->pid_owned);
	kfree(t->arch.fpu);
	kstack_free(t->kstack);
	kfree(t);
	if (leader)
		task_put(leader);	/* a thread held its leader (link_child) */
}

/* A task that never ran (clone failed after task_account): unlist it. */
void task_unaccount(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&task_list_lock);

	list_del(&t->all_node);
	spin_unlock_irqrestore(&task_list_lock, flags);
}

int task_snapshot(struct task **out, int max)
{
	unsigned long flags = arch_irq_save();
	struct task *t;
	int n = 0;

	/* A dump of a hung system must not hang on the lock it may be stuck on. */
	for (int us = 0; !spin_trylock(&task_list_lock); us++) {
		if (us >= SNAPSHOT_LOCK_WAIT_US) {
			arch_irq_restore(flags);
			return -EBUSY;
		}
		udelay(1);
	}
	list_for_each_entry(t, &all_tasks, all_node) {
		if (n < max) {
			task_get(t);
			out[n] = t;
		}
		n++;
	}
	spin_unlock(&task_list_lock);
	arch_irq_restore(flags);
	return n;
}

unsigned int nr_tasks(void)
{
	unsigned long flags = spin_lock_irqsave(&task_list_lock);
	unsigned int n = 0;
	struct task *t;

	list_for_each_entry(t, &all_tasks, all_node)
		n++;
	spin_unlock_irqrestore(&task_list_lock, flags);
	return n;
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
