/*
 * Signal delivery on the way back to user mode: group exit and group
 * stop first, then one pending signal at a time: ignored, a default
 * action, or a handler frame (after which we return to user mode so the
 * handler runs).  An interrupted system call is restarted or fails with
 * -EINTR here, per the handler's SA_RESTART.
 */
#include <errno.h>
#include <printk.h>
#include <proc.h>
#include <signal.h>
#include <string.h>
#include <kmalloc.h>
#include <rseq.h>


/* Take the lowest deliverable signal off p (sighand->lock held); 0 if none. */
static int dequeue_from(struct sigpending *p, u64 blocked, struct siginfo_abi *info)
{
	u64 ready = p->set & ~blocked;
	struct sigqueue *q;
	int sig;
	bool more = false;

	if (!ready)
		return 0;
	sig = (ready & SIGMASK(SIGKILL)) ? SIGKILL : __builtin_ctzll(ready) + 1;
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = SI_KERNEL;
	list_for_each_entry(q, &p->queue, node) {
		if (q->info.si_signo != sig)
			continue;
		if (info->si_code == SI_KERNEL && q->info.si_signo == sig && !more) {
			*info = q->info;
			list_del(&q->node);
			kfree(q);
			more = true;
			break;
		}
	}
	/* Real-time signals may have more instances queued. */
	p->set &= ~SIGMASK(sig);
	list_for_each_entry(q, &p->queue, node) {
		if (q->info.si_signo == sig)
			p->set |= SIGMASK(sig);
	}
	return sig;
}

/* Take a pending signal not in 'blocked', the thread's own first (sighand->lock held). */
int signal_dequeue(struct task *t, u64 blocked, struct siginfo_abi *info)
{
	int sig = dequeue_from(&t->pending, blocked, info);

	return sig ? sig : dequeue_from(&t->group_leader->shared_pending, blocked, info);
}

static int dequeue_signal(struct task *t, struct siginfo_abi *info)
{
	return signal_dequeue(t, t->blocked, info);
}

void do_group_exit(int status)
{
	struct task *me = current_task(), *leader = me->group_leader, *t;
	unsigned long flags = spin_lock_irqsave(&me->sighand->lock);

	if (leader->group_exiting) {
		status = leader->group_exit_status;
	} else {
		leader->group_exiting = true;
		leader->group_exit_status = status;
	}
	list_for_each_entry(t, &leader->threads, thread_node) {
		if (t == me)
			continue;
		t->pending.set |= SIGMASK(SIGKILL);
		/* Store, then load t->state: the fence of signal_wake_up() (signal.c). */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (READ_ONCE(t->state) == TASK_INTERRUPTIBLE ||
		    READ_ONCE(t->state) == TASK_STOPPED)
			wake_up_process(t);
	}
	spin_unlock_irqrestore(&me->sighand->lock, flags);
	do_exit(status);
}

/* Sleep while the process is stopped; report stop and continue to the parent. */
static void do_group_stop(struct task *me, int sig)
{
	struct task *leader = me->group_leader, *t;
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);

	if (sig) {
		leader->group_stop_sig = sig;
		leader->stop_reported = false;
		leader->cont_waitable = false;
		signal_notify_parent(leader, CLD_STOPPED, sig);
		list_for_each_entry(t, &leader->threads, thread_node)
			if (t != me)
				wake_up_process(t);	/* they stop in their own do_signal */
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	for (;;) {
		set_current_state(TASK_STOPPED);
		if (!READ_ONCE(leader->group_stop_sig) || (me->pending.set & SIGMASK(SIGKILL)))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	flags = spin_lock_irqsave(&tasklist_lock);
	if (leader->cont_pending) {
		leader->cont_pending = false;
		signal_notify_parent(leader, CLD_CONTINUED, SIGCONT);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* What an interrupted system call returns when a handler runs. */
static void fix_interrupted_syscall(struct trap_frame *f, long ret, const struct k_sigaction_abi *ka)
{
	switch (ret) {
	case -ERESTARTSYS:
		if (ka->flags & SA_RESTART) {
			arch_restart_syscall(f);
			break;
		}
		/* fall through */
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		arch_set_return(f, -EINTR);
		break;
	case -ERESTARTNOINTR:
		arch_restart_syscall(f);
		break;
	}
}

/* Linux reports WCOREDUMP only for a dump that was written (coredump.c). */
static bool core_dump(int sig)
{
	return do_coredump(sig);
}

static bool current_pgrp_orphaned(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	bool orphaned = pgrp_is_orphaned(t->group_leader->pgid);

	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

/* Default action for sig; returns only when the process goes on. */
static void default_action(struct task *t, int sig)
{
	if (SIGMASK(sig) & IGNORE_SIGS)
		return;
	if (SIGMASK(sig) & STOP_SIGS) {
		if (sig != SIGSTOP && current_pgrp_orphaned(t))
			return;		/* POSIX: discarded in an orphaned group */
		do_group_stop(t, sig);
		return;
	}
	if (t->group_leader == init_task && sig != SIGKILL)
		return;		/* init only dies of what it asked for */
	do_group_exit(sig | (SIGMASK(sig) & CORE_SIGS && core_dump(sig) ? CORE_DUMP_FLAG : 0));
}

/*
 * No room for sig's handler frame (a bad stack pointer): SIGSEGV instead,
 * as Linux's force_sigsegv(): an installed SIGSEGV handler may still run
 * (on an alternate stack), unless it was SIGSEGV's own frame that failed.
 */
static void frame_failed(struct task *t, int sig)
{
	printk(KERN_INFO "%s[%d]: cannot write a frame for signal %d: SIGSEGV\n",
	       t->comm, t->tid, sig);
	force_sigsegv(sig);
}

void force_sigsegv(int sig)
{
	struct task *t = current_task();
	unsigned long flags;

	if (sig == SIGSEGV) {
		flags = spin_lock_irqsave(&t->sighand->lock);
		t->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
		spin_unlock_irqrestore(&t->sighand->lock, flags);
	}
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
}

static bool deliver_one(struct task *t, struct trap_frame *f, bool in_syscall, long ret)
{
	struct siginfo_abi info;
	struct k_sigaction_abi ka;
	unsigned long flags = spin_lock_irqsave(&t->sighand->lock);
	int sig = dequeue_signal(t, &info);
	u64 old_mask;

	if (!sig) {
		spin_unlock_irqrestore(&t->sighand->lock, flags);
		return false;
	}
	ka = t->sighand->action[sig - 1];
	if (ka.handler == SIG_IGN || ka.handler == SIG_DFL || sig == SIGKILL) {
		spin_unlock_irqrestore(&t->sighand->lock, flags);
		if (ka.handler == SIG_DFL || sig == SIGKILL)
			default_action(t, sig);
		return true;
	}
	old_mask = t->restore_blocked ? t->saved_blocked : t->blocked;
	if (ka.flags & SA_RESETHAND)
		t->sighand->action[sig - 1].handler = SIG_DFL;	/* flags stay, as on Linux */
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	if (in_syscall)
		fix_interrupted_syscall(f, ret, &ka);
	rseq_signal_deliver(f, sig);	/* the frame saves abort_ip, not the section */
	if (arch_signal_frame(f, sig, &ka, &info, old_mask)) {
		frame_failed(t, sig);
		return true;	/* deliver the SIGSEGV now */
	}
	/* Delivered: the handler's mask now, the ppoll/sigsuspend one is in the frame. */
	flags = spin_lock_irqsave(&t->sighand->lock);
	t->restore_blocked = false;
	t->blocked |= ka.mask | ((ka.flags & SA_NODEFER) ? 0 : SIGMASK(sig));
	t->blocked &= ~UNBLOCKABLE;
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	return false;		/* a handler runs next: back to user mode now */
}

static bool is_restart_code(long ret)
{
	return ret == -ERESTARTSYS || ret == -ERESTARTNOHAND || ret == -ERESTARTNOINTR ||
	       ret == -ERESTART_RESTARTBLOCK;
}

void do_signal(struct trap_frame *f)
{
	struct task *t = current_task();
	long ret = 0;
	bool in_syscall = arch_frame_syscall(f, &ret) && is_restart_code(ret);

	for (;;) {
		long now = 0;

		/* A handler whose frame failed may already have fixed the return. */
		if (in_syscall && !(arch_frame_syscall(f, &now) && now == ret))
			in_syscall = false;
		if (READ_ONCE(t->exec_killed))
			do_exit(SIGKILL);
		if (READ_ONCE(t->group_leader->group_exiting))
			do_exit(t->group_leader->group_exit_status);
		if (READ_ONCE(t->group_leader->group_stop_sig)) {
			do_group_stop(t, 0);
			continue;
		}
		if (!deliver_one(t, f, in_syscall, ret))
			break;
	}
	if (in_syscall && is_restart_code((long)ret) && arch_frame_syscall(f, &ret) &&
	    is_restart_code(ret)) {
		/* No handler ran: restart transparently. */
		if (ret == -ERESTART_RESTARTBLOCK)
			arch_restart_block(f);
		else
			arch_restart_syscall(f);
	}
	if (t->restore_blocked) {
		t->blocked = t->saved_blocked;
		t->restore_blocked = false;
	}
}
