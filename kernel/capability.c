/*
 * capget(2): a task's capability sets.
 *
 * Tasks hold no capability sets of their own: uid 0 has every capability
 * (include/cred.h).  The sets capget reports, and /proc/PID/status shows,
 * are derived from the ids by Linux's rules for root (capabilities(7),
 * "Effect of user ID changes on capabilities"): the permitted set is full
 * while any of the real, effective or saved uids is 0, the effective set
 * while the effective uid is 0; nothing is inheritable.  capset(2), which
 * would need real sets, is not implemented.
 */
#include <cred.h>
#include <errno.h>
#include <proc.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>

#define CAP_VERSION_1	0x19980330u	/* one 32-bit word per set */
#define CAP_VERSION_2	0x20071026u	/* two words */
#define CAP_VERSION_3	0x20080522u	/* two words; what Linux asks for */
#define CAP_FULL_SET	0x000001ffffffffffull	/* 0..CAP_LAST_CAP (40), Linux 6.1 */

struct cap_header {
	u32 version;
	int pid;
};

struct cap_data {
	u32 effective;
	u32 permitted;
	u32 inheritable;
};

STATIC_ASSERT(sizeof(struct cap_header) == 8);
STATIC_ASSERT(sizeof(struct cap_data) == 12);

u64 cred_cap_effective(const struct cred *c)
{
	return c->euid == 0 ? CAP_FULL_SET : 0;
}

u64 cred_cap_permitted(const struct cred *c)
{
	return c->uid == 0 || c->euid == 0 || c->suid == 0 ? CAP_FULL_SET : 0;
}

/* The credentials of task pid (0: the caller), with a reference; NULL if none. */
static const struct cred *target_cred(int pid)
{
	const struct cred *c = NULL;
	unsigned long flags;
	struct task *t;

	if (!pid)
		return cred_get(current_cred());
	flags = spin_lock_irqsave(&tasklist_lock);
	t = pid_lookup(pid);
	if (t && !t->exit_state)
		c = task_cred_get(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return c;
}

/*
 * An unknown version is answered with the one we want (written back) and
 * EINVAL, or 0 when there is no data pointer: that is how libcap asks.
 */
SYSCALL_DEFINE2(capget, struct cap_header *, uhdr, struct cap_data *, udata)
{
	struct cap_data d[2] = { { 0 } };
	const struct cred *c;
	struct cap_header h;
	u64 eff, prm;
	int words;

	if (copy_from_user(&h, (const void __user *)uhdr, sizeof(h)))
		return -EFAULT;
	if (h.version == CAP_VERSION_1) {
		words = 1;
	} else if (h.version == CAP_VERSION_2 || h.version == CAP_VERSION_3) {
		words = 2;
	} else {
		u32 want = CAP_VERSION_3;

		if (put_user(want, (u32 __user *)&uhdr->version))
			return -EFAULT;
		return udata ? -EINVAL : 0;
	}
	if (!udata)
		return 0;
	if (h.pid < 0)
		return -EINVAL;
	c = target_cred(h.pid);
	if (!c)
		return -ESRCH;
	eff = cred_cap_effective(c);
	prm = cred_cap_permitted(c);
	cred_put(c);
	for (int i = 0; i < words; i++) {
		d[i].effective = (u32)(eff >> (32 * i));
		d[i].permitted = (u32)(prm >> (32 * i));
	}
	return copy_to_user((void __user *)udata, d, words * sizeof(d[0])) ? -EFAULT : 0;
}
