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
 */
#include <errno.h>
#include <file.h>
#include <cred.h>
#include <proc.h>
#include <string.h>
#include <uapi/resource.h>
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
		child->parent = leader->parent;
		child->exit_signal = 0;
		/* Thread lists change under both locks: walkers hold either. */
		spin_lock(&leader->sighand->lock);
		list_add_tail(&child->thread_node, &leader->threads);
		spin_unlock(&leader->sighand->lock);
		leader->live_threads++;
	} else {
		child->parent = (flags & CLONE_PARENT) ? leader->parent : leader;
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
	err = signal_clone(child, parent, (flags & CLONE_SIGHAND) != 0);
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
	child->cred = parent->cred ? cred_get(parent->cred) : NULL;
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
