/*
 * Signal system calls: handlers (rt_sigaction), masks (rt_sigprocmask),
 * waiting (rt_sigsuspend, pause), inspection (rt_sigpending), sending
 * (kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo), the
 * alternate stack, and rt_sigreturn.
 */
#include <cred.h>
#include <errno.h>
#include <printk.h>
#include <proc.h>
#include <signal.h>
#include <syscall.h>
#include <uaccess.h>
#include <ktimer.h>
#include <time.h>
#include <uapi/time_abi.h>
#include <wait.h>
#include <arch/exec.h>

static void wait_signal_interruptible(struct task *t);

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction_abi *, uact,
		struct k_sigaction_abi *, uoact, size_t, sigsetsize)
{
	struct task *t = current_task();
	struct k_sigaction_abi act, old;
	unsigned long flags;

	if (sigsetsize != sizeof(u64) || !valid_signal(sig))
		return -EINVAL;
	if (uact && copy_from_user(&act, (const void __user *)uact, sizeof(act)))
		return -EFAULT;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	flags = spin_lock_irqsave(&t->sighand->lock);
	old = t->sighand->action[sig - 1];
	if (uact) {
		act.mask &= ~UNBLOCKABLE;
		t->sighand->action[sig - 1] = act;
		if (signal_now_ignored(sig, &act))
			signal_discard_pending(t, sig);
	}
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	if (uoact && copy_to_user((void __user *)uoact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, const u64 *, uset, u64 *, uoset, size_t, sigsetsize)
{
	struct task *t = current_task();
	u64 set = 0, old;
	unsigned long flags;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (uset && copy_from_user(&set, (const void __user *)uset, sizeof(set)))
		return -EFAULT;
	if (uset && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	flags = spin_lock_irqsave(&t->sighand->lock);
	old = t->blocked;
	if (uset) {
		if (how == SIG_BLOCK)
			t->blocked |= set;
		else if (how == SIG_UNBLOCK)
			t->blocked &= ~set;
		else
			t->blocked = set;
		t->blocked &= ~UNBLOCKABLE;
	}
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	if (uoset && copy_to_user((void __user *)uoset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, u64 *, uset, size_t, sigsetsize)
{
	struct task *t = current_task();
	unsigned long flags;
	u64 set;

	if (sigsetsize > sizeof(u64))
		return -EINVAL;
	flags = spin_lock_irqsave(&t->sighand->lock);
	set = (t->pending.set | t->group_leader->shared_pending.set) & t->blocked;
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	return copy_to_user((void __user *)uset, &set, sigsetsize);
}

/* Sleep until a signal is delivered; the mask in effect meanwhile is 'mask'. */
static long suspend_with_mask(u64 mask)
{
	struct task *t = current_task();
	unsigned long flags = spin_lock_irqsave(&t->sighand->lock);

	t->saved_blocked = t->blocked;
	t->restore_blocked = true;
	t->blocked = mask & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	wait_signal_interruptible(t);
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, const u64 *, umask, size_t, sigsetsize)
{
	u64 mask;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&mask, (const void __user *)umask, sizeof(mask)))
		return -EFAULT;
	return suspend_with_mask(mask);
}

/* Sleep until a signal is pending. */
static void wait_signal_interruptible(struct task *t)
{
	while (!task_signal_pending(t)) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (task_signal_pending(t))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
}

SYSCALL_DEFINE0(pause)
{
	wait_signal_interruptible(current_task());
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct task *t = current_task();
	struct trap_frame *f = arch_user_frame(t);
	unsigned long flags;
	u64 mask;
	long ret;

	if (arch_sigreturn(f, &mask, &ret)) {
		/*
		 * As Linux's force_sig(SIGSEGV): an installed handler runs (a
		 * blocked or ignored SIGSEGV is reset to default first); the
		 * registers are left as they were and the call returns 0.
		 */
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return 0;
	}
	flags = spin_lock_irqsave(&t->sighand->lock);
	t->blocked = mask & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	return ret;		/* the restored %rax */
}

SYSCALL_DEFINE2(sigaltstack, const stack_t_abi *, uss, stack_t_abi *, uoss)
{
	struct task *t = current_task();
	unsigned long sp = arch_user_sp(arch_user_frame(t));
	bool on_stack = t->altstack.size && sp - t->altstack.sp < t->altstack.size;
	stack_t_abi ss, old = {
		.ss_sp = (void *)t->altstack.sp,
		.ss_size = t->altstack.size,
		.ss_flags = t->altstack.size ? (on_stack ? SS_ONSTACK : 0) : SS_DISABLE,
	};

	if (uss) {
		if (copy_from_user(&ss, (const void __user *)uss, sizeof(ss)))
			return -EFAULT;
		if (on_stack)
			return -EPERM;
		if (ss.ss_flags & ~SS_DISABLE)
			return -EINVAL;
		if (ss.ss_flags & SS_DISABLE) {
			t->altstack.sp = t->altstack.size = 0;
		} else {
			if (ss.ss_size < MINSIGSTKSZ)
				return -ENOMEM;
			t->altstack.sp = (unsigned long)ss.ss_sp;
			t->altstack.size = ss.ss_size;
		}
	}
	if (uoss && copy_to_user((void __user *)uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* --- sending ------------------------------------------------------------------ */

static void fill_kill_info(struct siginfo_abi *info, int sig, int code)
{
	*info = (struct siginfo_abi){ .si_signo = sig, .si_code = code };
	info->u.kill.pid = current_task()->tgid;
	info->u.kill.uid = current_cred()->uid;	/* the sender's real uid */
}

/*
 * Signals from user space to init need a handler or a mask that blocks
 * them (busybox init blocks them and takes them with sigtimedwait);
 * SIGKILL and SIGSTOP never reach it.
 */
static bool init_refuses(struct task *p, int sig)
{
	if (p != init_task)
		return false;
	if (sig == SIGKILL || sig == SIGSTOP)
		return true;
	return !((p->blocked | p->real_blocked) & SIGMASK(sig)) &&
	       p->sighand->action[sig - 1].handler == SIG_DFL;
}

/*
 * kill(2) permission, as Linux: root may signal anyone; others need their
 * real or effective uid to match the target's real or saved uid, except
 * that SIGCONT may go to any process of the same session.
 */
static bool may_signal(struct task *p, int sig)
{
	const struct cred *me = current_cred(), *them;
	bool same_user;

	if (me->euid == 0)
		return true;
	them = task_cred_get(p);
	same_user = me->euid == them->uid || me->euid == them->suid ||
		    me->uid == them->uid || me->uid == them->suid;
	cred_put(them);
	if (same_user)
		return true;
	return sig == SIGCONT && p->sid == current_task()->group_leader->sid;
}

static int kill_one(struct task *p, int sig, const struct siginfo_abi *info)
{
	if (!may_signal(p, sig))
		return -EPERM;
	if (sig == 0 || init_refuses(p, sig))
		return 0;
	return send_signal(p, sig, info, true);
}

struct kill_filter {
	struct task *me;
	int pgid;		/* 0: everyone but init and the caller */
};

static bool kill_match(struct task *p, void *arg)
{
	const struct kill_filter *kf = arg;

	if (kf->pgid)
		return p->pgid == kf->pgid;
	return p != init_task && p != kf->me;
}

#define KILL_BATCH	64

/* kill(2) for pid == 0 / < -1 (a process group) and -1 (everyone but init and us). */
static long kill_many(int pgid, bool all, int sig, const struct siginfo_abi *info)
{
	struct kill_filter kf = { current_task()->group_leader, all ? 0 : pgid };
	struct task *found[KILL_BATCH];
	unsigned long flags;
	long ret = -ESRCH;
	int n;

	flags = spin_lock_irqsave(&tasklist_lock);
	n = pid_collect_processes(kill_match, &kf, found, KILL_BATCH);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* Linux: success if any process was signalled, else the last error. */
	for (int i = 0; i < n; i++) {
		int err = kill_one(found[i], sig, info);

		if (!err)
			ret = 0;
		else if (ret)
			ret = err;
		task_put(found[i]);
	}
	return ret;
}

int signal_pgrp(int pgid, int sig)
{
	struct siginfo_abi info = { .si_signo = sig, .si_code = SI_KERNEL };

	return (int)kill_many(pgid, false, sig, &info);
}

/*
 * The process of thread id pid, referenced (held through its leader, not
 * the thread, which may be reaped meanwhile); NULL if none.  A zombie
 * still exists for kill(2) until reaped.
 */
static struct task *process_get(int pid)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task *p = pid_lookup(pid), *leader = NULL;

	if (p && p->exit_state != EXIT_DEAD) {
		leader = p->group_leader;
		task_get(leader);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return leader;
}

SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	struct siginfo_abi info;
	struct task *leader;
	long ret;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	fill_kill_info(&info, sig, SI_USER);
	if (pid == -1)
		return kill_many(0, true, sig, &info);
	if (pid <= 0)
		return kill_many(pid == 0 ? current_task()->group_leader->pgid : -pid, false,
				 sig, &info);
	leader = process_get(pid);
	if (!leader)
		return -ESRCH;
	ret = kill_one(leader, sig, &info);
	task_put(leader);
	return ret;
}

/* Send info to thread tid (of process tgid when tgid > 0), with kill(2)'s checks. */
static long thread_kill_info(int tgid, int tid, int sig, const struct siginfo_abi *info)
{
	unsigned long flags;
	struct task *t;
	long ret = 0;

	flags = spin_lock_irqsave(&tasklist_lock);
	t = pid_lookup(tid);
	if (!t || t->exit_state || (tgid > 0 && t->tgid != tgid))
		ret = -ESRCH;
	else
		task_get(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (ret)
		return ret;
	if (sig < 0 || sig > _NSIG)
		ret = -EINVAL;		/* Linux checks after the lookup: ESRCH first */
	else if (!may_signal(t->group_leader, sig))
		ret = -EPERM;
	else if (sig && !init_refuses(t->group_leader, sig))
		ret = send_signal(t, sig, info, false);
	task_put(t);
	return ret;
}

static long thread_kill(int tgid, int tid, int sig)
{
	struct siginfo_abi info;

	if (tid <= 0)
		return -EINVAL;
	fill_kill_info(&info, sig, SI_TKILL);
	return thread_kill_info(tgid, tid, sig, &info);
}

SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	return thread_kill(-1, tid, sig);
}

/*
 * The caller's siginfo for sigqueue(3) and pthread_sigqueue(3); si_signo
 * always becomes sig.  As Linux: towards anything but its own thread id,
 * not even root may claim to be the kernel or kill() (si_code >= 0) or
 * tkill() (SI_TKILL), whose si_pid and si_uid the receiver may trust.
 */
static long queueinfo_from_user(int target, int sig, const struct siginfo_abi *uinfo,
				struct siginfo_abi *info)
{
	if (copy_from_user(info, (const void __user *)uinfo, sizeof(*info)))
		return -EFAULT;
	info->si_signo = sig;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) && target != current_task()->tid)
		return -EPERM;
	return 0;
}

SYSCALL_DEFINE3(rt_sigqueueinfo, int, pid, int, sig, const struct siginfo_abi *, uinfo)
{
	struct siginfo_abi info;
	struct task *leader;
	long ret = queueinfo_from_user(pid, sig, uinfo, &info);

	if (ret)
		return ret;
	if (pid <= 0)
		return -ESRCH;		/* no process groups for POSIX.1b queueing */
	leader = process_get(pid);
	if (!leader)
		return -ESRCH;
	ret = sig < 0 || sig > _NSIG ? -EINVAL : kill_one(leader, sig, &info);
	task_put(leader);
	return ret;
}

SYSCALL_DEFINE4(rt_tgsigqueueinfo, int, tgid, int, tid, int, sig,
		const struct siginfo_abi *, uinfo)
{
	struct siginfo_abi info;
	long ret;

	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	ret = queueinfo_from_user(tid, sig, uinfo, &info);
	if (ret)
		return ret;
	return thread_kill_info(tgid, tid, sig, &info);
}

SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return thread_kill(tgid, tid, sig);
}

/*
 * rt_sigtimedwait(2): take a signal of 'set' without running its handler,
 * waiting for one (up to the timeout) while they count as unblocked.
 */
SYSCALL_DEFINE4(rt_sigtimedwait, const u64 *, uset, struct siginfo_abi *, uinfo,
		const struct timespec_abi *, uts, size_t, sigsetsize)
{
	struct task *t = current_task();
	struct siginfo_abi info;
	struct timespec_abi ts;
	u64 set, saved, deadline = 0;
	unsigned long flags;
	int sig;

	if (sigsetsize != sizeof(u64))
		return -EINVAL;
	if (copy_from_user(&set, (const void __user *)uset, sizeof(set)))
		return -EFAULT;
	if (uts) {
		if (copy_from_user(&ts, (const void __user *)uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
			return -EINVAL;
		deadline = clock_monotonic_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	}
	set &= ~UNBLOCKABLE;
	flags = spin_lock_irqsave(&t->sighand->lock);
	sig = signal_dequeue(t, ~set, &info);
	if (!sig && (!uts || ts.tv_sec || ts.tv_nsec)) {
		saved = t->blocked;
		t->real_blocked = saved;	/* default-ignored ones must still queue */
		t->blocked &= ~set;		/* let them wake us */
		spin_unlock_irqrestore(&t->sighand->lock, flags);
		if (deadline)
			sleep_until(deadline, TASK_INTERRUPTIBLE);
		else
			wait_signal_interruptible(t);
		flags = spin_lock_irqsave(&t->sighand->lock);
		t->blocked = saved;
		t->real_blocked = 0;
		sig = signal_dequeue(t, ~set, &info);
	}
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	if (!sig)
		return task_signal_pending(t) ? -EINTR : -EAGAIN;
	if (uinfo && copy_to_user((void __user *)uinfo, &info, sizeof(info)))
		return -EFAULT;
	return sig;
}
