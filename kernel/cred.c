/*
 * Credentials and the set*id family of system calls, with Linux's rules
 * for what an unprivileged process may change: its ids may only move
 * among the values it already holds (real, effective, saved).  A change
 * builds a new struct cred and swaps the task's pointer (see cred.h).
 */
#include <cred.h>
#include <vm.h>
#include <errno.h>
#include <kmalloc.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <uapi/stat.h>

struct cred root_cred = { .refcount = 1 };

const struct cred *current_cred(void)
{
	const struct cred *c = current_task()->cred;

	return c ? c : &root_cred;
}

const struct cred *cred_get(const struct cred *c)
{
	__atomic_add_fetch(&((struct cred *)c)->refcount, 1, __ATOMIC_RELAXED);
	return c;
}

void cred_put(const struct cred *c)
{
	struct cred *m = (struct cred *)c;

	if (!c || c == &root_cred)
		return;
	if (__atomic_sub_fetch(&m->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		kfree((void *)m->groups);
		kfree(m);
	}
}

const struct cred *task_cred_get(struct task *t)
{
	const struct cred *c;

	task_lock(t);		/* setuid() swaps the pointer under it, then drops the old one */
	c = t->cred && t->cred != &root_cred ? cred_get(t->cred) : &root_cred;
	task_unlock(t);
	return c;		/* cred_put() of root_cred does nothing */
}

/* A private copy of the caller's credentials to modify, or NULL. */
static struct cred *cred_prepare(void)
{
	const struct cred *old = current_cred();
	struct cred *c = kmalloc(sizeof(*c), GFP_KERNEL);
	u32 *groups = NULL;

	if (!c)
		return NULL;
	if (old->ngroups) {
		groups = kmalloc(old->ngroups * sizeof(u32), GFP_KERNEL);
		if (!groups) {
			kfree(c);
			return NULL;
		}
		memcpy(groups, old->groups, old->ngroups * sizeof(u32));
	}
	*c = *old;
	c->groups = groups;
	c->refcount = 1;
	return c;
}

/*
 * Linux's commit_creds(): a change of effective or filesystem ids makes
 * the process non-dumpable (fs.suid_dumpable is 0): no core dumps, its
 * /proc files owned by root, until exec or PR_SET_DUMPABLE says otherwise.
 */
static void cred_commit(struct cred *c)
{
	struct task *t = current_task();
	const struct cred *old, *was = current_cred();	/* root_cred when t->cred is NULL */

	task_lock(t);		/* other tasks (/proc) take references under it */
	old = t->cred;
	t->cred = c;
	if (t->mm && (was->euid != c->euid || was->egid != c->egid ||
		      was->fsuid != c->fsuid || was->fsgid != c->fsgid))
		WRITE_ONCE(t->mm->dumpable, 0);
	task_unlock(t);
	cred_put(old);
}

/*
 * The credentials a program runs with after execve of a file with this
 * mode and owner (Linux's bprm_fill_uid and cap_bprm_creds_from_file):
 * set-user-ID makes the file's owner the effective uid, set-group-ID
 * with group execute its group the effective gid, unless the file's
 * mount is nosuid; the saved and file-system ids then follow the
 * effective ones, whatever the file.  A new cred for cred_install(), or
 * NULL when out of memory.
 */
struct cred *cred_for_exec(u32 mode, u32 uid, u32 gid, bool nosuid)
{
	struct cred *c = cred_prepare();

	if (!c)
		return NULL;
	if (!nosuid && (mode & S_ISUID))
		c->euid = uid;
	if (!nosuid && (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		c->egid = gid;
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	return c;
}

void cred_install(struct cred *c)
{
	cred_commit(c);
}

static bool privileged(void)
{
	return current_cred()->euid == 0;
}

SYSCALL_DEFINE0(getuid) { return current_cred()->uid; }
SYSCALL_DEFINE0(geteuid) { return current_cred()->euid; }
SYSCALL_DEFINE0(getgid) { return current_cred()->gid; }
SYSCALL_DEFINE0(getegid) { return current_cred()->egid; }

/* One of the ids the caller holds (real, effective, saved)? */
static bool holds_uid(const struct cred *c, u32 id)
{
	return id == c->uid || id == c->euid || id == c->suid;
}

static bool holds_gid(const struct cred *c, u32 id)
{
	return id == c->gid || id == c->egid || id == c->sgid;
}

/* Install new real/effective/saved ids (-1: unchanged); fs id follows effective. */
static long apply_ids(u32 r, u32 e, u32 s, bool gid)
{
	struct cred *c = cred_prepare();

	if (!c)
		return -ENOMEM;
	if (gid) {
		c->gid = r != (u32)-1 ? r : c->gid;
		c->egid = e != (u32)-1 ? e : c->egid;
		c->sgid = s != (u32)-1 ? s : c->sgid;
		c->fsgid = c->egid;
	} else {
		c->uid = r != (u32)-1 ? r : c->uid;
		c->euid = e != (u32)-1 ? e : c->euid;
		c->suid = s != (u32)-1 ? s : c->suid;
		c->fsuid = c->euid;
	}
	cred_commit(c);
	return 0;
}

static bool holds(const struct cred *c, u32 id, bool gid)
{
	return gid ? holds_gid(c, id) : holds_uid(c, id);
}

/* setresuid(2): unprivileged callers may only use ids they hold. */
static long set_res(u32 r, u32 e, u32 s, bool gid)
{
	const struct cred *old = current_cred();

	if (!privileged() && ((r != (u32)-1 && !holds(old, r, gid)) ||
			      (e != (u32)-1 && !holds(old, e, gid)) ||
			      (s != (u32)-1 && !holds(old, s, gid))))
		return -EPERM;
	return apply_ids(r, e, s, gid);
}

SYSCALL_DEFINE3(setresuid, u32, r, u32, e, u32, s) { return set_res(r, e, s, false); }
SYSCALL_DEFINE3(setresgid, u32, r, u32, e, u32, s) { return set_res(r, e, s, true); }

static long get_res(u32 *ur, u32 *ue, u32 *us, bool gid)
{
	const struct cred *c = current_cred();
	u32 r = gid ? c->gid : c->uid, e = gid ? c->egid : c->euid, s = gid ? c->sgid : c->suid;

	if (put_user(r, (u32 __user *)ur) || put_user(e, (u32 __user *)ue) ||
	    put_user(s, (u32 __user *)us))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, u32 *, r, u32 *, e, u32 *, s) { return get_res(r, e, s, false); }
SYSCALL_DEFINE3(getresgid, u32 *, r, u32 *, e, u32 *, s) { return get_res(r, e, s, true); }

/* setuid(2): root sets all three ids; others only the effective one, to real or saved. */
static long set_id(u32 id, bool gid)
{
	const struct cred *old = current_cred();

	if (privileged())
		return apply_ids(id, id, id, gid);
	if (id == (gid ? old->gid : old->uid) || id == (gid ? old->sgid : old->suid))
		return apply_ids((u32)-1, id, (u32)-1, gid);
	return -EPERM;
}

SYSCALL_DEFINE1(setuid, u32, id) { return set_id(id, false); }
SYSCALL_DEFINE1(setgid, u32, id) { return set_id(id, true); }

/*
 * setreuid(2): the real id may become the real or effective one, the
 * effective id any held one; the saved id follows the new effective id
 * when the real id changes or the effective id moves off the real one.
 */
static long set_re(u32 r, u32 e, bool gid)
{
	const struct cred *old = current_cred();
	u32 cur_r = gid ? old->gid : old->uid, cur_e = gid ? old->egid : old->euid;
	u32 s = (u32)-1;

	if (!privileged() && r != (u32)-1 && r != cur_r && r != cur_e)
		return -EPERM;
	if (!privileged() && e != (u32)-1 && !holds(old, e, gid))
		return -EPERM;
	if (r != (u32)-1 || (e != (u32)-1 && e != cur_r))
		s = e != (u32)-1 ? e : cur_e;
	return apply_ids(r, e, s, gid);
}

SYSCALL_DEFINE2(setreuid, u32, r, u32, e) { return set_re(r, e, false); }
SYSCALL_DEFINE2(setregid, u32, r, u32, e) { return set_re(r, e, true); }

/* setfsuid(2): always returns the old value; changes it only when allowed. */
static long set_fs(u32 id, bool gid)
{
	const struct cred *old = current_cred();
	u32 prev = gid ? old->fsgid : old->fsuid;
	struct cred *c;

	if (id == (u32)-1 || (!privileged() && !holds(old, id, gid) && id != prev))
		return prev;
	c = cred_prepare();
	if (!c)
		return prev;
	if (gid)
		c->fsgid = id;
	else
		c->fsuid = id;
	cred_commit(c);
	return prev;
}

SYSCALL_DEFINE1(setfsuid, u32, id) { return set_fs(id, false); }
SYSCALL_DEFINE1(setfsgid, u32, id) { return set_fs(id, true); }

SYSCALL_DEFINE2(getgroups, int, size, u32 *, ulist)
{
	const struct cred *c = current_cred();

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if ((unsigned int)size < c->ngroups)
		return -EINVAL;
	if (copy_to_user((void __user *)ulist, c->groups, c->ngroups * sizeof(u32)))
		return -EFAULT;
	return c->ngroups;
}

SYSCALL_DEFINE2(setgroups, int, size, const u32 *, ulist)
{
	struct cred *c;
	u32 *groups = NULL;

	if (!privileged())
		return -EPERM;
	if (size < 0 || size > NGROUPS_MAX)
		return -EINVAL;
	if (size) {
		groups = size * sizeof(u32) <= KMALLOC_MAX_SLAB * 64 ?
			 kmalloc(size * sizeof(u32), GFP_KERNEL) : NULL;
		if (!groups)
			return -ENOMEM;
		if (copy_from_user(groups, (const void __user *)ulist, size * sizeof(u32))) {
			kfree(groups);
			return -EFAULT;
		}
	}
	c = cred_prepare();
	if (!c) {
		kfree(groups);
		return -ENOMEM;
	}
	kfree((void *)c->groups);
	c->groups = groups;
	c->ngroups = (unsigned int)size;
	cred_commit(c);
	return 0;
}
