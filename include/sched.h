/*
 * Tasks and the scheduler.
 *
 * A task is a thread of execution with its own kernel stack (guarded,
 * from kstack_alloc).  Each CPU has a run queue of runnable tasks and runs
 * them round robin, each for a time slice of SCHED_SLICE_TICKS timer
 * ticks; the tick marks the CPU need_resched and the switch happens at
 * the next safe point (return from interrupt or preempt_enable() with no
 * lock held).  A CPU with nothing to run runs its idle task.
 *
 * Sleeping: set_current_state(TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE),
 * re-check the condition, then schedule(); wake_up_process() makes the
 * task runnable again.  Wait queues (wait.h) wrap this pattern.
 */
#ifndef SCHED_H
#define SCHED_H

#include <types.h>
#include <compiler.h>
#include <list.h>
#include <percpu.h>
#include <wait_types.h>
#include <spinlock_types.h>
#include <ktimer.h>

#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define TASK_UNINTERRUPTIBLE	2
#define TASK_STOPPED		4	/* job-control stop: only SIGCONT/SIGKILL wake it */
#define TASK_DEAD		16

/*
 * Functions a task sleeps inside (schedule() and the helpers around it):
 * kept in one text range so that a sleeping task's wait channel, the
 * first function of its stack outside them, names what it waits for.
 */
#define __sched			__section(".sched.text")

#define TASK_COMM_LEN		16
#define KSTACK_SIZE		(16 * 1024)
#define SCHED_SLICE_TICKS	10	/* 10 ms at HZ=1000 */

struct mm;
struct sighand;
struct cred;

/* Signals waiting for delivery: a bit per signal, and their siginfo records. */
struct sigpending {
	u64 set;			/* bit (sig - 1) */
	struct list_head queue;		/* struct sigqueue, in arrival order */
};

/* Saved by the context switch (arch/x86_64/switch.S and task.c). */
struct arch_task {
	unsigned long rsp;		/* must stay first: switch.S uses it */
	unsigned long fs_base;		/* user TLS pointer (arch_prctl) */
	void *fpu;			/* user FPU/SSE/AVX save area (arch/x86_64/fpu.c) or NULL */
};

/* What getrusage(2) counts, for one task or summed over tasks. */
struct task_usage {
	u64 utime_ns, stime_ns;		/* CPU time, sampled by the tick */
	unsigned long min_flt, maj_flt;	/* page faults resolved */
	unsigned long nvcsw, nivcsw;	/* switches away asleep / still runnable */
};

struct task {
	struct arch_task arch;
	int state;			/* TASK_*; written by the task or under its rq lock */
	int tid;			/* tasklist_lock (changes only in a multithreaded exec) */
	int pid_owned;			/* immutable: the pid number freed with the task */
	char comm[TASK_COMM_LEN];
	void *kstack;			/* immutable: lowest address of the stack */
	struct cpu *cpu;		/* the run queue it belongs to; immutable for now */
	struct list_head run_node;	/* cpu->rq.lock */
	bool on_rq;			/* cpu->rq.lock */
	int slice;			/* ticks left; its own CPU only */
	int refcount;			/* atomic */
	void (*entry)(void *);		/* kernel threads: body and argument */
	void *entry_arg;
	struct list_head all_node;	/* task_list_lock */
	u64 utime_ns, stime_ns;		/* CPU time, sampled by the tick (own CPU) */
	unsigned long min_flt, maj_flt;	/* page faults resolved; the task itself */
	unsigned long nvcsw, nivcsw;	/* switches away asleep / still runnable; its CPU */
	struct wait_queue *sleeping_on;	/* own task: the queue of its last prepare_to_wait(),
					   NULL after finish_wait(); the task dump reads it */
	u64 start_time_ns;		/* immutable: clock_monotonic_ns() at creation */
	/*
	 * alloc_lock protects mm, files, fs, cred (and comm) against other
	 * tasks that take references to them (/proc): the task changes
	 * them under it, and reads its own without it.
	 */
	struct spinlock alloc_lock;
	struct mm *mm;			/* user address space; NULL for kernel threads */
	struct files *files;		/* open file descriptors (fs/, include/file.h) */
	struct fs_context *fs;		/* root, cwd, umask (fs/, include/vfs.h) */
	int nice;			/* atomic: -20..19, inherited (kernel/priority.c) */
	u16 ioprio;			/* atomic: class and level, inherited (kernel/priority.c) */
	unsigned int personality;	/* own task: personality(2), inherited (kernel/sys_info.c) */
	const struct cred *cred;	/* own task writes (swapping the pointer), alloc_lock */

	/* Process tree (include/proc.h); tasklist_lock unless noted. */
	int tgid;			/* immutable: the thread group (process) id */
	struct task *group_leader;	/* immutable */
	struct task *parent;		/* the process told of our exit */
	int ppid;			/* parent->tgid, kept with parent so getppid
					   needs no lock (both written under tasklist_lock) */
	struct list_head children;	/* leader: processes whose parent we are */
	struct list_head sibling;	/* in parent->children */
	struct list_head threads;	/* leader: every task of the group */
	struct list_head thread_node;	/* in group_leader->threads */
	struct list_head pid_node;	/* pid hash chain */
	int exit_state;			/* 0, EXIT_ZOMBIE or EXIT_DEAD */
	int exit_signal;		/* immutable: sent to the parent at exit (0: none) */
	int exit_status;		/* wait(2) encoding, set by do_exit() */
	int pgid, sid;			/* leader: process group and session */
	struct tty *tty;		/* leader: controlling terminal, or NULL */
	int live_threads;		/* leader: tasks of the group not yet exited */
	struct task *exec_waiter;	/* leader: a thread in exec waiting for the others */
	bool exec_killed;		/* another thread's exec ends this one */
	struct wait_queue child_wait;	/* leader: woken when a child changes state */
	int *set_child_tid;		/* own task only: user addresses from clone */
	int *clear_child_tid;
	struct task *vfork_parent;	/* own task: parent sleeping in vfork */
	bool vfork_done;		/* tasklist_lock */

	/* Signals (include/signal.h); sighand->lock unless noted. */
	struct sighand *sighand;	/* handlers, shared by CLONE_SIGHAND */
	u64 blocked;			/* the signal mask */
	u64 saved_blocked;		/* own task: mask to restore after sigsuspend */
	u64 real_blocked;		/* sighand lock: rt_sigtimedwait's waited-for signals
					   count as blocked (never ignored) meanwhile */
	bool restore_blocked;		/* own task */
	struct sigpending pending;	/* sent to this thread */
	struct sigpending shared_pending;	/* leader: sent to the process */
	int group_exit_status;		/* leader: status for every thread, when group_exiting */
	bool group_exiting;		/* leader */
	int group_stop_sig;		/* leader: stopped by this signal (0: running) */
	struct task_usage dead;		/* leader, tasklist_lock: exited threads but the
					   leader (whose task stays until reaped) */
	struct task_usage reaped;	/* leader, tasklist_lock: reaped children's,
					   with what they had reaped themselves */
	bool stop_reported;		/* leader, tasklist_lock: wait(WUNTRACED) saw the stop */
	bool cont_waitable;		/* leader, atomic: continued, not yet seen by wait(WCONTINUED) */
	bool cont_pending;		/* leader, tasklist_lock: SIGCHLD for the continue not yet sent */
	bool did_exec;			/* leader: exec'd since fork (setpgid's EACCES) */
	struct {
		unsigned long sp, size;
		int flags;
	} altstack;			/* own task: sigaltstack */

	/* How restart_syscall(2) resumes an interrupted sleep (own task). */
	struct restart_block {
		long (*fn)(struct restart_block *rb);
		u64 deadline;		/* monotonic ns */
		void *urem;		/* user timespec for the time left, or NULL */
	} restart;

	/* Per process (leader), tasklist_lock unless noted. */
	struct ktimer itimer_real;	/* ITIMER_REAL / alarm(): timer_lock */
	u64 itimer_interval_ns;		/* itimer_lock */
	struct rlimit_pair {
		u64 cur, max;
	} rlim[16];			/* getrlimit/setrlimit */
	char pdeath_signal;		/* own task: prctl(PR_SET_PDEATHSIG) */
	bool no_new_privs;		/* atomic: prctl(PR_SET_NO_NEW_PRIVS), inherited, sticky */
	bool child_subreaper;		/* leader, tasklist_lock: orphaned descendants come here */
	u64 timer_slack_ns;		/* own task: prctl(PR_SET_TIMERSLACK) */
	u64 default_timer_slack_ns;	/* own task: what PR_SET_TIMERSLACK 0 goes back to */
	void *robust_list;		/* own task: set_robust_list */
	size_t robust_list_len;

	/* Restartable sequences (include/rseq.h); own task only. */
	struct rseq *rseq;		/* the registered user area, or NULL */
	u32 rseq_sig;			/* signature before every abort_ip */
	u32 rseq_events;		/* RSEQ_EVENT_*: since the last fix-up */
	bool rseq_resume;		/* fix up and write cpu_id before user code runs */
};

/* A task's time slice: SCHED_SLICE_TICKS scaled by its nice value (kernel/priority.c). */
int sched_slice_ticks(const struct task *t);

/*
 * Should an interruptible sleep end?  A deliverable signal, or the task
 * being ended by another thread's exec (which acts like SIGKILL).
 */
static inline bool task_signal_pending(const struct task *t)
{
	u64 pending = __atomic_load_n(&t->pending.set, __ATOMIC_RELAXED) |
		      __atomic_load_n(&t->group_leader->shared_pending.set, __ATOMIC_RELAXED);

	return (pending & ~__atomic_load_n(&t->blocked, __ATOMIC_RELAXED)) ||
	       __atomic_load_n(&t->exec_killed, __ATOMIC_RELAXED);
}

/* Linux's task_lock(): hold t->alloc_lock (innermost, never sleeps). */
void task_lock(struct task *t);
void task_unlock(struct task *t);

static inline struct task *current_task(void)
{
	return this_cpu()->current;
}

#define set_current_state(s) __atomic_store_n(&current_task()->state, (s), __ATOMIC_SEQ_CST)

/* Give up the CPU; returns when the task is chosen again. */
void schedule(void);
void yield(void);
/* Make a sleeping task runnable; returns whether it was asleep. */
bool wake_up_process(struct task *t);

/* A new task (own pid, kernel stack, leader of its own group), not yet runnable. */
struct task *task_alloc(const char *name);
/* Before the task is visible: give it this pid instead (0, or -EEXIST). */
int task_set_pid(struct task *t, int pid);
/* Make a task set up by task_alloc() visible and runnable. */
void task_start(struct task *t);

/*
 * Start a kernel thread running fn(arg); it ends when fn returns.  The
 * caller gets a reference (drop it with task_put()).  NULL on -ENOMEM.
 */
struct task *kthread_create(void (*fn)(void *), void *arg, const char *name);
/* End the calling task with a wait(2)-style status; never returns. */
void do_exit(int status) __attribute__((noreturn));

struct trap_frame;
/* Last stop before any return to user mode: reschedule, then signals. */
void exit_to_user_mode(struct trap_frame *f);

/* End the calling task; never returns. */
void task_exit_current(void) __attribute__((noreturn));
void task_get(struct task *t);
void task_put(struct task *t);

/* End of an interrupt: switch if the tick (or a wake-up) asked for it. */
void sched_preempt_irq(void);

/* Called by the timer tick on every CPU. */
void sched_tick(void);
/* CPU 0's tick: sample the run queues for the load average (kernel/loadavg.c). */
void loadavg_tick(void);
/* The 1, 5 and 15 minute load averages, fixed point with LOADAVG_FSHIFT bits. */
#define LOADAVG_FSHIFT		11
void loadavg_get(unsigned long loads[3]);
/* Tasks running or runnable now, on every CPU. */
unsigned int sched_nr_running(void);

/* Boot: turn the running boot context into CPU 0's idle task. */
void sched_init(void);
/* AP bring-up: turn the running start-up context into this CPU's idle task. */
void sched_init_ap(void);
/* The idle loop; never returns. */
void cpu_idle_loop(void) __attribute__((noreturn));

/* Arch: switch stacks from prev to next; returns prev's predecessor when prev runs again. */
struct task *arch_switch_to(struct task *prev, struct task *next);
/* Arch: switch address space, kernel stack for traps, TLS and FPU state. */
void arch_switch_prepare(struct task *prev, struct task *next);
/* Arch: lay out a new task's stack so its first switch lands in task_first_run(). */
void arch_task_init(struct task *t);
/* Where a new task starts, on its own stack, with the rq lock still held. */
void task_first_run(struct task *prev) __attribute__((noreturn));

#endif
