/*
 * Signal generation and delivery (see include/signal.h for the model).
 */
#include <cred.h>
#include <errno.h>
#include <kmalloc.h>
#include <printk.h>
#include <proc.h>
#include <signal.h>
#include <string.h>
#include <wait.h>
#include <arch/cpu.h>


DEFINE_WAIT_QUEUE(signalfd_wait);

static bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

/* --- per-task state --------------------------------------------------------- */

static struct sighand *sighand_alloc(void)
{
	struct sighand *sh = kzalloc(sizeof(*sh));

	if (sh) {
		sh->refcount = 1;
		sh->lock = (struct spinlock)SPINLOCK_INIT("sighand");
	}
	return sh;
}

static void sigpending_init(struct sigpending *p)
{
	p->set = 0;
	list_init(&p->queue);
}

static void sigpending_flush(struct sigpending *p, u64 mask)
{
	struct sigqueue *q, *tmp;

	list_for_each_entry_safe(q, tmp, &p->queue, node) {
		if (mask & SIGMASK(q->info.si_signo)) {
			list_del(&q->node);
			kfree(q);
		}
	}
	p->set &= ~mask;
}

int signal_init_task(struct task *t)
{
	t->sighand = sighand_alloc();
	sigpending_init(&t->pending);
	sigpending_init(&t->shared_pending);
	return t->sighand ? 0 : -ENOMEM;
}

int signal_clone(struct task *child, struct task *parent, bool share)
{
	sigpending_init(&child->pending);
	sigpending_init(&child->shared_pending);
	child->blocked = parent->blocked;
	child->altstack = parent->altstack;
	if (share) {
		__atomic_add_fetch(&parent->sighand->refcount, 1, __ATOMIC_RELAXED);
		child->sighand = parent->sighand;
		return 0;
	}
	child->sighand = sighand_alloc();
	if (!child->sighand)
		return -ENOMEM;
	memcpy(child->sighand->action, parent->sighand->action, sizeof(child->sighand->action));
	return 0;
}

/*
 * Called when the task struct is freed: a dead task may still be sent
 * signals (kill() found it before it exited), so its handler table and
 * queues live as long as the struct does.
 */
void signal_release_task(struct task *t)
{
	struct sighand *sh = t->sighand;
	unsigned long flags;

	if (!sh)
		return;
	flags = spin_lock_irqsave(&sh->lock);
	sigpending_flush(&t->pending, ~0ull);
	sigpending_flush(&t->shared_pending, ~0ull);
	spin_unlock_irqrestore(&sh->lock, flags);
	t->sighand = NULL;
	if (__atomic_sub_fetch(&sh->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(sh);
}

void signal_flush_handlers(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&t->sighand->lock);

	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction_abi *ka = &t->sighand->action[i];

		if (ka->handler != SIG_IGN)
			memset(ka, 0, sizeof(*ka));
		ka->flags = 0;
		ka->restorer = NULL;
		ka->mask = 0;
	}
	spin_unlock_irqrestore(&t->sighand->lock, flags);
}

void signal_exec_reset(struct task *t)
{
	signal_flush_handlers(t);
	t->altstack.sp = 0;
	t->altstack.size = 0;
	t->altstack.flags = SS_DISABLE;
}

bool signal_now_ignored(int sig, const struct k_sigaction_abi *ka)
{
	return ka->handler == SIG_IGN || (ka->handler == SIG_DFL && (SIGMASK(sig) & IGNORE_SIGS));
}

/* POSIX: setting an ignoring action discards the pending instances (sighand->lock held). */
void signal_discard_pending(struct task *t, int sig)
{
	struct task *leader = t->group_leader, *th;

	list_for_each_entry(th, &leader->threads, thread_node)
		sigpending_flush(&th->pending, SIGMASK(sig));
	sigpending_flush(&leader->shared_pending, SIGMASK(sig));
}

/* --- sending ---------------------------------------------------------------- */

static bool sig_ignored(struct task *t, int sig)
{
	void *h = t->sighand->action[sig - 1].handler;

	if ((t->blocked | t->real_blocked) & SIGMASK(sig))
		return false;		/* may be unblocked and handled later */
	return h == SIG_IGN || (h == SIG_DFL && (SIGMASK(sig) & IGNORE_SIGS));
}

/*
 * Wake t if it sleeps where a signal should reach it.  A task running in
 * user mode on another CPU notices at its next entry to the kernel, at the
 * latest its next timer tick.
 */
static void signal_wake_up(struct task *t, bool fatal)
{
	int state;

	/*
	 * A full barrier between our store of the pending bit and this load
	 * of t->state.  The sleeper does the mirror image: it stores its
	 * state (set_current_state, a full barrier) and then loads the pending
	 * set (wait_signal_interruptible, sleep_until).  x86 lets a load pass
	 * an earlier store still sitting in the store buffer; without the
	 * fence we could read the old TASK_RUNNING while the sleeper on the
	 * other CPU read the old, empty pending set: nobody wakes it, and a
	 * sigsuspend() or pause() sleeps for ever with the signal pending.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	state = __atomic_load_n(&t->state, __ATOMIC_ACQUIRE);

	if (state == TASK_INTERRUPTIBLE || (fatal && state == TASK_STOPPED))
		wake_up_process(t);
}

static struct task *pick_thread(struct task *leader, int sig)
{
	struct task *t;

	list_for_each_entry(t, &leader->threads, thread_node) {
		if (!(t->blocked & SIGMASK(sig)) || sig == SIGKILL)
			return t;
	}
	return NULL;
}

/* SIGCONT resumes a stopped process; a stop signal cancels a pending SIGCONT. */
static void prepare_signal(struct task *leader, int sig)
{
	struct task *t;

	if (sig == SIGCONT || sig == SIGKILL) {
		list_for_each_entry(t, &leader->threads, thread_node)
			sigpending_flush(&t->pending, STOP_SIGS);
		sigpending_flush(&leader->shared_pending, STOP_SIGS);
		if (leader->group_stop_sig) {
			leader->group_stop_sig = 0;
			if (sig == SIGCONT) {
				leader->cont_pending = true;	/* SIGCHLD, sent by the child */
				WRITE_ONCE(leader->cont_waitable, true);	/* wait(WCONTINUED) */
			}
			list_for_each_entry(t, &leader->threads, thread_node)
				wake_up_process(t);
		}
	} else if (SIGMASK(sig) & STOP_SIGS) {
		list_for_each_entry(t, &leader->threads, thread_node)
			sigpending_flush(&t->pending, SIGMASK(SIGCONT));
		sigpending_flush(&leader->shared_pending, SIGMASK(SIGCONT));
	}
}

static void queue_info(struct sigpending *p, int sig, const struct siginfo_abi *info)
{
	struct sigqueue *q;

	if (sig < SIGRTMIN && (p->set & SIGMASK(sig)))
		return;			/* standard signals do not queue up */
	p->set |= SIGMASK(sig);
	q = kzalloc(sizeof(*q));
	if (!q)
		return;			/* the bit still delivers it, with SI_KERNEL info */
	if (info)
		q->info = *info;
	else
		q->info.si_code = SI_KERNEL;
	q->info.si_signo = sig;
	list_add_tail(&q->node, &p->queue);
}

int send_signal(struct task *t, int sig, const struct siginfo_abi *info, bool group)
{
	struct task *leader = t->group_leader, *target;
	struct sighand *sh = t->sighand;
	unsigned long flags;

	if (!valid_signal(sig))
		return -EINVAL;
	if (!sh)
		return 0;		/* exiting: nothing left to signal */
	flags = spin_lock_irqsave(&sh->lock);
	prepare_signal(leader, sig);
	if (sig_ignored(t, sig) && sig != SIGKILL) {
		spin_unlock_irqrestore(&sh->lock, flags);
		return 0;
	}
	queue_info(group ? &leader->shared_pending : &t->pending, sig, info);
	target = group ? pick_thread(leader, sig) : t;
	if (target)
		signal_wake_up(target, sig == SIGKILL);
	if (sig == SIGKILL && group) {
		list_for_each_entry(target, &leader->threads, thread_node)
			signal_wake_up(target, true);
	}
	spin_unlock_irqrestore(&sh->lock, flags);
	wake_up(&signalfd_wait);	/* after sh->lock: epoll callbacks nest below */
	return 0;
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task *t = current_task();
	struct siginfo_abi info = { .si_signo = sig, .si_code = code };
	struct k_sigaction_abi *ka = &t->sighand->action[sig - 1];
	unsigned long flags = spin_lock_irqsave(&t->sighand->lock);

	info.u.fault.addr = (void *)addr;
	/* A blocked or ignored fault signal cannot be survived: reset to default. */
	if ((t->blocked & SIGMASK(sig)) || ka->handler == SIG_IGN) {
		t->blocked &= ~SIGMASK(sig);
		ka->handler = SIG_DFL;
	}
	spin_unlock_irqrestore(&t->sighand->lock, flags);
	if (ka->handler == SIG_DFL)
		printk(KERN_INFO "%s[%d]: fatal signal %d (code %d, address 0x%lx)\n", t->comm,
		       t->tid, sig, code, addr);
	send_signal(t, sig, &info, false);
}

void signal_pipe_broken(void)
{
	struct siginfo_abi info = { .si_signo = SIGPIPE, .si_code = SI_USER };

	info.u.kill.pid = current_task()->tgid;
	send_signal(current_task(), SIGPIPE, &info, false);
}

void signal_notify_parent(struct task *child, int code, int status)
{
	struct task *parent = child->parent;
	struct siginfo_abi info = { .si_signo = SIGCHLD, .si_code = code };
	int sig = code == CLD_EXITED || code == CLD_KILLED || code == CLD_DUMPED ?
		  child->exit_signal : SIGCHLD;
	const struct cred *c;

	if (!parent)
		return;
	info.u.chld.pid = child->tgid;
	info.u.chld.status = status;
	c = task_cred_get(child);	/* its real uid, as Linux reports it */
	info.u.chld.uid = c->uid;
	cred_put(c);
	if (sig && !(code == CLD_STOPPED &&
		     (parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP)))
		send_signal(parent, sig, &info, true);
	wake_up(&parent->child_wait);
}
