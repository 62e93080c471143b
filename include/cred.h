/*
 * Credentials: who is asking, for permission checks.  The file system
 * checks access with the filesystem ids (fsuid, fsgid) and the
 * supplementary groups, as Linux does; uid 0 gets the bypasses Linux
 * grants through CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER,
 * CAP_CHOWN, CAP_FSETID and CAP_MKNOD.
 *
 * Each task points at a struct cred that is never edited in place: a
 * change (setuid and friends) builds a new one and swaps the pointer, so
 * a task reading its own credentials needs no lock.  Credentials are
 * reference counted and shared by clone; the boot tasks use root_cred.
 */
#ifndef CRED_H
#define CRED_H

#include <types.h>

#define NGROUPS_MAX	65536

struct cred {
	int refcount;		/* atomic; root_cred is never freed */
	u32 uid, gid;		/* real */
	u32 euid, egid;		/* effective */
	u32 fsuid, fsgid;	/* file-system access */
	u32 suid, sgid;		/* saved set-ids */
	unsigned int ngroups;
	const u32 *groups;	/* supplementary groups, ngroups entries */
};

extern struct cred root_cred;

const struct cred *current_cred(void);
const struct cred *cred_get(const struct cred *c);
void cred_put(const struct cred *c);
struct task;
/*
 * Another task's credentials, with a reference (cred_put() when done):
 * its pointer may be swapped and the old cred freed by setuid() at any
 * time, so never read another task's t->cred directly.  Takes task_lock(t).
 */
const struct cred *task_cred_get(struct task *t);

/* execve's credentials for a file of this mode and owner (kernel/cred.c). */
struct cred *cred_for_exec(u32 mode, u32 uid, u32 gid, bool nosuid);
/* Make c (a new cred, whose reference moves in) the current task's. */
void cred_install(struct cred *c);

/* The capability sets uid 0 implies, as capget shows them (kernel/capability.c). */
u64 cred_cap_effective(const struct cred *c);
u64 cred_cap_permitted(const struct cred *c);

/* Does the credential pass as gid (its fsgid or a supplementary group)? */
static inline bool cred_in_group(const struct cred *c, u32 gid)
{
	if (c->fsgid == gid)
		return true;
	for (unsigned int i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return true;
	return false;
}

/* uid 0 holds every capability for now (no capability sets yet). */
static inline bool cred_is_root(const struct cred *c)
{
	return c->fsuid == 0;
}

#endif
