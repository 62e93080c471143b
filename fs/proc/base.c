/*
 * /proc/PID: one directory per process (thread-group leader), listed in
 * /proc, and /proc/PID/task/TID for each of its threads.  A thread that
 * is not a leader can still be reached as /proc/TID, as on Linux.
 *
 * Other tasks' state is reached the careful way: the task is looked up
 * by pid under tasklist_lock and held by a reference; its mm, files and
 * fs are taken with references under its alloc_lock (task_lock), so an
 * exiting or exec'ing task never frees them under us.  Another process's
 * memory (cmdline, environ) is read through its page tables
 * (vm_read_remote), never through the reader's address space.
 */
#include <format.h>
#include <cred.h>
#include <errno.h>
#include <file.h>
#include <kmalloc.h>
#include <proc.h>
#include <string.h>
#include <uapi/dirent.h>
#include <vm.h>
#include "internal.h"

#define PROC_ARGS_MAX	(1ul << 20)	/* cmdline/environ shown at most */

struct task *proc_node_task(const struct proc_node *pn)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task *t = pid_lookup(pn->pid);

	if (t && (t->start_time_ns != pn->start_ns || t->exit_state == EXIT_DEAD))
		t = NULL;
	if (t)
		task_get(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return t;
}

/*
 * Linux's ptrace_may_access(PTRACE_MODE_READ_FSCREDS) without ptrace: the
 * caller is root, or its fs ids match all of the target's real, effective
 * and saved ids.
 */
bool proc_may_access(struct task *t)
{
	const struct cred *me = current_cred(), *c;
	bool ok;

	if (t->tgid == current_task()->tgid || cred_is_root(me))
		return true;
	c = task_cred_get(t);
	ok = me->fsuid == c->uid && me->fsuid == c->euid && me->fsuid == c->suid &&
	     me->fsgid == c->gid && me->fsgid == c->egid && me->fsgid == c->sgid;
	cred_put(c);
	return ok && proc_task_dumpable(t);	/* Linux: a non-dumpable mm needs the capability */
}

bool proc_task_dumpable(struct task *t)
{
	bool dumpable;

	task_lock(t);
	dumpable = !t->mm || READ_ONCE(t->mm->dumpable);
	task_unlock(t);
	return dumpable;
}

/* Linux's task_dump_owner() test for the non-directories: an mm that may be dumped. */
static bool owned_as_task(struct task *t)
{
	bool mine;

	task_lock(t);
	mine = t->mm && READ_ONCE(t->mm->dumpable);
	task_unlock(t);
	return mine;
}

void proc_task_owner(struct task *t, u32 mode, u32 *uid, u32 *gid)
{
	const struct cred *c;

	*uid = *gid = 0;
	if (mode != (S_IFDIR | 0555) && !owned_as_task(t))
		return;
	c = task_cred_get(t);
	*uid = c->euid;
	*gid = c->egid;
	cred_put(c);
}

struct mm *proc_task_mm(struct task *t)
{
	struct mm *mm;

	task_lock(t);
	mm = t->mm;
	if (mm)
		mm_get(mm);
	task_unlock(t);
	return mm;
}

/* --- cmdline, environ, comm ---------------------------------------------------- */

/* Copy [start, end) of t's memory into s. */
static int show_user_range(struct seq_buf *s, struct mm *mm, unsigned long start,
			   unsigned long end)
{
	size_t len = end > start ? MIN(end - start, PROC_ARGS_MAX) : 0;
	char *buf;

	if (!len)
		return 0;
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	seq_write(s, buf, vm_read_remote(mm, start, buf, len));
	kfree(buf);
	return 0;
}

static int show_args(struct seq_buf *s, const struct proc_node *pn, bool environ)
{
	struct task *t = proc_node_task(pn);
	struct mm *mm;
	int err = 0;

	if (!t)
		return -ESRCH;
	if (environ && !proc_may_access(t)) {
		task_put(t);
		return -EACCES;
	}
	mm = proc_task_mm(t);
	task_put(t);
	if (!mm)
		return 0;		/* kernel threads and zombies: empty */
	if (environ)
		err = show_user_range(s, mm, mm->env_start, mm->env_end);
	else
		err = show_user_range(s, mm, mm->arg_start, mm->arg_end);
	mm_put(mm);
	return err;
}

static int show_cmdline(struct seq_buf *s, const struct proc_node *pn)
{
	return show_args(s, pn, false);
}

static int show_environ(struct seq_buf *s, const struct proc_node *pn)
{
	return show_args(s, pn, true);
}

static int show_comm(struct seq_buf *s, const struct proc_node *pn)
{
	struct task *t = proc_node_task(pn);
	char comm[TASK_COMM_LEN];

	if (!t)
		return -ESRCH;
	task_lock(t);
	memcpy(comm, t->comm, sizeof(comm));
	task_unlock(t);
	comm[TASK_COMM_LEN - 1] = '\0';
	seq_printf(s, "%s\n", comm);
	task_put(t);
	return 0;
}

/* Writing comm renames a thread of the caller's own process (Linux: same tgid). */
static ssize_t write_comm(const struct proc_node *pn, const char *buf, size_t len)
{
	struct task *t = proc_node_task(pn);
	size_t n = MIN(len, (size_t)TASK_COMM_LEN - 1);

	if (!t)
		return -ESRCH;
	if (t->tgid != current_task()->tgid) {
		task_put(t);
		return -EINVAL;
	}
	if (n && buf[n - 1] == '\n')
		n--;
	task_lock(t);
	memset(t->comm, 0, sizeof(t->comm));
	memcpy(t->comm, buf, n);
	task_unlock(t);
	task_put(t);
	return (ssize_t)len;
}

/* --- exe, cwd, root ------------------------------------------------------------ */

static char *link_exe(const struct proc_node *pn, struct path *jump)
{
	struct task *t = proc_node_task(pn);
	struct mm *mm;

	if (!t)
		return ERR_PTR(-ENOENT);
	if (!proc_may_access(t)) {
		task_put(t);
		return ERR_PTR(-EACCES);
	}
	mm = proc_task_mm(t);
	task_put(t);
	if (!mm || !mm->exe_file) {
		if (mm)
			mm_put(mm);
		return ERR_PTR(-ENOENT);
	}
	*jump = mm->exe_file->path;
	path_get(jump);
	mm_put(mm);
	return NULL;
}

/* t's root (root true) or working directory, with references. */
static int task_fs_path(struct task *t, bool root, struct path *out)
{
	struct fs_context *fs;

	task_lock(t);
	fs = t->fs ? fs_context_get(t->fs) : NULL;
	task_unlock(t);
	if (!fs)
		return -ENOENT;
	spin_lock(&fs->lock);
	*out = root ? fs->root : fs->cwd;
	path_get(out);
	spin_unlock(&fs->lock);
	fs_context_put(fs);
	return 0;
}

static char *link_fs_path(const struct proc_node *pn, struct path *jump, bool root)
{
	struct task *t = proc_node_task(pn);
	int err;

	if (!t)
		return ERR_PTR(-ENOENT);
	err = proc_may_access(t) ? task_fs_path(t, root, jump) : -EACCES;
	task_put(t);
	return err ? ERR_PTR(err) : NULL;
}

static char *link_cwd(const struct proc_node *pn, struct path *jump)
{
	return link_fs_path(pn, jump, false);
}

static char *link_root(const struct proc_node *pn, struct path *jump)
{
	return link_fs_path(pn, jump, true);
}

/* --- mounts, mountinfo ----------------------------------------------------------- */

static int show_task_mounts(struct seq_buf *s, const struct proc_node *pn, bool info)
{
	struct task *t = proc_node_task(pn);
	struct path root;
	int err;

	if (!t)
		return -ESRCH;
	err = task_fs_path(t, true, &root);
	task_put(t);
	if (err)
		return -EINVAL;		/* past its exit: Linux says EINVAL too */
	vfs_show_mounts(s, &root, info);
	path_put(&root);
	return 0;
}

static int show_mounts(struct seq_buf *s, const struct proc_node *pn)
{
	return show_task_mounts(s, pn, false);
}

static int show_mountinfo(struct seq_buf *s, const struct proc_node *pn)
{
	return show_task_mounts(s, pn, true);
}

/* --- task/ ------------------------------------------------------------------------ */

/* The thread tid of the process the task/ directory belongs to, with a reference. */
static struct task *find_thread(const struct proc_node *pn, int tid)
{
	struct task *leader = proc_node_task(pn), *t;
	unsigned long flags;

	if (!leader)
		return NULL;
	flags = spin_lock_irqsave(&tasklist_lock);
	t = pid_lookup(tid);
	if (t && (t->tgid != leader->tgid || t->exit_state == EXIT_DEAD))
		t = NULL;
	if (t)
		task_get(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	task_put(leader);
	return t;
}

static struct inode *task_dir_lookup(struct inode *dir, const struct qstr *name)
{
	int tid = proc_name_to_int(name);
	struct task *t = tid > 0 ? find_thread(proc_node(dir), tid) : NULL;
	struct inode *inode;

	if (!t)
		return NULL;
	inode = proc_pid_inode(dir->sb, t, true);
	task_put(t);
	return inode ? inode : ERR_PTR(-ENOMEM);
}

/* The smallest tid >= first among the threads of pn's process; -1 if none. */
static int next_thread_tid(const struct proc_node *pn, int first)
{
	struct task *leader = proc_node_task(pn), *t;
	unsigned long flags;
	int best = -1;

	if (!leader)
		return -1;
	flags = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(t, &leader->group_leader->threads, thread_node) {
		if (t->tid >= first && (best < 0 || t->tid < best))
			best = t->tid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	task_put(leader);
	return best;
}

static bool task_dir_iterate(struct inode *dir, struct dir_context *ctx, u64 base, u64 first)
{
	const struct proc_node *pn = proc_node(dir);
	int tid;

	while ((tid = next_thread_tid(pn, (int)MIN(first, (u64)PID_MAX_LIMIT))) > 0) {
		if (!proc_emit_number(ctx, base + (u64)tid, (unsigned long)tid,
				      ((u64)tid << 32) | 2, DT_DIR))
			return false;
		first = (u64)tid + 1;
	}
	return true;
}

static const struct proc_dir_ops task_dir_ops = {
	.lookup = task_dir_lookup,
	.iterate = task_dir_iterate,
};

/* --- the tables ---------------------------------------------------------------- */

#define REG(n, m, fn)	{ .name = (n), .mode = S_IFREG | (m), .show = (fn) }
#define LNK(n, fn)	{ .name = (n), .mode = S_IFLNK | 0777, .get_link = (fn) }

/* A thread's directory shows the same table without "task". */
static const struct proc_entry pid_entries[] = {
	{ .name = "fd", .mode = S_IFDIR | 0500, .dyn = &proc_fd_ops },
	{ .name = "fdinfo", .mode = S_IFDIR | 0500, .dyn = &proc_fdinfo_ops },
	REG("cmdline", 0444, show_cmdline),
	{ .name = "comm", .mode = S_IFREG | 0644, .show = show_comm, .write = write_comm },
	REG("environ", 0400, show_environ),
	LNK("exe", link_exe),
	LNK("cwd", link_cwd),
	LNK("root", link_root),
	REG("stat", 0444, proc_show_stat),
	REG("statm", 0444, proc_show_statm),
	REG("status", 0444, proc_show_status),
	REG("maps", 0444, proc_show_maps),
	REG("smaps", 0444, proc_show_smaps),
	REG("smaps_rollup", 0444, proc_show_smaps_rollup),
	REG("mounts", 0444, show_mounts),
	REG("mountinfo", 0444, show_mountinfo),
	{ .name = "net", .mode = S_IFDIR | 0555, .children = proc_net_entries },
	{ .name = "task", .mode = S_IFDIR | 0555, .dyn = &task_dir_ops, .process_only = true },
	{ 0 }
};

static const struct proc_entry pid_dir_entry = {
	.name = "pid", .mode = S_IFDIR | 0555, .children = pid_entries,
};

struct inode *proc_pid_inode(struct super_block *sb, struct task *t, bool thread)
{
	const struct cred *c = task_cred_get(t);
	struct proc_node pn = { .pid = t->tid, .start_ns = t->start_time_ns, .fd = -1,
				.thread = thread };
	struct inode *inode = proc_make_inode(sb, &pid_dir_entry, &pn, c->euid, c->egid,
					      ((u64)t->tid << 32) | 2);

	cred_put(c);
	return inode;
}

/* --- /proc itself lists the processes ------------------------------------------ */

static struct inode *root_pid_lookup(struct inode *dir, const struct qstr *name)
{
	struct proc_node pn = { .pid = proc_name_to_int(name), .fd = -1 };
	struct task *t = NULL;
	struct inode *inode;
	unsigned long flags;

	if (pn.pid <= 0)
		return NULL;
	flags = spin_lock_irqsave(&tasklist_lock);
	t = pid_lookup(pn.pid);
	if (t && t->exit_state == EXIT_DEAD)
		t = NULL;
	if (t)
		task_get(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!t)
		return NULL;
	inode = proc_pid_inode(dir->sb, t, false);
	task_put(t);
	return inode ? inode : ERR_PTR(-ENOMEM);
}

static bool root_pid_iterate(struct inode *dir, struct dir_context *ctx, u64 base, u64 first)
{
	for (;;) {
		unsigned long flags = spin_lock_irqsave(&tasklist_lock);
		int pid = pid_next_process((int)MIN(first, (u64)PID_MAX_LIMIT));

		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (pid < 0)
			return true;
		if (!proc_emit_number(ctx, base + (u64)pid, (unsigned long)pid,
				      ((u64)pid << 32) | 2, DT_DIR))
			return false;
		first = (u64)pid + 1;
	}
}

const struct proc_dir_ops proc_root_pids = {
	.lookup = root_pid_lookup,
	.iterate = root_pid_iterate,
};
