/*
 * Processes: thread groups, the parent/child tree, pids, exit and wait.
 *
 * Every task has a pid (its tid); a process is a thread group named by
 * its leader's pid (tgid).  Process-wide state (children, process group,
 * session, the wait queue for child events) lives in the group leader.
 *
 * tasklist_lock protects the tree: parent, children/sibling, the thread
 * lists, exit_state, pgid/sid, and the pid hash.  Take it with
 * spin_lock_irqsave; never sleep or touch user memory while holding it.
 * A thread list is also protected by the group's sighand->lock: adding
 * or removing a thread takes both (tasklist_lock first), so signal code
 * may walk the list holding either one.
 *
 * Lifetime: a task holds a reference on itself while it runs; a process
 * leader is also referenced by its parent's children list until reaped
 * by wait(), which is what keeps a zombie's exit status around.
 */
#ifndef PROC_H
#define PROC_H

#include <sched.h>
#include <spinlock.h>

#define EXIT_ZOMBIE	1
#define EXIT_DEAD	2

#define PID_MAX		32768		/* /proc/sys/kernel/pid_max default */
#define PID_MAX_LIMIT	(4 * 1024 * 1024)	/* the largest pid_max (Linux, 64-bit) */

extern struct spinlock tasklist_lock;
extern struct task *init_task;		/* pid 1: adopts orphans */

/* pids */
int pid_alloc(void);			/* a free pid, or -EAGAIN */
int pid_claim(int pid);			/* take this pid: 0, or -EEXIST if in use */
void pid_free(int pid);
int pid_last(void);			/* the pid handed out last (/proc/loadavg) */
int pid_max_get(void);			/* new pids are below this */
int pid_max_set(int max);		/* 0, or -EINVAL outside [301, PID_MAX_LIMIT], -ENOMEM */
u64 pid_nr_allocated(void);		/* tasks created since boot (/proc/stat) */
void pid_attach(struct task *t);	/* tasklist_lock held */
void pid_detach(struct task *t);	/* tasklist_lock held */
struct task *pid_lookup(int pid);	/* tasklist_lock held; no reference taken */
/*
 * Up to max live processes (leaders) for which match() is true, each with
 * a reference the caller drops.  tasklist_lock held.
 */
int pid_collect_processes(bool (*match)(struct task *p, void *arg), void *arg,
			  struct task **out, int max);
/* Call fn on every live task, threads included.  tasklist_lock held. */
void pid_for_each_task(void (*fn)(struct task *t, void *arg), void *arg);
/*
 * The smallest pid >= from naming a process (a thread-group leader, live
 * or zombie), or -1: for listing /proc.  tasklist_lock held.
 */
int pid_next_process(int from);
/* Does a process group pgid exist (in session sid; -1: any)?  tasklist_lock held. */
bool pgrp_exists_in_session(int pgid, int sid);
/*
 * POSIX orphaned process group: no member has a parent in another group
 * of the same session (tasklist_lock held).  Job-control stops (SIGTSTP,
 * SIGTTIN, SIGTTOU) do nothing there: nobody could continue it.
 */
bool pgrp_is_orphaned(int pgid);

/* Futexes (kernel/futex.c): boot setup, and the exit-time wake-ups. */
void futex_init(void);
void futex_exit(struct task *t);

/* Resource counts (kernel/exit.c; getrusage, wait4, times, /proc). */
/* Add t's own counts to u (racy reads of another task's counters are fine). */
void task_usage_add(struct task_usage *u, const struct task *t);
/* u += v. */
void task_usage_sum(struct task_usage *u, const struct task_usage *v);
/*
 * The whole process's counts (tasklist_lock held): exited threads, live
 * ones, and the leader's own even after its thread has ended.
 */
void group_usage(struct task *leader, struct task_usage *u);
struct rusage_abi;
void task_usage_to_rusage(const struct task_usage *u, struct rusage_abi *ru);

/* Live tasks (for sysinfo and /proc). */
unsigned int nr_tasks(void);
/*
 * List a new task among the live ones, unless its (non-root) real user
 * already has nproc_limit tasks (RLIMIT_NPROC): 0 or -EAGAIN.
 */
int task_account(struct task *t, u64 nproc_limit);
void task_unaccount(struct task *t);
/*
 * The task dump's view of every live task: up to max of them into out[],
 * each with a reference (task_put them).  Returns how many live tasks
 * there are (more than max when some were left out), or -EBUSY when the
 * task list lock stayed taken for a second.  Any context.
 */
int task_snapshot(struct task **out, int max);

/* Per-process timers and limits (kernel/itimer.c, kernel/sys_misc.c). */
void itimer_init_task(struct task *t);
void itimer_exit_process(struct task *leader);
void rlimit_init_defaults(struct task *t);
u64 rlimit_cur(int resource);

/* Process setup for a brand-new task (leader of its own group). */
void proc_init_leader(struct task *t, struct task *parent);

/* clone(2) flags (Linux values) */
#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_IO		0x80000000

struct clone_request {
	unsigned long flags;
	int exit_signal;
	unsigned long stack;		/* 0: share the parent's stack pointer */
	unsigned long tls;
	int *parent_tid, *child_tid;
	int set_tid;			/* clone3: the pid to take; 0 for any */
	bool clear_sighand;		/* clone3 CLONE_CLEAR_SIGHAND */
};

/* exec: end every other thread of the caller's process and wait for them;
 * -EAGAIN when another thread's exec is already doing so. */
int exec_kill_other_threads(void);

/* exec succeeded: a parent waiting in vfork() may go on. */
void exec_release_vfork_parent(struct task *t);

/* Create a task copying the caller per req; returns the child's pid or -errno. */
long do_clone(const struct clone_request *req);

/* wait4/waitid options */
#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

#endif
