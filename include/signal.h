/*
 * Signals.
 *
 * A signal is pending on a thread (tkill, faults) or on its process
 * (kill); it is delivered on the way back to user mode by a thread that
 * does not block it: the handler runs on a frame built on the user stack
 * (Linux's rt_sigframe layout, so glibc and musl restore it with
 * rt_sigreturn), or the default action happens: ignore, terminate (with a
 * core flag for the core-dumping signals), stop, or continue.
 *
 * sighand->lock protects the handler table and, for every task sharing
 * it, the pending sets and masks.  Lock order: tasklist_lock, then
 * sighand->lock.
 */
#ifndef SIGNAL_H
#define SIGNAL_H

#include <list.h>
#include <wait_types.h>
#include <spinlock.h>
#include <uapi/signal.h>

struct task;
struct trap_frame;

struct sighand {
	int refcount;			/* atomic */
	struct spinlock lock;
	struct k_sigaction_abi action[_NSIG];
};

struct sigqueue {
	struct list_head node;
	struct siginfo_abi info;
};

#define SIGMASK(sig)	(1ull << ((sig) - 1))
#define UNBLOCKABLE	(SIGMASK(SIGKILL) | SIGMASK(SIGSTOP))

/* Default actions (signal(7)): stop, ignore, terminate with a core dump. */
#define STOP_SIGS	(SIGMASK(SIGSTOP) | SIGMASK(SIGTSTP) | SIGMASK(SIGTTIN) | SIGMASK(SIGTTOU))
#define IGNORE_SIGS	(SIGMASK(SIGCHLD) | SIGMASK(SIGURG) | SIGMASK(SIGWINCH) | SIGMASK(SIGCONT))
#define CORE_SIGS	(SIGMASK(SIGQUIT) | SIGMASK(SIGILL) | SIGMASK(SIGTRAP) | SIGMASK(SIGABRT) | \
			 SIGMASK(SIGBUS) | SIGMASK(SIGFPE) | SIGMASK(SIGSEGV) | SIGMASK(SIGXCPU) | \
			 SIGMASK(SIGXFSZ) | SIGMASK(SIGSYS))
#define CORE_DUMP_FLAG	0x80	/* in a wait(2) status */

/* Process setup: fresh default handlers, or shared/copied ones for clone. */
int signal_init_task(struct task *t);
int signal_clone(struct task *child, struct task *parent, bool share);
/* rt_sigaction: does this action ignore sig?  Then drop pending ones (sighand->lock held). */
bool signal_now_ignored(int sig, const struct k_sigaction_abi *ka);
void signal_discard_pending(struct task *t, int sig);

/* Dequeue a pending signal outside 'blocked' into *info; 0 if none (sighand->lock held). */
int signal_dequeue(struct task *t, u64 blocked, struct siginfo_abi *info);

/* Write "core" for the dying current task if RLIMIT_CORE allows; true when written. */
bool do_coredump(int sig);

/* When the task struct is freed. */
void signal_release_task(struct task *t);
/* exec: handlers reset to default (ignored ones stay ignored), altstack off. */
void signal_exec_reset(struct task *t);
/* Handlers to default, ignored ones stay ignored; flags and masks cleared. */
void signal_flush_handlers(struct task *t);

/*
 * Send sig to a process (group = true: any of its threads) or one thread.
 * info may be NULL (SI_KERNEL).  0 or -EINVAL.  Caller holds no sighand lock.
 */
int send_signal(struct task *t, int sig, const struct siginfo_abi *info, bool group);

/*
 * Woken after any signal is queued to any task: signalfd readers and
 * pollers sleep here and re-check their own process.  One queue for the
 * whole system, so its lifetime never depends on a process's (an epoll
 * set may outlive the process whose signalfd it watches); the price is a
 * spurious wake-up of signalfd sleepers for other processes' signals.
 */
extern struct wait_queue signalfd_wait;

/* Send sig to every process of group pgid (the terminal's signals); -ESRCH if none. */
int signal_pgrp(int pgid, int sig);

/* A synchronous fault in the current task: deliver sig (code, address). */
void force_sig_fault(int sig, int code, unsigned long addr);

/*
 * Linux's force_sigsegv(): SIGSEGV to the current task because delivering
 * sig (0: none) failed; a SIGSEGV handler is reset first if sig is SIGSEGV.
 */
void force_sigsegv(int sig);

/* Called on every return to user mode: deliver pending signals. */
void do_signal(struct trap_frame *f);

/* Make every other thread of the process exit, then exit with status. */
void do_group_exit(int status) __attribute__((noreturn));

/* SIGPIPE to the caller for a write to a pipe or socket with no reader. */
void signal_pipe_broken(void);

/* Tell the parent its child stopped/continued/exited (tasklist_lock held). */
void signal_notify_parent(struct task *child, int code, int status);

/* Arch: build the handler frame; restart/return-value fix-ups; sigreturn. */
int arch_signal_frame(struct trap_frame *f, int sig, const struct k_sigaction_abi *ka,
		      const struct siginfo_abi *info, u64 old_mask);
/* Restore the frame at the user stack: 0 (the restored %rax in *rax) or -EFAULT. */
int arch_sigreturn(struct trap_frame *f, u64 *mask, long *rax);
/* The syscall number and return value in a syscall frame (0 and false otherwise). */
bool arch_frame_syscall(const struct trap_frame *f, long *ret);
void arch_restart_syscall(struct trap_frame *f);
/* Re-enter through restart_syscall(2) instead of the original call. */
void arch_restart_block(struct trap_frame *f);
void arch_set_return(struct trap_frame *f, long ret);
unsigned long arch_user_sp(const struct trap_frame *f);
/* The user instruction pointer the frame returns to, and moving it (rseq). */
unsigned long arch_user_ip(const struct trap_frame *f);
void arch_set_user_ip(struct trap_frame *f, unsigned long ip);

#endif
