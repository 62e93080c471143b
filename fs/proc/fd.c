/*
 * /proc/PID/fd: one magic symlink per open descriptor.  Following
 * fd/N opens the very file the process has (even a pipe or an unlinked
 * file); readlink gives its path, or "pipe:[ino]"-style names for files
 * outside every tree.  Only a process allowed to inspect the target
 * (proc_may_access) follows or reads them.  /proc/PID/fdinfo/N tells
 * the same file's position, flags, mount id and inode number.
 */
#include <format.h>
#include <errno.h>
#include <file.h>
#include <proc.h>
#include <string.h>
#include <uapi/dirent.h>
#include <uapi/fcntl.h>
#include "internal.h"

/* t's descriptor table with a reference, or NULL. */
static struct files *task_get_files(struct task *t)
{
	struct files *files;

	task_lock(t);
	files = t->files ? files_get(t->files) : NULL;
	task_unlock(t);
	return files;
}

/* The file at fd in t's table, with a reference, or NULL; *cloexec its FD_CLOEXEC. */
static struct file *task_fget_cloexec(struct task *t, int fd, bool *cloexec)
{
	struct files *files = task_get_files(t);
	struct file *f = NULL;

	if (!files)
		return NULL;
	if (fd >= 0)
		f = files_fget_cloexec(files, (unsigned int)fd, cloexec);
	files_put(files);
	return f;
}

static struct file *task_fget(struct task *t, int fd)
{
	bool cloexec;

	return task_fget_cloexec(t, fd, &cloexec);
}

/* The smallest open fd >= first in t's table, or -1. */
static int next_open_fd(struct task *t, u64 first)
{
	struct files *files = task_get_files(t);
	int found;

	if (!files)
		return -1;
	found = first > 0xffffffffu ? -1 : files_next_fd(files, (unsigned int)first);
	files_put(files);
	return found;
}

bool proc_fd_still_open(const struct proc_node *pn)
{
	struct task *t = proc_node_task(pn);
	struct file *f = t ? task_fget(t, pn->fd) : NULL;

	if (t)
		task_put(t);
	if (f)
		file_put(f);
	return f != NULL;
}

static char *fd_get_link(const struct proc_node *pn, struct path *jump)
{
	struct task *t = proc_node_task(pn);
	struct file *f;

	if (!t)
		return ERR_PTR(-ENOENT);
	if (!proc_may_access(t)) {
		task_put(t);
		return ERR_PTR(-EACCES);
	}
	f = task_fget(t, pn->fd);
	task_put(t);
	if (!f)
		return ERR_PTR(-ENOENT);
	*jump = f->path;
	path_get(jump);
	file_put(f);
	return NULL;
}

static const struct proc_entry fd_link_entry = {
	.name = "fd", .mode = S_IFLNK | 0700, .get_link = fd_get_link,
};

/* Linux's fdinfo lines (fs/proc/fd.c seq_show) for t's descriptor pn->fd. */
static int fdinfo_show(struct seq_buf *s, const struct proc_node *pn)
{
	struct task *t = proc_node_task(pn);
	bool cloexec = false;
	unsigned int flags;
	struct file *f;

	if (!t)
		return -ESRCH;
	if (!proc_may_access(t)) {
		task_put(t);
		return -EACCES;
	}
	f = task_fget_cloexec(t, pn->fd, &cloexec);
	task_put(t);
	if (!f)
		return -ENOENT;
	flags = file_flags(f) | (cloexec ? O_CLOEXEC : 0);
	seq_printf(s, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n",
		   (long long)READ_ONCE(f->pos), flags, f->path.mnt->id,
		   (unsigned long long)f->inode->ino);
	file_put(f);
	return 0;
}

static const struct proc_entry fdinfo_file_entry = {
	.name = "fdinfo", .mode = S_IFREG | 0400, .show = fdinfo_show,
};

/* The inode for fd/N (a symlink) or fdinfo/N (a file), if t has that fd open. */
static struct inode *fd_entry_lookup(struct inode *dir, const struct qstr *name,
				     const struct proc_entry *entry)
{
	const struct proc_node *dn = proc_node(dir);
	struct proc_node pn = *dn;
	struct task *t = proc_node_task(dn);
	struct inode *inode;
	struct file *f;

	pn.fd = proc_name_to_int(name);
	if (!t || pn.fd < 0) {
		if (t)
			task_put(t);
		return NULL;
	}
	f = task_fget(t, pn.fd);
	if (!f) {
		task_put(t);
		return NULL;
	}
	inode = proc_make_inode(dir->sb, entry, &pn, dir->uid, dir->gid, 0);
	if (inode && entry == &fd_link_entry)	/* lrwx------ by access mode, as Linux shows it */
		inode->mode = S_IFLNK | ((f->mode & FMODE_READ) ? 0500 : 0) |
			      ((f->mode & FMODE_WRITE) ? 0300 : 0);
	file_put(f);
	task_put(t);
	return inode ? inode : ERR_PTR(-ENOMEM);
}

static struct inode *fd_lookup(struct inode *dir, const struct qstr *name)
{
	return fd_entry_lookup(dir, name, &fd_link_entry);
}

static struct inode *fdinfo_lookup(struct inode *dir, const struct qstr *name)
{
	return fd_entry_lookup(dir, name, &fdinfo_file_entry);
}

/* Names in fd/ and fdinfo/: one per open descriptor. */
static bool fd_names_iterate(struct inode *dir, struct dir_context *ctx, u64 base, u64 first,
			     unsigned int type, u64 ino_tag)
{
	const struct proc_node *dn = proc_node(dir);
	struct task *t = proc_node_task(dn);
	bool more = true;
	int fd;

	if (!t)
		return true;
	while (more && (fd = next_open_fd(t, first)) >= 0) {
		u64 ino = ((u64)dn->pid << 32) | ino_tag | (u64)fd;

		more = proc_emit_number(ctx, base + (u64)fd, (unsigned long)fd, ino, type);
		first = (u64)fd + 1;
	}
	task_put(t);
	return more;
}

static bool fd_iterate(struct inode *dir, struct dir_context *ctx, u64 base, u64 first)
{
	return fd_names_iterate(dir, ctx, base, first, DT_LNK, 0x80000000ull);
}

static bool fdinfo_iterate(struct inode *dir, struct dir_context *ctx, u64 base, u64 first)
{
	return fd_names_iterate(dir, ctx, base, first, DT_REG, 0x40000000ull);
}

const struct proc_dir_ops proc_fd_ops = {
	.lookup = fd_lookup,
	.iterate = fd_iterate,
};

const struct proc_dir_ops proc_fdinfo_ops = {
	.lookup = fdinfo_lookup,
	.iterate = fdinfo_iterate,
};
