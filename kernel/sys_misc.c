/*
 * Assorted process and system calls: resource limits, usage and times,
 * sysinfo, getrandom, prctl names, scheduler affinity and yield, robust
 * futex list registration.
 */
#include <cred.h>
#include <errno.h>
#include <mm.h>
#include <proc.h>
#include <vm.h>
#include <random.h>
#include <string.h>
#include <syscall.h>
#include "syscall_list.h"
#include <time.h>
#include <timer.h>
#include <uaccess.h>
#include <uapi/resource.h>
#include <uapi/time_abi.h>

#define USER_HZ		100		/* sysconf(_SC_CLK_TCK), AT_CLKTCK */
#define USER_TICK_NSEC	(NSEC_PER_SEC / USER_HZ)

/* Linux's defaults for a process started by the kernel. */
void rlimit_init_defaults(struct task *t)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		t->rlim[i].cur = t->rlim[i].max = RLIM_INFINITY;
	t->rlim[RLIMIT_STACK].cur = 8ull << 20;
	t->rlim[RLIMIT_CORE].cur = 0;
	t->rlim[RLIMIT_NPROC].cur = t->rlim[RLIMIT_NPROC].max = 4096;
	t->rlim[RLIMIT_SIGPENDING].cur = t->rlim[RLIMIT_SIGPENDING].max = 4096;
	t->rlim[RLIMIT_NOFILE].cur = 1024;
	t->rlim[RLIMIT_NOFILE].max = 4096;
	t->rlim[RLIMIT_MEMLOCK].cur = t->rlim[RLIMIT_MEMLOCK].max = 8ull << 20;
	t->rlim[RLIMIT_MSGQUEUE].cur = t->rlim[RLIMIT_MSGQUEUE].max = 819200;
	t->rlim[RLIMIT_NICE].cur = t->rlim[RLIMIT_NICE].max = 0;
	t->rlim[RLIMIT_RTPRIO].cur = t->rlim[RLIMIT_RTPRIO].max = 0;
}

u64 rlimit_cur(int resource)
{
	return current_task()->group_leader->rlim[resource].cur;
}

struct rlimit64_abi {
	u64 cur, max;
};

/* May the caller read and change the limits of process p?  (prlimit(2)) */
static bool may_prlimit(struct task *p)
{
	const struct cred *me = current_cred(), *them;
	bool ok;

	if (p == current_task()->group_leader || me->euid == 0)
		return true;
	them = task_cred_get(p);
	ok = me->uid == them->uid && me->uid == them->euid && me->uid == them->suid &&
	     me->gid == them->gid && me->gid == them->egid && me->gid == them->sgid;
	cred_put(them);
	return ok;
}

SYSCALL_DEFINE4(prlimit64, int, pid, unsigned int, resource, const struct rlimit64_abi *, unew,
		struct rlimit64_abi *, uold)
{
	struct task *leader = current_task()->group_leader;
	struct rlimit64_abi set, old;
	unsigned long flags;
	long ret = 0;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (unew && copy_from_user(&set, (const void __user *)unew, sizeof(set)))
		return -EFAULT;
	if (unew && set.cur > set.max)
		return -EINVAL;
	flags = spin_lock_irqsave(&tasklist_lock);
	if (pid != 0) {
		struct task *p = pid_lookup(pid);

		leader = p && !p->exit_state ? p->group_leader : NULL;
		if (!leader || !may_prlimit(leader)) {
			spin_unlock_irqrestore(&tasklist_lock, flags);
			return leader ? -EPERM : -ESRCH;
		}
	}
	old.cur = leader->rlim[resource].cur;
	old.max = leader->rlim[resource].max;
	if (unew) {
		if (set.max > old.max && current_cred()->euid != 0)
			ret = -EPERM;
		else if (resource == RLIMIT_NOFILE && set.max > 1048576)
			ret = -EPERM;	/* fs.nr_open */
		else
			leader->rlim[resource] = (struct rlimit_pair){ set.cur, set.max };
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!ret && uold && copy_to_user((void __user *)uold, &old, sizeof(old)))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit64_abi *, uold)
{
	return sys_prlimit64(0, resource, 0, (unsigned long)uold, 0, 0);
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, const struct rlimit64_abi *, unew)
{
	return sys_prlimit64(0, resource, (unsigned long)unew, 0, 0, 0);
}

/* The counts getrusage(who) reports for the caller (who already checked). */
static void usage_of(int who, struct task_usage *u)
{
	struct task *me = current_task(), *leader = me->group_leader;
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);

	if (who == RUSAGE_CHILDREN) {
		*u = leader->reaped;
	} else if (who == RUSAGE_THREAD) {
		*u = (struct task_usage){ 0 };
		task_usage_add(u, me);
	} else {
		group_usage(leader, u);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage_abi *, uru)
{
	struct rusage_abi ru;
	struct task_usage u;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	usage_of(who, &u);
	task_usage_to_rusage(&u, &ru);
	return copy_to_user((void __user *)uru, &ru, sizeof(ru));
}

SYSCALL_DEFINE1(times, struct tms_abi *, utms)
{
	struct tms_abi tms;
	struct task_usage self, children;

	usage_of(RUSAGE_SELF, &self);
	usage_of(RUSAGE_CHILDREN, &children);
	tms.tms_utime = (s64)(self.utime_ns / USER_TICK_NSEC);
	tms.tms_stime = (s64)(self.stime_ns / USER_TICK_NSEC);
	tms.tms_cutime = (s64)(children.utime_ns / USER_TICK_NSEC);
	tms.tms_cstime = (s64)(children.stime_ns / USER_TICK_NSEC);
	if (utms && copy_to_user((void __user *)utms, &tms, sizeof(tms)))
		return -EFAULT;
	/* Clock ticks since boot, in user space's CLK_TCK (AT_CLKTCK), not HZ. */
	return (long)(clock_monotonic_ns() / USER_TICK_NSEC);
}

struct sysinfo_abi {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char f[0];
};

SYSCALL_DEFINE1(sysinfo, struct sysinfo_abi *, uinfo)
{
	struct sysinfo_abi si;

	memset(&si, 0, sizeof(si));
	si.uptime = (long)(clock_monotonic_ns() / NSEC_PER_SEC);
	si.totalram = mm_total_pages() * PAGE_SIZE;
	si.freeram = mm_free_pages() * PAGE_SIZE;
	si.procs = (unsigned short)nr_tasks();
	loadavg_get(si.loads);
	for (int i = 0; i < 3; i++)	/* sysinfo(2) counts in 1/65536 */
		si.loads[i] <<= 16 - LOADAVG_FSHIFT;
	si.mem_unit = 1;
	return copy_to_user((void __user *)uinfo, &si, sizeof(si));
}

#define GRND_NONBLOCK	1
#define GRND_RANDOM	2
#define GRND_INSECURE	4

SYSCALL_DEFINE3(getrandom, void *, ubuf, size_t, len, unsigned int, flags)
{
	u8 chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	if (len > 0x1ffffff)
		len = 0x1ffffff;	/* Linux caps one call at 32 MiB - 1 */
	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		get_random_bytes(chunk, n);
		if (copy_to_user((char __user *)ubuf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
		if (task_signal_pending(current_task()) && done < len)
			return (long)done;
	}
	memset(chunk, 0, sizeof(chunk));
	return (long)done;
}

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_CAPBSET_READ		23
#define PR_SET_TIMERSLACK	29
#define PR_GET_TIMERSLACK	30
#define PR_SET_CHILD_SUBREAPER	36
#define PR_GET_CHILD_SUBREAPER	37
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39
#define PR_CAP_AMBIENT		47
#define PR_CAP_AMBIENT_IS_SET	1
#define PR_CAP_AMBIENT_RAISE	2
#define PR_CAP_AMBIENT_LOWER	3
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#define CAP_LAST_CAP		40	/* Linux 6.1 */

/*
 * no_new_privs: once set, execve ignores set-user-ID and set-group-ID
 * bits for this task and its descendants (kernel/exec.c); it cannot be
 * unset.  Linux insists on the unused arguments being 0.
 */
static long prctl_no_new_privs(int option, unsigned long arg2, unsigned long arg3,
			       unsigned long arg4, unsigned long arg5)
{
	struct task *t = current_task();

	if (arg3 || arg4 || arg5)
		return -EINVAL;
	if (option == PR_GET_NO_NEW_PRIVS)
		return arg2 ? -EINVAL : READ_ONCE(t->no_new_privs);
	if (arg2 != 1)
		return -EINVAL;
	WRITE_ONCE(t->no_new_privs, true);
	return 0;
}

/*
 * The bounding and ambient sets as kernel/capability.c models them: the
 * bounding set is always full (nothing drops from it), the ambient set
 * always empty (raising needs an inheritable set, which is empty: EPERM;
 * lowering or clearing has nothing to do).
 */
static long prctl_caps(int option, unsigned long arg2, unsigned long arg3,
		       unsigned long arg4, unsigned long arg5)
{
	if (option == PR_CAPBSET_READ)
		return arg2 <= CAP_LAST_CAP ? 1 : -EINVAL;
	if (arg4 || arg5)
		return -EINVAL;
	if (arg2 == PR_CAP_AMBIENT_CLEAR_ALL)
		return arg3 ? -EINVAL : 0;
	if (arg3 > CAP_LAST_CAP)
		return -EINVAL;
	switch (arg2) {
	case PR_CAP_AMBIENT_IS_SET:
	case PR_CAP_AMBIENT_LOWER:
		return 0;
	case PR_CAP_AMBIENT_RAISE:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

/* The options about the process rather than the thread's name and signals. */
static long prctl_process(int option, unsigned long arg2, unsigned long arg3,
			  unsigned long arg4, unsigned long arg5)
{
	struct task *t = current_task();
	unsigned long flags;
	int v;

	switch (option) {
	case PR_GET_DUMPABLE:
		return READ_ONCE(t->mm->dumpable);
	case PR_SET_DUMPABLE:
		if (arg2 > 1)		/* SUID_DUMP_DISABLE or SUID_DUMP_USER only */
			return -EINVAL;
		WRITE_ONCE(t->mm->dumpable, (int)arg2);
		return 0;
	case PR_SET_CHILD_SUBREAPER:
		flags = spin_lock_irqsave(&tasklist_lock);
		t->group_leader->child_subreaper = arg2 != 0;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		v = READ_ONCE(t->group_leader->child_subreaper);
		return put_user(v, (int __user *)arg2);
	case PR_SET_TIMERSLACK:
		/* Timers here never wait longer than asked: any slack holds. */
		t->timer_slack_ns = (long)arg2 <= 0 ? t->default_timer_slack_ns : arg2;
		return 0;
	case PR_GET_TIMERSLACK:
		return (long)t->timer_slack_ns;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	struct task *t = current_task();
	char name[TASK_COMM_LEN];
	int sig;

	switch (option) {
	case PR_SET_NAME:
		if (strncpy_from_user(name, (const char __user *)arg2, sizeof(name)) == -EFAULT)
			return -EFAULT;
		name[TASK_COMM_LEN - 1] = '\0';
		task_lock(t);		/* /proc reads comm under it */
		strlcpy(t->comm, name, TASK_COMM_LEN);
		task_unlock(t);
		return 0;
	case PR_GET_NAME:
		return copy_to_user((void __user *)arg2, t->comm, TASK_COMM_LEN);
	case PR_SET_PDEATHSIG:
		if (arg2 > 64)
			return -EINVAL;
		t->pdeath_signal = (char)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		sig = t->pdeath_signal;
		return put_user(sig, (int __user *)arg2);
	case PR_SET_NO_NEW_PRIVS:
	case PR_GET_NO_NEW_PRIVS:
		return prctl_no_new_privs(option, arg2, arg3, arg4, arg5);
	case PR_CAPBSET_READ:
	case PR_CAP_AMBIENT:
		return prctl_caps(option, arg2, arg3, arg4, arg5);
	default:
		return prctl_process(option, arg2, arg3, arg4, arg5);
	}
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

/* Linux's scheduling policies; every task here runs under SCHED_OTHER. */
#define SCHED_OTHER		0
#define SCHED_FIFO		1
#define SCHED_RR		2
#define SCHED_BATCH		3
#define SCHED_IDLE		5
#define SCHED_DEADLINE		6

/* 0, or -EINVAL for a negative pid, -ESRCH for one that names no task. */
static long sched_target_exists(int pid)
{
	unsigned long flags;
	bool found;

	if (pid < 0)
		return -EINVAL;
	flags = spin_lock_irqsave(&tasklist_lock);
	found = pid == 0 || pid_lookup(pid);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}

SYSCALL_DEFINE1(sched_getscheduler, int, pid)
{
	long err = sched_target_exists(pid);

	return err ? err : SCHED_OTHER;
}

/* struct sched_param: the static priority, 0 for SCHED_OTHER. */
SYSCALL_DEFINE2(sched_getparam, int, pid, int *, uparam)
{
	int priority = 0;
	long err;

	if (!uparam || pid < 0)
		return -EINVAL;
	err = sched_target_exists(pid);
	if (err)
		return err;
	return put_user(priority, (int __user *)uparam);
}

/* The static priorities a policy takes: 1-99 for the real-time ones, else 0. */
SYSCALL_DEFINE1(sched_get_priority_max, int, policy)
{
	switch (policy) {
	case SCHED_FIFO: case SCHED_RR:
		return 99;
	case SCHED_OTHER: case SCHED_BATCH: case SCHED_IDLE: case SCHED_DEADLINE:
		return 0;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE1(sched_get_priority_min, int, policy)
{
	switch (policy) {
	case SCHED_FIFO: case SCHED_RR:
		return 1;
	case SCHED_OTHER: case SCHED_BATCH: case SCHED_IDLE: case SCHED_DEADLINE:
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * Every task may run on every online CPU.  As Linux: pid 0 is the caller,
 * an unknown one ESRCH; only the mask's own bytes are written (the rest
 * of the buffer stays) and their number returned.
 */
SYSCALL_DEFINE3(sched_getaffinity, int, pid, unsigned int, len, unsigned long *, umask)
{
	unsigned long mask = ncpus_online >= 64 ? ~0ul : (1ul << ncpus_online) - 1;

	if (len < sizeof(mask) || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (pid < 0 || sched_target_exists(pid))
		return -ESRCH;
	if (put_user(mask, (unsigned long __user *)umask))
		return -EFAULT;
	return sizeof(mask);
}

SYSCALL_DEFINE3(getcpu, unsigned int *, ucpu, unsigned int *, unode, void *, unused)
{
	unsigned int cpu = this_cpu()->id, node = 0;

	(void)unused;
	if (ucpu && put_user(cpu, (unsigned int __user *)ucpu))
		return -EFAULT;
	if (unode && put_user(node, (unsigned int __user *)unode))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(set_robust_list, void *, head, size_t, len)
{
	if (len != 24)		/* sizeof(struct robust_list_head) */
		return -EINVAL;
	current_task()->robust_list = head;
	current_task()->robust_list_len = len;
	return 0;
}
