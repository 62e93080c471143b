/*
 * procfs internals, shared by the files of fs/proc/.
 *
 * Nothing in procfs is stored: every file is generated when read.  The
 * tree is described by const tables of struct proc_entry (name, mode and
 * what the entry does); an inode is made for an entry when a lookup
 * reaches it, and carries a struct proc_node saying which entry it shows
 * and, inside /proc/PID, for which task.  Directories list their fixed
 * table first, then dynamic names (pids, fds, tids) from proc_dir_ops.
 *
 * A per-task node names the task by pid and start time, never by a
 * pointer: each use looks the task up again (proc_node_task), so a node
 * outliving its task just answers -ESRCH / -ENOENT and a reused pid is
 * not mistaken for the old process.  Dentries are never cached after
 * their last use, and cached ones are revalidated by the same check.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include <seq_buf.h>
#include <vfs.h>
#include "../internal.h"

struct task;
struct proc_node;

/* Dynamic names of a directory, listed after its fixed entries. */
struct proc_dir_ops {
	/* The inode for name, NULL when there is none, or ERR_PTR. */
	struct inode *(*lookup)(struct inode *dir, const struct qstr *name);
	/*
	 * Emit entries whose key is >= first; each entry's position is
	 * base + key + 1 (keys are pids or fds, listed in increasing order).
	 * Returns false when the caller's buffer filled up.
	 */
	bool (*iterate)(struct inode *dir, struct dir_context *ctx, u64 base, u64 first);
};

struct proc_entry {
	const char *name;
	u32 mode;			/* S_IFDIR/S_IFREG/S_IFLNK | permissions */
	/* Regular files: generate the contents (0, or -errno for read()). */
	int (*show)(struct seq_buf *s, const struct proc_node *pn);
	/* Writable files: apply what was written (bytes taken or -errno). */
	ssize_t (*write)(const struct proc_node *pn, const char *buf, size_t len);
	/* Symlinks: as inode_operations.get_link, and the readlink text. */
	char *(*get_link)(const struct proc_node *pn, struct path *jump);
	/* Directories: fixed children (ended by a nameless entry), then dynamic ones. */
	const struct proc_entry *children;
	const struct proc_dir_ops *dyn;
	bool process_only;		/* left out of /proc/PID/task/TID */
};

/* inode->private of every procfs inode; immutable. */
struct proc_node {
	const struct proc_entry *entry;
	int pid;			/* the task (its tid), 0 outside /proc/PID */
	u64 start_ns;			/* the task's start time: its identity beside the pid */
	int fd;				/* /proc/PID/fd/N: N, else -1 */
	bool thread;			/* inside /proc/PID/task/TID: one thread's view */
};

/* inode.c */
extern const struct inode_operations proc_dir_iops;
extern const struct file_operations proc_dir_fops;
/*
 * A new inode showing entry for node *tmpl (copied; its entry field is
 * replaced), owned by uid/gid, with inode number ino.  NULL on -ENOMEM.
 */
struct inode *proc_make_inode(struct super_block *sb, const struct proc_entry *entry,
			      const struct proc_node *tmpl, u32 uid, u32 gid, u64 ino);
static inline const struct proc_node *proc_node(const struct inode *inode)
{
	return inode->private;
}
/*
 * The name of p as the caller sees it from its root, " (deleted)" added
 * for an unlinked file, as Linux's d_path(): written at the end of buf,
 * returns the offset where it starts, or a negative errno.
 */
long proc_path_name(const struct path *p, char *buf, size_t len);
/* Parse a decimal name ("123") as a non-negative int; -1 if it is not one. */
int proc_name_to_int(const struct qstr *name);
/* Emit a name made from a number ("123"). */
bool proc_emit_number(struct dir_context *ctx, u64 pos, unsigned long n, u64 ino,
		      unsigned int type);

/* base.c: the task a node names, with a reference, or NULL once it is gone. */
struct task *proc_node_task(const struct proc_node *pn);
/* The inode of /proc/PID (or /proc/PID/task/TID) for t. */
struct inode *proc_pid_inode(struct super_block *sb, struct task *t, bool thread);
/* t's address space with a reference (mm_put it), or NULL: kernel thread, exited. */
struct mm *proc_task_mm(struct task *t);
/* May the caller see t's private files (fd, environ, exe...)? */
bool proc_may_access(struct task *t);
/* Is t's address space dumpable (true without one)?  Not: /proc shows it as root's. */
bool proc_task_dumpable(struct task *t);
/*
 * Who owns a /proc/PID entry of this mode: the task's effective ids; but
 * root for anything but a 0555 directory when the task's mm may not be
 * dumped or is gone (Linux's task_dump_owner()).
 */
void proc_task_owner(struct task *t, u32 mode, u32 *uid, u32 *gid);
extern const struct proc_dir_ops proc_root_pids;

/* fd.c, task_mmu.c, array.c: per-task files */
extern const struct proc_dir_ops proc_fd_ops;
extern const struct proc_dir_ops proc_fdinfo_ops;
int proc_show_maps(struct seq_buf *s, const struct proc_node *pn);
int proc_show_smaps(struct seq_buf *s, const struct proc_node *pn);
int proc_show_smaps_rollup(struct seq_buf *s, const struct proc_node *pn);
int proc_show_stat(struct seq_buf *s, const struct proc_node *pn);
int proc_show_statm(struct seq_buf *s, const struct proc_node *pn);
int proc_show_status(struct seq_buf *s, const struct proc_node *pn);

/* info.c and sys.c: the global files */
int proc_show_meminfo(struct seq_buf *s, const struct proc_node *pn);
int proc_show_uptime(struct seq_buf *s, const struct proc_node *pn);
int proc_show_loadavg(struct seq_buf *s, const struct proc_node *pn);
int proc_show_kstat(struct seq_buf *s, const struct proc_node *pn);
int proc_show_cpuinfo(struct seq_buf *s, const struct proc_node *pn);
int proc_show_version(struct seq_buf *s, const struct proc_node *pn);
int proc_show_filesystems(struct seq_buf *s, const struct proc_node *pn);
int proc_show_cmdline(struct seq_buf *s, const struct proc_node *pn);
extern const struct proc_entry proc_sys_entries[];
/* net.c: /proc/PID/net, and the /proc/net link to it */
extern const struct proc_entry proc_net_entries[];
char *proc_link_net(const struct proc_node *pn, struct path *jump);

/* fd.c: does the descriptor a /proc/PID/fd/N node names still exist? */
bool proc_fd_still_open(const struct proc_node *pn);

#endif
