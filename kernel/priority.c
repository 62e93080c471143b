/*
 * Nice values: getpriority(2) and setpriority(2).
 *
 * Every task (thread) has a nice value from -20 (most favoured) to 19,
 * inherited by fork and clone.  The scheduler gives a task a time slice
 * in proportion to 20 - nice: twice the default at -20, the default at
 * 0, one tick at 19.  The system calls follow Linux: PRIO_PROCESS names
 * one task (0: the caller), PRIO_PGRP every task of a process group,
 * PRIO_USER every task whose real uid is who.  getpriority returns the
 * best (lowest) nice among them, encoded as 20 - nice so that it stays
 * positive (libc turns it back); setpriority clamps its value into
 * range and changes each task the caller may: EPERM unless the caller's
 * euid is the task's uid or euid (or root), EACCES for lowering the
 * value beyond RLIMIT_NICE without root.  ESRCH when nothing matched.
 *
 * I/O priorities (ioprio_get(2), ioprio_set(2)) name tasks the same way
 * (IOPRIO_WHO_* is PRIO_* + 1).  Each task has a class (none, real-time,
 * best-effort, idle) and a level 0-7, inherited by fork and clone.  No
 * I/O scheduler reads it yet, as on Linux under the "none" scheduler;
 * the calls keep Linux 6.1's rules: real-time needs root (EPERM), a class
 * above idle or a level with "none" are EINVAL, setting another user's task
 * needs its uid to be the caller's uid or euid (EPERM); getting over a
 * group or a user gives the best (lowest) value, "none" counting as
 * best-effort level 4.
 */
#include <cred.h>
#include <errno.h>
#include <proc.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/resource.h>

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2
#define MIN_NICE	(-20)
#define MAX_NICE	19

int sched_slice_ticks(const struct task *t)
{
	int ticks = SCHED_SLICE_TICKS * (20 - READ_ONCE(t->nice)) / 20;

	return ticks > 0 ? ticks : 1;
}

struct prio_walk {
	int which;
	int who;		/* pid, pgid or uid, 0 already resolved */
	int nice;		/* setpriority: the new value */
	u16 ioprio;		/* ioprio_set: the new value */
	void (*apply)(struct task *t, void *walk);	/* get_one or set_one */
	long result;		/* running answer, -ESRCH until a task matched */
	const struct cred *me;
};

static bool prio_matches(struct task *t, const struct prio_walk *w)
{
	const struct cred *c;
	bool match;

	switch (w->which) {
	case PRIO_PGRP:
		return t->group_leader->pgid == w->who;
	case PRIO_USER:
		c = task_cred_get(t);
		match = c->uid == (u32)w->who;
		cred_put(c);
		return match;
	default:
		return false;	/* PRIO_PROCESS is looked up directly */
	}
}

/* getpriority: keep the best 20 - nice seen. */
static void get_one(struct task *t, void *arg)
{
	struct prio_walk *w = arg;
	long v = 20 - READ_ONCE(t->nice);

	if (v > w->result)
		w->result = v;
}

/* May the caller set t's nice value to nice?  0, -EPERM or -EACCES (set_one_prio). */
static long may_renice(struct task *t, int nice, const struct cred *me)
{
	const struct cred *c = task_cred_get(t);
	u64 rlim_nice = t->group_leader->rlim[RLIMIT_NICE].cur;
	bool owner = c->uid == me->euid || c->euid == me->euid;

	cred_put(c);
	if (me->euid != 0 && !owner)
		return -EPERM;
	if (nice < READ_ONCE(t->nice) && me->euid != 0 && (u64)(20 - nice) > rlim_nice)
		return -EACCES;
	return 0;
}

/* setpriority: change t, or remember why not (the last error wins, as Linux). */
static void set_one(struct task *t, void *arg)
{
	struct prio_walk *w = arg;
	long err = may_renice(t, w->nice, w->me);

	if (err) {
		w->result = err;
		return;
	}
	if (w->result == -ESRCH)
		w->result = 0;
	WRITE_ONCE(t->nice, w->nice);
}

static void walk_matching(struct task *t, void *arg)
{
	struct prio_walk *w = arg;

	if (prio_matches(t, w))
		w->apply(t, w);
}

/* Apply w->apply to every task the request names; the result. */
static long prio_walk(struct prio_walk *w)
{
	struct task *me = current_task(), *t;
	unsigned long flags;

	if (w->which < PRIO_PROCESS || w->which > PRIO_USER)
		return -EINVAL;
	w->me = current_cred();
	w->result = -ESRCH;
	flags = spin_lock_irqsave(&tasklist_lock);
	if (w->which == PRIO_PROCESS) {
		t = w->who ? pid_lookup(w->who) : me;
		if (t && !t->exit_state)
			w->apply(t, w);
	} else {
		if (!w->who)
			w->who = w->which == PRIO_PGRP ? me->group_leader->pgid : (int)w->me->uid;
		pid_for_each_task(walk_matching, w);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return w->result;
}

SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	struct prio_walk w = { .which = which, .who = who, .apply = get_one };

	return prio_walk(&w);
}

SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	struct prio_walk w = { .which = which, .who = who, .apply = set_one };

	w.nice = niceval < MIN_NICE ? MIN_NICE : niceval > MAX_NICE ? MAX_NICE : niceval;
	return prio_walk(&w);
}

#define IOPRIO_CLASS_SHIFT	13
#define IOPRIO_CLASS_NONE	0
#define IOPRIO_CLASS_RT		1
#define IOPRIO_CLASS_BE		2
#define IOPRIO_CLASS_IDLE	3
#define IOPRIO_LEVEL_MASK	7
#define IOPRIO_BE_NORM		((IOPRIO_CLASS_BE << IOPRIO_CLASS_SHIFT) | 4)

/* The better of two I/O priorities: the lower value, "none" as best-effort 4. */
static long ioprio_best(long a, long b)
{
	if (a >> IOPRIO_CLASS_SHIFT == IOPRIO_CLASS_NONE)
		a = IOPRIO_BE_NORM;
	if (b >> IOPRIO_CLASS_SHIFT == IOPRIO_CLASS_NONE)
		b = IOPRIO_BE_NORM;
	return a < b ? a : b;
}

static void get_one_ioprio(struct task *t, void *arg)
{
	struct prio_walk *w = arg;
	long v = READ_ONCE(t->ioprio);

	w->result = w->result == -ESRCH ? v : ioprio_best(w->result, v);
}

static void set_one_ioprio(struct task *t, void *arg)
{
	struct prio_walk *w = arg;
	const struct cred *c = task_cred_get(t);
	bool owner = c->uid == w->me->euid || c->uid == w->me->uid;

	cred_put(c);
	if (!owner && w->me->euid != 0) {
		w->result = -EPERM;
		return;
	}
	if (w->result == -ESRCH)
		w->result = 0;
	WRITE_ONCE(t->ioprio, w->ioprio);
}

/*
 * A value ioprio_set accepts from this caller: 0, -EINVAL or -EPERM.
 * Linux 6.1 reads the level from the low 3 bits only, so higher data bits
 * pass (and are kept); "none" must have level 0.
 */
static long ioprio_check(int ioprio)
{
	int class = (ioprio >> IOPRIO_CLASS_SHIFT) & 7, level = ioprio & IOPRIO_LEVEL_MASK;

	switch (class) {
	case IOPRIO_CLASS_RT:
		return current_cred()->euid == 0 ? 0 : -EPERM;
	case IOPRIO_CLASS_BE:
	case IOPRIO_CLASS_IDLE:
		return 0;
	case IOPRIO_CLASS_NONE:
		return level ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE2(ioprio_get, int, which, int, who)
{
	struct prio_walk w = { .which = which - 1, .who = who, .apply = get_one_ioprio };

	return prio_walk(&w);
}

SYSCALL_DEFINE3(ioprio_set, int, which, int, who, int, ioprio)
{
	struct prio_walk w = { .which = which - 1, .who = who, .apply = set_one_ioprio };
	long err = ioprio_check(ioprio);

	if (err)
		return err;
	w.ioprio = (u16)ioprio;
	return prio_walk(&w);
}
