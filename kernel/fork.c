/*
 * clone(2), fork(2), vfork(2) and clone3(2): a new task that shares or
 * copies the caller's resources as the flags say.
 *
 *   CLONE_VM      share the address space     (else copy-on-write copy)
 *   CLONE_FILES   share the descriptor table  (else a copy)
 *   CLONE_FS      share root/cwd/umask        (else a copy)
 *   CLONE_THREAD  join the caller's thread group (needs SIGHAND, which needs VM)
 *   CLONE_PARENT  the child's parent is the caller's parent
 *   CLONE_VFORK   the caller sleeps until the child execs or exits
 *
 * The child returns to user mode with the caller's registers, except
 * %rax = 0 and, when given, a new stack pointer and TLS base.
 *
 * clone3 takes the same request as a struct clone_args (include/uapi/
 * sched.h), validated by Linux's rules, plus set_tid (choose the child's
 * pid; root only) and CLONE_CLEAR_SIGHAND.  Not supported, and refused
 * with -EINVAL rather than ignored: CLONE_PIDFD (no pidfds yet); with
 * no cgroups, CLONE_INTO_CGROUP gets Linux's answer for a descriptor
 * that is not a cgroup, -EBADF.
 */
#include <errno.h>
#include <file.h>
#include <cred.h>
#include <proc.h>
#include <rseq.h>
#include <string.h>
#include <uapi/resource.h>
#include <uapi/sched.h>
#include <signal.h>
#include <syscall.h>
#include <uaccess.h>
#include <vm.h>
#include <arch/exec.h>
#include <arch/fork.h>

/* First code of a cloned task, on its own stack. */
static void fork_child_start(void *arg)
{
	struct task *t = current_task();

	(void)arg;
	if (t->set_child_tid) {
		int tid = t->tid;

		put_user(tid, (int __user *)t->set_child_tid);
	}
	/* As Linux's ret_from_fork: signals and rseq before the first user instruction. */
	exit_to_user_mode(arch_user_frame(t));
	arch_enter_user(arch_user_frame(t));
}

static int check_flags(unsigned long flags)
{
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_NEWNS) && (flags & CLONE_FS))
		return -EINVAL;
	if (flags & CLONE_NEWNS)
		return -EPERM;		/* namespaces are not supported */
	if (flags & CLONE_PIDFD)
		return -EINVAL;		/* pidfds are not supported */
	return 0;
}

static int copy_resources(struct task *child, struct task *parent, unsigned long flags)
{
	if (flags & CLONE_VM) {
		mm_get(parent->mm);
		child->mm = parent->mm;
	} else {
		child->mm = mm_fork(parent->mm);
		if (!child->mm)
			return -ENOMEM;
	}
	if (parent->files) {
		child->files = flags & CLONE_FILES ? files_get(parent->files)
						   : files_dup(parent->files);
		if (!child->files)
			return -ENOMEM;
	}
	if (parent->fs) {
		child->fs = flags & CLONE_FS ? fs_context_get(parent->fs)
					     : fs_context_dup(parent->fs);
		if (!child->fs)
			return -ENOMEM;
	}
	return 0;
}

static void release_resources(struct task *t)
{
	if (t->fs)
		fs_context_put(t->fs);
	if (t->files)
		files_put(t->files);
	if (t->mm)
		mm_put(t->mm);
}

/* Link the child into the process tree (tasklist_lock held). */
static void link_child(struct task *child, struct task *parent, unsigned long flags)
{
	struct task *leader = parent->group_leader;

	if (flags & CLONE_THREAD) {
		child->tgid = leader->tgid;
		child->group_leader = leader;
		task_get(leader);	/* a thread's group_leader stays valid (task_put) */
		child->parent = leader->parent;
		child->ppid = leader->ppid;
		child->exit_signal = 0;
		spin_lock(&leader->sighand->lock);	/* thread lists: see proc.h */
		list_add_tail(&child->thread_node, &leader->threads);
		spin_unlock(&leader->sighand->lock);
		leader->live_threads++;
	} else {
		child->parent = (flags & CLONE_PARENT) ? leader->parent : leader;
		child->ppid = child->parent ? child->parent->tgid : 0;
		child->pgid = leader->pgid;
		child->sid = leader->sid;
		child->tty = leader->tty;
		list_add_tail(&child->thread_node, &child->threads);
		child->live_threads = 1;
		if (child->parent) {
			list_add_tail(&child->sibling, &child->parent->children);
			child->refcount++;	/* held by the parent until reaped */
		}
	}
	pid_attach(child);
}

/* clone3's set_tid: a pid in range, root only, not in use (Linux's alloc_pid()). */
static int take_requested_pid(struct task *child, int pid)
{
	if (pid < 1 || pid >= pid_max_get())
		return -EINVAL;
	if (current_cred()->euid != 0)
		return -EPERM;			/* CAP_CHECKPOINT_RESTORE */
	return task_set_pid(child, pid);
}

static void wait_for_vfork(struct task *child)
{
	struct task *me = current_task()->group_leader;

	wait_event(me->child_wait, READ_ONCE(child->vfork_done));
}

long do_clone(const struct clone_request *req)
{
	struct task *parent = current_task(), *child;
	unsigned long flags = req->flags, lock_flags;
	int err = check_flags(flags), pid;

	if (err)
		return err;
	if (!parent->mm)
		return -EINVAL;
	child = task_alloc(parent->comm);
	if (!child)
		return -EAGAIN;
	if (req->set_tid)
		err = take_requested_pid(child, req->set_tid);
	if (!err)
		err = signal_clone(child, parent, (flags & CLONE_SIGHAND) != 0);
	if (!err && req->clear_sighand)
		signal_flush_handlers(child);
	if (!err)
		err = copy_resources(child, parent, flags);
	if (!err)
		err = arch_clone_user(child, parent, req->stack, (flags & CLONE_SETTLS) != 0,
				      req->tls);
	if (err) {
		release_resources(child);
		task_put(child);
		return err;
	}
	child->entry = fork_child_start;
	rseq_fork(child, parent, (flags & CLONE_VM) != 0);
	child->cred = parent->cred ? cred_get(parent->cred) : NULL;
	child->nice = READ_ONCE(parent->nice);
	child->ioprio = READ_ONCE(parent->ioprio);
	child->personality = parent->personality;
	child->no_new_privs = READ_ONCE(parent->no_new_privs);
	child->timer_slack_ns = parent->timer_slack_ns;
	child->default_timer_slack_ns = parent->timer_slack_ns;	/* Linux's rule */
	/* RLIMIT_NPROC counts every task of the real user; root is exempt. */
	if (task_account(child, rlimit_cur(RLIMIT_NPROC))) {
		release_resources(child);
		task_put(child);
		return -EAGAIN;
	}
	if (!(flags & CLONE_THREAD))
		memcpy(child->rlim, parent->group_leader->rlim, sizeof(child->rlim));
	child->exit_signal = req->exit_signal;
	if (flags & CLONE_CHILD_SETTID)
		child->set_child_tid = req->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = req->child_tid;
	pid = child->tid;
	if ((flags & CLONE_PARENT_SETTID) &&
	    put_user(pid, (int __user *)req->parent_tid)) {
		task_unaccount(child);
		release_resources(child);
		task_put(child);
		return -EFAULT;
	}
	if (flags & CLONE_VFORK) {
		child->vfork_parent = parent->group_leader;
		task_get(child);
	}
	lock_flags = spin_lock_irqsave(&tasklist_lock);
	link_child(child, parent, flags);
	spin_unlock_irqrestore(&tasklist_lock, lock_flags);
	task_start(child);
	if (flags & CLONE_VFORK) {
		wait_for_vfork(child);
		task_put(child);
	}
	return pid;
}

SYSCALL_DEFINE0(fork)
{
	struct clone_request req = { .exit_signal = 17 /* SIGCHLD */ };

	return do_clone(&req);
}

SYSCALL_DEFINE0(vfork)
{
	struct clone_request req = {
		.flags = CLONE_VFORK | CLONE_VM,
		.exit_signal = 17,
	};

	return do_clone(&req);
}

/* x86_64 argument order: flags, stack, parent_tid, child_tid, tls. */
SYSCALL_DEFINE5(clone, unsigned long, flags, unsigned long, stack, int *, parent_tid,
		int *, child_tid, unsigned long, tls)
{
	struct clone_request req = {
		.flags = flags & ~CSIGNAL,
		.exit_signal = (int)(flags & CSIGNAL),
		.stack = stack,
		.tls = tls,
		.parent_tid = parent_tid,
		.child_tid = child_tid,
	};

	if (req.exit_signal >= 65)
		return -EINVAL;
	return do_clone(&req);
}

/*
 * Copy clone3's argument block of usize bytes: shorter than version 0 is
 * -EINVAL, longer than a page -E2BIG; bytes beyond what we know must be
 * zero (-E2BIG otherwise), as copy_struct_from_user() has it.
 */
static long clone_args_from_user(struct clone_args *args, const void __user *uargs, size_t usize)
{
	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	return copy_struct_from_user(args, sizeof(*args), uargs, usize);
}

#define CLONE_LEGACY_FLAGS	0xffffffffull

/* Linux's clone3_args_valid() and the checks of copy_clone_args_from_user(). */
static long clone3_check(const struct clone_args *a)
{
	if (a->set_tid_size > 32)		/* MAX_PID_NS_LEVEL */
		return -EINVAL;
	if (!a->set_tid != !a->set_tid_size)
		return -EINVAL;
	if (a->exit_signal > 64)		/* a signal number, upper bits clear */
		return -EINVAL;
	if ((a->flags & CLONE_INTO_CGROUP) && a->cgroup > 0x7fffffff)
		return -EINVAL;
	if (a->flags & ~(CLONE_LEGACY_FLAGS | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
		return -EINVAL;
	if (a->flags & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
		return -EINVAL;
	if ((a->flags & CLONE_SIGHAND) && (a->flags & CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	if ((a->flags & (CLONE_THREAD | CLONE_PARENT)) && a->exit_signal)
		return -EINVAL;
	if (!a->stack != !a->stack_size)
		return -EINVAL;
	if (a->stack && (a->stack >= USER_SPACE_END || a->stack_size > USER_SPACE_END - a->stack))
		return -EINVAL;
	if (a->flags & CLONE_NEWTIME)
		return -EPERM;			/* namespaces are not supported */
	return 0;
}

/* set_tid: one level at most, as we have one pid namespace. */
static long clone3_set_tid(const struct clone_args *a, int *pid)
{
	*pid = 0;
	if (!a->set_tid_size)
		return 0;
	if (a->set_tid_size > 1)
		return -EINVAL;
	if (copy_from_user(pid, (const void __user *)a->set_tid, sizeof(*pid)))
		return -EFAULT;
	return *pid == 0 ? -EINVAL : 0;		/* do_clone checks the rest */
}

SYSCALL_DEFINE2(clone3, struct clone_args *, uargs, size_t, size)
{
	struct clone_args a;
	struct clone_request req;
	long err = clone_args_from_user(&a, (const void __user *)uargs, size);

	if (!err)
		err = clone3_check(&a);
	if (err)
		return err;
	if (a.flags & CLONE_INTO_CGROUP)
		return -EBADF;			/* no descriptor names a cgroup */
	req = (struct clone_request){
		.flags = a.flags & CLONE_LEGACY_FLAGS,
		.exit_signal = (int)a.exit_signal,
		.stack = a.stack ? a.stack + a.stack_size : 0,
		.tls = a.tls,
		.parent_tid = (int *)a.parent_tid,
		.child_tid = (int *)a.child_tid,
		.clear_sighand = (a.flags & CLONE_CLEAR_SIGHAND) != 0,
	};
	err = clone3_set_tid(&a, &req.set_tid);
	return err ? err : do_clone(&req);
}
