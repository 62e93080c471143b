/*
 * Ending tasks and waiting for them.
 *
 * do_exit() releases what the task owns, then tells the process tree:
 * a thread simply disappears; when the last task of a process goes, the
 * process becomes a zombie that its parent reaps with wait4()/waitid(),
 * and its children are handed to init.  Exit statuses use the wait(2)
 * encoding: (code << 8) for exit(), the signal number (| 0x80 for a core
 * dump) for a fatal signal.
 */
#include <errno.h>
#include <file.h>
#include <kmalloc.h>
#include <cred.h>
#include <time.h>
#include <uapi/resource.h>
#include <panic.h>
#include <proc.h>
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <vm.h>
#include <tty.h>
#include <wait.h>


DEFINE_SPINLOCK(tasklist_lock);
struct task *init_task;

void proc_init_leader(struct task *t, struct task *parent)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);

	t->parent = parent;
	t->ppid = parent ? parent->tgid : 0;
	t->pgid = t->sid = 0;	/* as on Linux: tasks the kernel starts are in session 0 */
	t->live_threads = 1;
	list_add_tail(&t->thread_node, &t->threads);
	pid_attach(t);
	if (!init_task && t->tid == 1)
		init_task = t;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static void release_resources(struct task *t)
{
	struct mm *mm = t->mm;
	struct files *files = t->files;
	struct fs_context *fs = t->fs;

	if (mm)
		futex_exit(t);		/* clear_child_tid and robust futexes */
	task_lock(t);			/* /proc readers take references under it */
	t->mm = NULL;
	t->files = NULL;
	t->fs = NULL;
	/*
	 * Stop using its page tables before they go.  Still under the lock,
	 * so no preemption comes between: a switch to a kernel thread and
	 * back would see no mm on either side and keep the old root loaded.
	 */
	if (mm)
		mm_activate(NULL);
	task_unlock(t);
	if (mm)
		mm_put(mm);
	if (files)
		files_put(files);
	if (fs)
		fs_context_put(fs);
}

/*
 * Who adopts t's children (tasklist_lock held): the nearest ancestor that
 * made itself a child subreaper (prctl(PR_SET_CHILD_SUBREAPER)) and is not
 * exiting, else init, as Linux's find_new_reaper().
 */
static struct task *new_reaper(struct task *t)
{
	for (struct task *p = t->parent; p && p != init_task; p = p->parent)
		if (p->child_subreaper && !p->exit_state && !p->group_exiting)
			return p;
	return init_task;
}

static int process_status(struct task *leader);

/* Give t's children to their new reaper (tasklist_lock held). */
static void reparent_children(struct task *t)
{
	struct task *c, *tmp, *reaper = new_reaper(t);
	bool zombie = false;

	list_for_each_entry_safe(c, tmp, &t->children, sibling) {
		list_del(&c->sibling);
		c->parent = reaper;
		WRITE_ONCE(c->ppid, reaper->tgid);
		list_add_tail(&c->sibling, &reaper->children);
		if (c->exit_state == EXIT_ZOMBIE && reaper != init_task) {
			/* Linux tells the new parent about a zombie it adopts. */
			int status = process_status(c);
			int code = !(status & 0x7f) ? CLD_EXITED :
				   (status & 0x80) ? CLD_DUMPED : CLD_KILLED;

			signal_notify_parent(c, code, code == CLD_EXITED ? status >> 8 : status & 0x7f);
		}
		zombie |= c->exit_state == EXIT_ZOMBIE;
	}
	if (zombie)
		wake_up(&reaper->child_wait);
}

static int process_status(struct task *leader)
{
	return leader->group_exiting ? leader->group_exit_status : leader->exit_status;
}

/* Does the parent ask not to keep zombies (SIGCHLD ignored, or SA_NOCLDWAIT)? */
static bool parent_autoreaps(struct task *parent)
{
	const struct k_sigaction_abi *ka = &parent->sighand->action[SIGCHLD - 1];

	return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

/* The whole process is gone: zombie for the parent, or gone at once. */
static void process_exited(struct task *leader)
{
	int status = process_status(leader);
	int code = !(status & 0x7f) ? CLD_EXITED : (status & 0x80) ? CLD_DUMPED : CLD_KILLED;

	itimer_exit_process(leader);
	reparent_children(leader);
	if (!leader->parent) {
		leader->exit_state = EXIT_DEAD;
		pid_detach(leader);
		return;
	}
	leader->exit_state = EXIT_ZOMBIE;
	signal_notify_parent(leader, code, code == CLD_EXITED ? status >> 8 : status & 0x7f);
	if (leader->exit_signal == SIGCHLD && parent_autoreaps(leader->parent)) {
		list_del(&leader->sibling);
		pid_detach(leader);
		leader->exit_state = EXIT_DEAD;
		task_put(leader);	/* the parent's reference: no zombie is kept */
	}
}

/*
 * exec in a multithreaded process: every other thread (the leader too,
 * when another thread execs) is killed, and the caller waits until it is
 * the only one left.  The process keeps its pid: the leader's task stays
 * the group's head even after its own thread has gone.
 */
int exec_kill_other_threads(void)
{
	struct task *me = current_task(), *leader = me->group_leader, *t;
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);

	/*
	 * Another thread's exec got here first (it has marked us, or is
	 * about to): give way, as Linux's de_thread() does with -EAGAIN,
	 * and die on the way out.  Two threads each waiting for the other
	 * to go would wait for ever, unkillably.
	 */
	if (leader->exec_waiter || READ_ONCE(me->exec_killed)) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -EAGAIN;
	}
	if (leader->live_threads == 1) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return 0;
	}
	leader->exec_waiter = me;
	list_for_each_entry(t, &leader->threads, thread_node) {
		if (t == me)
			continue;
		WRITE_ONCE(t->exec_killed, true);	/* noticed on its way to user mode */
		wake_up_process(t);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(leader->live_threads) == 1)
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	leader->exec_waiter = NULL;
	if (me != leader) {
		/* As on Linux, the survivor takes the process's pid as its tid. */
		flags = spin_lock_irqsave(&tasklist_lock);
		pid_detach(leader);
		pid_detach(me);
		me->tid = leader->tid;
		pid_attach(me);
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	return 0;
}

void exec_release_vfork_parent(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);

	if (t->vfork_parent) {
		t->vfork_done = true;
		wake_up(&t->vfork_parent->child_wait);
		t->vfork_parent = NULL;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * Take t off its group's thread list (tasklist_lock held).  Signal code
 * walks that list holding only sighand->lock (do_group_exit, send_signal),
 * so writers hold both locks.  Without sighand->lock here, a thread woken
 * by exit_group on one CPU unlinked itself on the other while the
 * exit_group caller was still walking the list: list_del points the node
 * at itself, and the walker spun on it forever with the lock held.
 */
static void unlink_thread(struct task *t)
{
	spin_lock(&t->sighand->lock);
	list_del(&t->thread_node);
	spin_unlock(&t->sighand->lock);
}

void task_usage_add(struct task_usage *u, const struct task *t)
{
	u->utime_ns += READ_ONCE(t->utime_ns);
	u->stime_ns += READ_ONCE(t->stime_ns);
	u->min_flt += READ_ONCE(t->min_flt);
	u->maj_flt += READ_ONCE(t->maj_flt);
	u->nvcsw += READ_ONCE(t->nvcsw);
	u->nivcsw += READ_ONCE(t->nivcsw);
}

void task_usage_sum(struct task_usage *u, const struct task_usage *v)
{
	u->utime_ns += v->utime_ns;
	u->stime_ns += v->stime_ns;
	u->min_flt += v->min_flt;
	u->maj_flt += v->maj_flt;
	u->nvcsw += v->nvcsw;
	u->nivcsw += v->nivcsw;
}

void task_usage_to_rusage(const struct task_usage *u, struct rusage_abi *ru)
{
	memset(ru, 0, sizeof(*ru));
	ru->utime.tv_sec = (s64)(u->utime_ns / NSEC_PER_SEC);
	ru->utime.tv_usec = (s64)(u->utime_ns % NSEC_PER_SEC) / 1000;
	ru->stime.tv_sec = (s64)(u->stime_ns / NSEC_PER_SEC);
	ru->stime.tv_usec = (s64)(u->stime_ns % NSEC_PER_SEC) / 1000;
	ru->minflt = (long)u->min_flt;
	ru->majflt = (long)u->maj_flt;
	ru->nvcsw = (long)u->nvcsw;
	ru->nivcsw = (long)u->nivcsw;
}

void group_usage(struct task *leader, struct task_usage *u)
{
	struct task *t;
	bool leader_listed = false;

	*u = leader->dead;
	list_for_each_entry(t, &leader->threads, thread_node) {
		task_usage_add(u, t);
		leader_listed |= t == leader;
	}
	/* Its thread ended first: off the list, and never added to 'dead'. */
	if (!leader_listed)
		task_usage_add(u, leader);
}

static void exit_notify(struct task *t, int status)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task *leader = t->group_leader;

	t->exit_status = status;
	if (t->vfork_parent) {
		t->vfork_done = true;
		wake_up(&t->vfork_parent->child_wait);
		t->vfork_parent = NULL;
	}
	if (t != leader)
		task_usage_add(&leader->dead, t);
	if (t == leader && leader->live_threads > 1) {
		/* The leader's thread goes first: its task stays as the group's head. */
		unlink_thread(t);
	}
	if (t != leader) {			/* a thread: reaped at once */
		unlink_thread(t);
		pid_detach(t);
		t->exit_state = EXIT_DEAD;
	}
	if (--leader->live_threads == 0)
		process_exited(leader);
	else if (leader->live_threads == 1 && leader->exec_waiter)
		wake_up_process(leader->exec_waiter);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

void do_exit(int status)
{
	struct task *t = current_task();

	if (t == init_task)
		panic("Attempted to kill init! exitcode=0x%08x", status);
	if (t == t->group_leader && t->sid == t->tgid)
		tty_session_exit(t);
	release_resources(t);
	exit_notify(t, status);
	task_exit_current();
}

SYSCALL_DEFINE1(exit, int, code)
{
	do_exit((code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, code)
{
	do_group_exit((code & 0xff) << 8);
}

/* --- wait ---------------------------------------------------------------- */

struct wait_query {
	int which;		/* P_ALL, P_PID, P_PGID */
	int id;
	int options;
};

#define P_ALL	0
#define P_PID	1
#define P_PGID	2

static bool child_matches(const struct wait_query *q, struct task *c)
{
	bool is_clone = c->exit_signal != SIGCHLD;

	if (!(q->options & __WALL) && is_clone != !!(q->options & __WCLONE))
		return false;
	switch (q->which) {
	case P_PID:
		return c->tgid == q->id;
	case P_PGID:
		return c->pgid == q->id;
	default:
		return true;
	}
}

/* A stopped or continued child not yet reported, as wait(2) status; 0 if none. */
static int stop_event(struct task *c, const struct wait_query *q)
{
	if ((q->options & WUNTRACED) && c->group_stop_sig && !c->stop_reported) {
		if (!(q->options & WNOWAIT))
			c->stop_reported = true;
		return (c->group_stop_sig << 8) | 0x7f;
	}
	if ((q->options & WCONTINUED) && READ_ONCE(c->cont_waitable)) {
		if (!(q->options & WNOWAIT))
			WRITE_ONCE(c->cont_waitable, false);
		return 0xffff;
	}
	return 0;
}

/* What a wait reports about the child: its wait(2) status, real uid and usage. */
struct wait_result {
	int status;
	unsigned int uid;
	struct task_usage usage;	/* Linux's RUSAGE_BOTH: its own and its reaped children's */
};

/* Fill r for child c, whose event has status (tasklist_lock held). */
static void report_child(struct task *c, int status, struct wait_result *r)
{
	const struct cred *cred = task_cred_get(c);

	r->status = status;
	r->uid = cred ? cred->uid : 0;
	if (cred)
		cred_put(cred);
	group_usage(c, &r->usage);
	task_usage_sum(&r->usage, &c->reaped);
}

/*
 * One pass over the caller's children (tasklist_lock held): a reapable
 * zombie (unlinked unless WNOWAIT, *reaped set) or a child with a stop or
 * continue event is returned with *r filled; *any says whether some child
 * matched at all.
 */
static struct task *find_event(struct task *me, const struct wait_query *q, bool *any,
			       struct wait_result *r, bool *reaped)
{
	int status;

	struct task *c;

	*any = false;
	list_for_each_entry(c, &me->children, sibling) {
		if (!child_matches(q, c))
			continue;
		*any = true;
		if (c->exit_state == EXIT_ZOMBIE && !(q->options & WEXITED))
			continue;
		if (c->exit_state != EXIT_ZOMBIE) {
			status = stop_event(c, q);
			if (status) {
				report_child(c, status, r);
				return c;
			}
			continue;
		}
		report_child(c, process_status(c), r);
		*reaped = !(q->options & WNOWAIT);
		if (*reaped) {
			task_usage_sum(&me->reaped, &r->usage);
			list_del(&c->sibling);
			pid_detach(c);
			c->exit_state = EXIT_DEAD;
		}
		return c;
	}
	return NULL;
}

/* Wait per q; on success returns the child's pid, with what to report in *r. */
static long do_wait(const struct wait_query *q, struct wait_result *r)
{
	struct task *me = current_task()->group_leader, *z;
	struct wait_entry e = { .task = current_task() };
	unsigned long flags;
	bool any, reaped = false;
	long ret = 0;

	list_init(&e.node);
	for (;;) {
		prepare_to_wait(&me->child_wait, &e, TASK_INTERRUPTIBLE);
		flags = spin_lock_irqsave(&tasklist_lock);
		z = find_event(me, q, &any, r, &reaped);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (z || !any || (q->options & WNOHANG))
			break;
		if (task_signal_pending(current_task())) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&me->child_wait, &e);
	if (ret)
		return ret;
	if (!z)
		return any ? 0 : -ECHILD;
	ret = z->tgid;
	if (reaped)
		task_put(z);		/* the parent's reference */
	return ret;
}

/* The child's struct rusage for wait4/waitid, if asked for: 0 or -EFAULT. */
static long copy_rusage(const struct wait_result *r, void __user *urusage)
{
	struct rusage_abi ru;

	if (!urusage)
		return 0;
	task_usage_to_rusage(&r->usage, &ru);
	return copy_to_user(urusage, &ru, sizeof(ru));
}

SYSCALL_DEFINE4(wait4, int, pid, int *, ustatus, int, options, void *, rusage)
{
	struct wait_query q = { .options = options | WEXITED };
	struct wait_result r = { 0 };
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (pid == -1) {
		q.which = P_ALL;
	} else if (pid > 0) {
		q.which = P_PID;
		q.id = pid;
	} else {
		q.which = P_PGID;
		q.id = pid == 0 ? current_task()->group_leader->pgid : -pid;
	}
	ret = do_wait(&q, &r);
	if (ret > 0 && ustatus && put_user(r.status, (int __user *)ustatus))
		return -EFAULT;
	if (ret > 0 && copy_rusage(&r, rusage))
		return -EFAULT;
	return ret;
}

/* waitid writes si_signo, si_errno, si_code, then si_pid, si_uid, si_status. */
#define WAITID_HEAD_SIZE	(3 * sizeof(int))
#define WAITID_CHLD_SIZE	(3 * sizeof(int))

/* The siginfo waitid(2) reports for a wait(2)-style status. */
static void status_to_siginfo(int pid, const struct wait_result *r, struct siginfo_abi *si)
{
	int status = r->status;

	memset(si, 0, sizeof(*si));
	si->si_signo = SIGCHLD;
	si->u.chld.pid = pid;
	si->u.chld.uid = r->uid;
	if ((status & 0xff) == 0x7f) {
		si->si_code = CLD_STOPPED;
		si->u.chld.status = (status >> 8) & 0xff;
	} else if (status == 0xffff) {
		si->si_code = CLD_CONTINUED;
		si->u.chld.status = SIGCONT;
	} else if (status & 0x7f) {
		si->si_code = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		si->u.chld.status = status & 0x7f;
	} else {
		si->si_code = CLD_EXITED;
		si->u.chld.status = (status >> 8) & 0xff;
	}
}

SYSCALL_DEFINE5(waitid, int, idtype, int, id, struct siginfo_abi *, uinfo, int, options,
		void *, rusage)
{
	struct wait_query q = { .which = idtype, .id = id, .options = options | __WALL };
	struct siginfo_abi si;
	struct wait_result r = { 0 };
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if (idtype == P_PGID && id == 0)
		q.id = current_task()->group_leader->pgid;
	else if (idtype != P_ALL && idtype != P_PID && idtype != P_PGID)
		return -EINVAL;
	if (idtype != P_ALL && id < 0)
		return -EINVAL;
	if (!(options & (__WCLONE | __WALL)))
		q.options &= ~__WALL;
	ret = do_wait(&q, &r);
	if (ret < 0)
		return ret;
	if (ret == 0)
		memset(&si, 0, sizeof(si));	/* WNOHANG and nothing to report */
	else
		status_to_siginfo((int)ret, &r, &si);
	if (ret > 0 && copy_rusage(&r, rusage))
		return -EFAULT;
	/* As Linux: those six fields only; padding and the rest stay as they were. */
	if (uinfo && (copy_to_user((void __user *)uinfo, &si, WAITID_HEAD_SIZE) ||
		      copy_to_user(&((struct siginfo_abi __user *)uinfo)->u.chld, &si.u.chld,
				   WAITID_CHLD_SIZE)))
		return -EFAULT;
	return 0;
}
