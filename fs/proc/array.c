/*
 * /proc/PID/stat, statm and status: a process's state in the formats
 * Linux 6.1 prints (fs/proc/array.c there), which ps, top and friends
 * parse by position.
 *
 * The values are sampled without stopping the task: a snapshot of the
 * process-tree fields under tasklist_lock, memory sizes under mm->lock,
 * the rest read once.  Times are in clock ticks (USER_HZ = 100).  For
 * /proc/PID the process's threads are summed, for .../task/TID only that
 * thread counts.
 */
#include <format.h>
#include <chrdev.h>
#include <cred.h>
#include <errno.h>
#include <file.h>
#include <percpu.h>
#include <proc.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <tty.h>
#include <uapi/resource.h>
#include <vm.h>
#include "internal.h"
#include "task_mmu.h"

#define USER_HZ			100
#define NS_PER_TICK		(NSEC_PER_SEC / USER_HZ)

/* What tasklist_lock guards, copied out at once. */
struct tree_snapshot {
	int ppid, pgid, sid, tpgid, threads;
	const char *tty_name;		/* the controlling terminal's, or NULL */
	bool zombie;
	u64 utime_ns, stime_ns, cutime_ns, cstime_ns;
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt;
	u64 sig_shared;
};

static void snapshot_tree(struct task *t, bool whole, struct tree_snapshot *ts)
{
	struct task *leader = t->group_leader;
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task_usage u;

	ts->ppid = leader->parent ? leader->parent->tgid : 0;
	ts->pgid = leader->pgid;
	ts->sid = leader->sid;
	ts->tpgid = leader->tty ? leader->tty->pgrp : -1;
	ts->tty_name = leader->tty ? leader->tty->name : NULL;
	ts->threads = leader->live_threads;
	ts->zombie = leader->exit_state == EXIT_ZOMBIE;
	if (whole) {
		group_usage(leader, &u);
	} else {
		u = (struct task_usage){ 0 };
		task_usage_add(&u, t);
	}
	ts->utime_ns = u.utime_ns;
	ts->stime_ns = u.stime_ns;
	ts->min_flt = u.min_flt;
	ts->maj_flt = u.maj_flt;
	ts->cutime_ns = leader->reaped.utime_ns;
	ts->cstime_ns = leader->reaped.stime_ns;
	ts->cmin_flt = leader->reaped.min_flt;
	ts->cmaj_flt = leader->reaped.maj_flt;
	ts->sig_shared = leader->shared_pending.set;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* stat's tty_nr: the terminal's device number in Linux's new_encode_dev() form. */
static unsigned int tty_nr(const struct tree_snapshot *ts)
{
	u32 dev = ts->tty_name ? chrdev_find_by_name(ts->tty_name) : 0;

	return (MINOR(dev) & 0xff) | (MAJOR(dev) << 8) | ((MINOR(dev) & ~0xffu) << 12);
}

/* The one-letter state of ps(1), and its word in status. */
static char task_state_char(struct task *t, const struct tree_snapshot *ts)
{
	if (ts->zombie)
		return 'Z';
	switch (READ_ONCE(t->state)) {
	case TASK_RUNNING:
		return 'R';
	case TASK_INTERRUPTIBLE:
		return 'S';
	case TASK_UNINTERRUPTIBLE:
		return 'D';
	case TASK_STOPPED:
		return 'T';
	default:
		return t->exit_state ? 'X' : 'S';
	}
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	case 'X': return "X (dead)";
	default: return "S (sleeping)";
	}
}

/* Handlers of t's process, as SigIgn and SigCgt masks. */
static void signal_masks(struct task *t, u64 *ignored, u64 *caught)
{
	struct sighand *sh = t->sighand;

	*ignored = *caught = 0;
	if (!sh)
		return;
	for (int sig = 1; sig <= _NSIG; sig++) {
		void *h = READ_ONCE(sh->action[sig - 1].handler);

		if (h == SIG_IGN)
			*ignored |= 1ull << (sig - 1);
		else if (h != SIG_DFL)
			*caught |= 1ull << (sig - 1);
	}
}

static void task_comm(struct task *t, char comm[TASK_COMM_LEN])
{
	task_lock(t);
	memcpy(comm, t->comm, TASK_COMM_LEN);
	task_unlock(t);
	comm[TASK_COMM_LEN - 1] = '\0';
}

static void mem_stats(struct task *t, struct proc_mem_stats *st, struct mm **mmp)
{
	struct mm *mm = proc_task_mm(t);

	memset(st, 0, sizeof(*st));
	if (mm)
		proc_mem_stats(mm, st);
	*mmp = mm;
}

/* The 52 fields of /proc/PID/stat (proc(5)). */
int proc_show_stat(struct seq_buf *s, const struct proc_node *pn)
{
	struct task *t = proc_node_task(pn);
	char comm[TASK_COMM_LEN];
	struct proc_mem_stats st;
	struct tree_snapshot ts;
	u64 ignored, caught;
	struct mm *mm;
	bool permitted;

	if (!t)
		return -ESRCH;
	snapshot_tree(t, !pn->thread, &ts);
	task_comm(t, comm);
	mem_stats(t, &st, &mm);
	signal_masks(t, &ignored, &caught);
	permitted = proc_may_access(t);
	seq_printf(s, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu ", pn->pid, comm,
		   task_state_char(t, &ts), ts.ppid, ts.pgid, ts.sid, (int)tty_nr(&ts), ts.tpgid,
		   0x400000u /* PF_RANDOMIZE, as Linux shows most tasks */, ts.min_flt,
		   ts.cmin_flt, ts.maj_flt, ts.cmaj_flt);
	seq_printf(s, "%llu %llu %llu %llu %d %d %d 0 %llu %lu %lu %llu ",
		   (unsigned long long)(ts.utime_ns / NS_PER_TICK),
		   (unsigned long long)(ts.stime_ns / NS_PER_TICK),
		   (unsigned long long)(ts.cutime_ns / NS_PER_TICK),
		   (unsigned long long)(ts.cstime_ns / NS_PER_TICK),
		   20 + READ_ONCE(t->nice), READ_ONCE(t->nice), ts.threads,	/* priority, nice */
		   (unsigned long long)(t->start_time_ns / NS_PER_TICK), st.size * PAGE_SIZE, st.rss,
		   (unsigned long long)t->group_leader->rlim[RLIMIT_RSS].cur);
	seq_printf(s, "%lu %lu %lu 0 0 %llu %llu %llu %llu 0 0 0 %d %u 0 0 0 0 0 ",
		   mm ? (permitted ? st.start_code : 1ul) : 0ul,
		   mm ? (permitted ? st.end_code : 1ul) : 0ul,
		   permitted ? st.start_stack : 0ul,
		   (unsigned long long)(t->pending.set | ts.sig_shared),
		   (unsigned long long)t->blocked, (unsigned long long)ignored,
		   (unsigned long long)caught, t->exit_signal, t->cpu ? t->cpu->id : 0);
	seq_printf(s, "%lu %lu %lu %lu %lu %lu %lu %d\n", 0ul, 0ul,
		   permitted && mm ? st.start_brk : 0ul,
		   permitted && mm ? mm->arg_start : 0ul, permitted && mm ? mm->arg_end : 0ul,
		   permitted && mm ? mm->env_start : 0ul, permitted && mm ? mm->env_end : 0ul,
		   permitted && ts.zombie ? t->group_leader->exit_status : 0);
	if (mm)
		mm_put(mm);
	task_put(t);
	return 0;
}

/* size resident shared text lib data dt, in pages. */
int proc_show_statm(struct seq_buf *s, const struct proc_node *pn)
{
	struct task *t = proc_node_task(pn);
	struct proc_mem_stats st;
	struct mm *mm;

	if (!t)
		return -ESRCH;
	mem_stats(t, &st, &mm);
	seq_printf(s, "%lu %lu %lu %lu 0 %lu 0\n", st.size, st.rss, st.shared, st.exec,
		   st.data + st.stack);
	if (mm)
		mm_put(mm);
	task_put(t);
	return 0;
}

static void show_status_ids(struct seq_buf *s, struct task *t, const struct proc_node *pn,
			    const struct tree_snapshot *ts)
{
	const struct cred *c = task_cred_get(t);
	unsigned int fdsize = 0;
	struct files *files;
	struct fs_context *fs;
	u32 umask = 022;

	task_lock(t);
	files = t->files ? files_get(t->files) : NULL;
	fs = t->fs ? fs_context_get(t->fs) : NULL;
	task_unlock(t);
	if (files) {
		fdsize = READ_ONCE(files->max_fds);
		files_put(files);
	}
	if (fs) {
		umask = READ_ONCE(fs->umask);
		fs_context_put(fs);
	}
	seq_printf(s, "Umask:\t%04o\n", umask);
	seq_printf(s, "State:\t%s\n", state_name(task_state_char(t, ts)));
	seq_printf(s, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", t->tgid,
		   pn->pid, ts->ppid);
	seq_printf(s, "Uid:\t%u\t%u\t%u\t%u\n", c->uid, c->euid, c->suid, c->fsuid);
	seq_printf(s, "Gid:\t%u\t%u\t%u\t%u\n", c->gid, c->egid, c->sgid, c->fsgid);
	seq_printf(s, "FDSize:\t%u\nGroups:\t", fdsize);
	for (unsigned int i = 0; i < c->ngroups; i++)
		seq_printf(s, "%u ", c->groups[i]);
	seq_printf(s, "\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", t->tgid, pn->pid,
		   ts->pgid, ts->sid);
	cred_put(c);
}

static void show_status_mem(struct seq_buf *s, const struct proc_mem_stats *st)
{
	unsigned long kb = PAGE_SIZE / 1024;

	seq_printf(s, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\n", st->size * kb, st->size * kb);
	seq_printf(s, "VmLck:\t%8lu kB\nVmPin:\t%8lu kB\n", st->locked * kb, 0ul);
	seq_printf(s, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n", st->rss * kb, st->rss * kb);
	seq_printf(s, "RssAnon:\t%8lu kB\nRssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n",
		   (st->rss - st->shared) * kb, 0ul, st->shared * kb);
	seq_printf(s, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n", st->data * kb,
		   st->stack * kb, st->exec * kb);
	seq_printf(s, "VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n", 0ul, 0ul, 0ul);
	seq_printf(s, "HugetlbPages:\t%8lu kB\n", 0ul);
}

static void show_status_signals(struct seq_buf *s, struct task *t,
				const struct tree_snapshot *ts)
{
	u64 ignored, caught;

	signal_masks(t, &ignored, &caught);
	seq_printf(s, "SigQ:\t0/%llu\n",
		   (unsigned long long)t->group_leader->rlim[RLIMIT_SIGPENDING].cur);
	seq_printf(s, "SigPnd:\t%016llx\nShdPnd:\t%016llx\n",
		   (unsigned long long)t->pending.set, (unsigned long long)ts->sig_shared);
	seq_printf(s, "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		   (unsigned long long)t->blocked, (unsigned long long)ignored,
		   (unsigned long long)caught);
}

static void show_status_caps(struct seq_buf *s, struct task *t)
{
	const struct cred *c = task_cred_get(t);
	unsigned long long prm = cred_cap_permitted(c), eff = cred_cap_effective(c);

	cred_put(c);
	seq_printf(s, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n", 0ull, prm, eff);
	seq_printf(s, "CapBnd:\t%016llx\nCapAmb:\t%016llx\n", 0x000001ffffffffffull, 0ull);
	seq_printf(s, "NoNewPrivs:\t%d\nSeccomp:\t0\nSeccomp_filters:\t0\n",
		   READ_ONCE(t->no_new_privs) ? 1 : 0);
	seq_printf(s, "Cpus_allowed:\t%x\nCpus_allowed_list:\t0", (1u << ncpus_online) - 1);
	if (ncpus_online > 1)
		seq_printf(s, "-%u", ncpus_online - 1);
	seq_puts(s, "\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_printf(s, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   READ_ONCE(t->nvcsw), READ_ONCE(t->nivcsw));
}

int proc_show_status(struct seq_buf *s, const struct proc_node *pn)
{
	struct task *t = proc_node_task(pn);
	char comm[TASK_COMM_LEN];
	struct proc_mem_stats st;
	struct tree_snapshot ts;
	struct mm *mm;

	if (!t)
		return -ESRCH;
	snapshot_tree(t, !pn->thread, &ts);
	task_comm(t, comm);
	mem_stats(t, &st, &mm);
	seq_printf(s, "Name:\t%s\n", comm);
	show_status_ids(s, t, pn, &ts);
	if (mm) {
		show_status_mem(s, &st);
		mm_put(mm);
	}
	seq_printf(s, "CoreDumping:\t0\nTHP_enabled:\t1\nThreads:\t%d\n", ts.threads);
	show_status_signals(s, t, &ts);
	show_status_caps(s, t);
	task_put(t);
	return 0;
}
