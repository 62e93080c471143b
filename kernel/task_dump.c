/*
 * The task dump behind SysRq t, w and l (kernel/sysrq.c), Linux's
 * show_state() and show_regs-on-all-CPUs for a system that hangs: which
 * task waits where, and what each CPU is doing.
 *
 * For each task: tid, tgid, parent, name, state (R S D T X as in ps),
 * its CPU and whether it sits on that CPU's run queue, its wait channel
 * (the first function on its stack outside the __sched sleep helpers),
 * the wait queue of its last prepare_to_wait(), its pending, shared
 * pending and blocked signals, a pending alarm, and, unless it is running
 * now, a symbolized stack trace.  For each CPU: the running task, the
 * run queue, and where it is (asked by NMI, so a CPU spinning with
 * interrupts off still answers).
 *
 * It is a debugging aid for a system in trouble, so it reads most fields
 * without their locks (a dump may be slightly torn, never a crash), holds
 * the task list lock only long enough to take references, and gives up on
 * a lock that stays taken instead of hanging with the system.
 */
#include <kmalloc.h>
#include <ksyms.h>
#include <ktest.h>
#include <percpu.h>
#include <printk.h>
#include <proc.h>
#include <sched.h>
#include <spinlock.h>
#include <string.h>
#include <sysrq.h>
#include <time.h>
#include <wait.h>
#include <arch/cpu.h>

#define DUMP_MAX_TASKS		4096
#define TASK_TRACE_DEPTH	16
#define RQ_SHOWN		8	/* run-queue entries listed per CPU */
#define RQ_LOCK_WAIT_US		100000

extern const char __sched_text_start[], __sched_text_end[];

static bool in_sched_text(unsigned long pc)
{
	return pc >= (unsigned long)__sched_text_start && pc < (unsigned long)__sched_text_end;
}

static char state_letter(const struct task *t)
{
	switch (READ_ONCE(t->state)) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_STOPPED:
		return 'T';
	case TASK_DEAD:
		return 'X';
	default:
		return '?';
	}
}

static void print_pc(const char *prefix, unsigned long pc)
{
	unsigned long off;
	const char *name = ksyms_lookup(pc, &off);

	if (name)
		printk("%s%s+0x%lx\n", prefix, name, off);
	else
		printk("%s0x%016lx\n", prefix, pc);
}

static bool is_running(const struct task *t)
{
	return READ_ONCE(t->cpu->current) == t;
}

/* The wait channel: the first frame outside the sleep helpers, or 0. */
static unsigned long wait_channel(const unsigned long *pcs, int n)
{
	for (int i = 0; i < n; i++) {
		if (!in_sched_text(pcs[i]))
			return pcs[i];
	}
	return 0;
}

static void show_signals(const struct task *t)
{
	const struct task *leader = t->group_leader;
	u64 alarm = 0;

	if (READ_ONCE(leader->itimer_real.pending)) {
		u64 expires = READ_ONCE(leader->itimer_real.expires), now = clock_monotonic_ns();

		alarm = expires > now ? (expires - now) / 1000000 + 1 : 1;
	}
	printk("  signals: pending %016llx shared %016llx blocked %016llx%s%s",
	       (unsigned long long)READ_ONCE(t->pending.set),
	       (unsigned long long)READ_ONCE(leader->shared_pending.set),
	       (unsigned long long)READ_ONCE(t->blocked),
	       READ_ONCE(leader->group_exiting) ? " group-exiting" : "",
	       READ_ONCE(t->exec_killed) ? " exec-killed" : "");
	if (alarm)
		printk(" alarm in %llu ms", (unsigned long long)alarm);
	if (READ_ONCE(leader->group_stop_sig))
		printk(" stopped by %d", READ_ONCE(leader->group_stop_sig));
	printk("\n");
}

static void show_task(struct task *t)
{
	unsigned long pcs[TASK_TRACE_DEPTH], wchan, off;
	bool running = is_running(t);
	int n = running ? 0 : arch_task_stack_trace(t, pcs, TASK_TRACE_DEPTH);
	const char *wname;

	wchan = wait_channel(pcs, n);
	wname = wchan ? ksyms_lookup(wchan, &off) : NULL;
	printk("task:%-15s tid:%-5d tgid:%-5d ppid:%-5d state:%c cpu:%u on_rq:%d%s\n",
	       t->comm, t->tid, t->tgid, READ_ONCE(t->ppid), state_letter(t),
	       t->cpu->id, READ_ONCE(t->on_rq), running ? " running" : "");
	if (!running && READ_ONCE(t->state) == TASK_RUNNING) {
		printk("  runnable, waiting for its CPU\n");
	} else if (!running) {
		printk("  wchan: %s", wname ? wname : "-");
		if (READ_ONCE(t->sleeping_on))
			printk("  wait queue %p", (void *)READ_ONCE(t->sleeping_on));
		printk("\n");
	}
	show_signals(t);
	for (int i = 0; i < n; i++)
		print_pc("   ", pcs[i]);
}

void show_state(bool blocked_only)
{
	struct task **tasks = kmalloc(DUMP_MAX_TASKS * sizeof(*tasks), GFP_KERNEL);
	int total, shown;

	if (!tasks) {
		pr_info("sysrq: no memory for the task list\n");
		return;
	}
	total = task_snapshot(tasks, DUMP_MAX_TASKS);
	if (total < 0) {
		pr_info("sysrq: the task list lock is stuck; no task dump\n");
		kfree(tasks);
		show_cpus();
		return;
	}
	shown = total < DUMP_MAX_TASKS ? total : DUMP_MAX_TASKS;
	pr_info("sysrq: %d tasks at %llu ms%s\n", total,
		(unsigned long long)clock_monotonic_ns() / 1000000,
		blocked_only ? ", in uninterruptible sleep:" : ":");
	for (int i = 0; i < shown; i++) {
		if (!blocked_only || READ_ONCE(tasks[i]->state) == TASK_UNINTERRUPTIBLE)
			show_task(tasks[i]);
		task_put(tasks[i]);
	}
	kfree(tasks);
	show_cpus();
}

/* CPU c's run queue: its length and its first RQ_SHOWN tids (-1: lock stuck). */
static int rq_snapshot(struct cpu *c, int *tids)
{
	unsigned long flags = arch_irq_save();
	struct task *t;
	int n = 0;

	for (int us = 0; !raw_spin_trylock(&c->rq.lock); us++) {
		if (us >= RQ_LOCK_WAIT_US) {
			arch_irq_restore(flags);
			return -1;
		}
		udelay(1);
	}
	list_for_each_entry(t, &c->rq.queue, run_node) {
		if (n < RQ_SHOWN)
			tids[n] = t->tid;
		n++;
	}
	raw_spin_unlock(&c->rq.lock);
	arch_irq_restore(flags);
	return n;
}

static void show_cpu(struct cpu *c)
{
	struct task *cur = READ_ONCE(c->current);
	int tids[RQ_SHOWN], n = rq_snapshot(c, tids);
	struct cpu_trace ct;
	int err;

	printk("CPU%u: current tid %d (%s)%s need_resched:%d preempt_count:%d ticks:%llu",
	       c->id, cur ? cur->tid : -1, cur ? cur->comm : "?",
	       cur == c->idle ? " idle" : "", READ_ONCE(c->need_resched),
	       READ_ONCE(c->preempt_count), (unsigned long long)READ_ONCE(c->ticks));
	if (n < 0) {
		printk(" run queue: lock stuck (nr_running %u)\n",
		       READ_ONCE(c->rq.nr_running));
	} else {
		printk(" run queue: %d [", n);
		for (int i = 0; i < n && i < RQ_SHOWN; i++)
			printk("%s%d", i ? " " : "", tids[i]);
		printk("%s]\n", n > RQ_SHOWN ? " ..." : "");
	}
	err = arch_cpu_stack_trace(c->id, &ct);
	if (err) {
		printk("  no backtrace (error %d)\n", err);
		return;
	}
	if (ct.user) {
		printk("  in user mode at %016lx\n", ct.pc[0]);
		return;
	}
	if (ct.n == 0)
		printk("  no frames (an idle task on its boot stack)\n");
	for (int i = 0; i < ct.n; i++)
		print_pc("   ", ct.pc[i]);
}

void show_cpus(void)
{
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		struct cpu *c = __atomic_load_n(&cpus[i], __ATOMIC_ACQUIRE);

		if (c && READ_ONCE(c->online))
			show_cpu(c);
	}
}

/* --- Self-test ----------------------------------------------------------- */

#define KTEST_SLEEPER_WAIT_NS	(2 * NSEC_PER_SEC)

static DEFINE_WAIT_QUEUE(ktest_dump_wq);
static bool ktest_dump_go;		/* atomic */

static void ktest_dump_sleeper(void *arg)
{
	(void)arg;
	wait_event(ktest_dump_wq, __atomic_load_n(&ktest_dump_go, __ATOMIC_SEQ_CST));
}

/* Wait until t is in 'state' and off its CPU; false after KTEST_SLEEPER_WAIT_NS. */
static bool ktest_wait_off_cpu(struct task *t, int state)
{
	u64 deadline = clock_monotonic_ns() + KTEST_SLEEPER_WAIT_NS;

	while (READ_ONCE(t->state) != state || is_running(t)) {
		if (clock_monotonic_ns() > deadline)
			return false;
		yield();
	}
	return true;
}

/* A sleeping kernel thread's trace names the function it waits in, and its queue. */
KTEST(task_dump_wait_channel)
{
	unsigned long pcs[TASK_TRACE_DEPTH], off = 0;
	struct task *t;
	const char *name;
	int n;

	__atomic_store_n(&ktest_dump_go, false, __ATOMIC_SEQ_CST);
	t = kthread_create(ktest_dump_sleeper, NULL, "ktest-dump");
	KTEST_EXPECT(t != NULL);
	KTEST_EXPECT(ktest_wait_off_cpu(t, TASK_UNINTERRUPTIBLE));
	n = arch_task_stack_trace(t, pcs, TASK_TRACE_DEPTH);
	KTEST_EXPECT(n >= 2);
	KTEST_EXPECT(in_sched_text(pcs[0]));	/* inside __schedule() */
	name = ksyms_lookup(wait_channel(pcs, n), &off);
	KTEST_EXPECT(name && strncmp(name, "ktest_dump_sleeper", 18) == 0);	/* maybe .constprop */
	KTEST_EXPECT(READ_ONCE(t->sleeping_on) == &ktest_dump_wq);
	__atomic_store_n(&ktest_dump_go, true, __ATOMIC_SEQ_CST);
	wake_up(&ktest_dump_wq);
	/* Gone before we return: its stack freed later would upset page counts of later tests. */
	KTEST_EXPECT(ktest_wait_off_cpu(t, TASK_DEAD));
	task_put(t);
	return 0;
}
