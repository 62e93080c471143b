/*
 * Process identity and grouping: getpid and friends, process groups and
 * sessions (the base of job control), and execve.
 */
#include <errno.h>
#include <exec.h>
#include <kmalloc.h>
#include <proc.h>
#include <syscall.h>
#include <uaccess.h>
#include <arch/exec.h>

#define PATH_MAX	4096

SYSCALL_DEFINE0(getpid)
{
	return current_task()->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current_task()->tid;
}

SYSCALL_DEFINE0(getppid)
{
	/* The parent may exit and be freed at any moment: read the cached id. */
	return READ_ONCE(current_task()->group_leader->ppid);
}

SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	current_task()->clear_child_tid = tidptr;
	return current_task()->tid;
}

/* The leader of process pid (0: the caller), tasklist_lock held. */
static struct task *process_of(int pid)
{
	struct task *t = pid ? pid_lookup(pid) : current_task();

	return t ? t->group_leader : NULL;
}

SYSCALL_DEFINE1(getpgid, int, pid)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task *p = process_of(pid);
	long ret = p ? p->pgid : -ESRCH;

	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current_task()->group_leader->pgid;
}

SYSCALL_DEFINE1(getsid, int, pid)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task *p = process_of(pid);
	long ret = p ? p->sid : -ESRCH;

	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/*
 * setpgid(2) rules: the target is the caller or one of its children (not
 * after it exec'd: we do not track that yet), in the caller's session, and
 * not a session leader; the group joined must exist in the same session,
 * unless it is the target's own pid (a new group).
 */
SYSCALL_DEFINE2(setpgid, int, pid, int, pgid)
{
	struct task *me = current_task()->group_leader, *p;
	unsigned long flags;
	long ret = 0;

	if (pgid < 0)
		return -EINVAL;
	flags = spin_lock_irqsave(&tasklist_lock);
	p = process_of(pid);
	if (!p || (p != me && p->parent != me)) {
		ret = -ESRCH;
		goto out;
	}
	if (p != me && p->did_exec) {
		ret = -EACCES;		/* a child that already exec'd keeps its group */
		goto out;
	}
	if (pgid == 0)
		pgid = p->tgid;
	if (p->sid != me->sid || p->sid == p->tgid) {
		ret = -EPERM;	/* other session, or a session leader */
		goto out;
	}
	if (pgid != p->tgid && !pgrp_exists_in_session(pgid, me->sid)) {
		ret = -EPERM;
		goto out;
	}
	p->pgid = pgid;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE0(setsid)
{
	struct task *me = current_task()->group_leader;
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	long ret = me->tgid;

	/* Fails when a process group with the caller's pid exists already. */
	if (pgrp_exists_in_session(me->tgid, -1))
		ret = -EPERM;
	else {
		me->sid = me->pgid = me->tgid;
		me->tty = NULL;		/* a new session has no controlling terminal */
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE3(execve, const char *, upath, const char *const *, uargv,
		const char *const *, uenvp)
{
	struct exec_args args;
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long ret;

	if (!path)
		return -ENOMEM;
	ret = strncpy_from_user(path, (const char __user *)upath, PATH_MAX);
	if (ret == 0)
		ret = -ENOENT;
	if (ret < 0)
		goto out_free_path;
	exec_args_init(&args);
	ret = exec_args_add_user_vector(&args, uargv);
	if (ret >= 0) {
		args.argc = (int)ret;
		ret = exec_args_add_user_vector(&args, uenvp);
	}
	if (ret >= 0) {
		args.envc = (int)ret;
		ret = do_execve(path, &args, arch_user_frame(current_task()));
	}
	exec_args_free(&args);
out_free_path:
	kfree(path);
	return ret;
}
