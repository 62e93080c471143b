/*
 * procfs: the filesystem type "proc" and the top of /proc.
 *
 * There is one instance, made at boot; every mount of "proc" shows it
 * (mount -t proc proc /proc).  Its root lists the global files below and
 * one directory per process; self and thread-self are symlinks computed
 * for whoever follows them, and mounts points into self.  sysrq-trigger
 * (mode 0200, root's) runs the SysRq command named by the first byte
 * written (include/sysrq.h).
 */
#include <format.h>
#include <errno.h>
#include <kmalloc.h>
#include <panic.h>
#include <proc.h>
#include <uapi/statfs.h>
#include <string.h>
#include <sysrq.h>
#include "internal.h"

extern const struct dentry_operations proc_dentry_ops;

static struct super_block *proc_sb;	/* immutable after proc_init() */

static char *link_self(const struct proc_node *pn, struct path *jump)
{
	char *s = kmalloc(16, GFP_KERNEL);

	if (!s)
		return ERR_PTR(-ENOMEM);
	snprintf(s, 16, "%d", current_task()->tgid);
	return s;
}

static char *link_thread_self(const struct proc_node *pn, struct path *jump)
{
	char *s = kmalloc(32, GFP_KERNEL);

	if (!s)
		return ERR_PTR(-ENOMEM);
	snprintf(s, 32, "%d/task/%d", current_task()->tgid, current_task()->tid);
	return s;
}

static char *link_mounts(const struct proc_node *pn, struct path *jump)
{
	char *s = kmalloc(16, GFP_KERNEL);

	if (!s)
		return ERR_PTR(-ENOMEM);
	strlcpy(s, "self/mounts", 16);
	return s;
}

/* Linux looks at the first byte only and takes the whole write. */
static ssize_t write_sysrq_trigger(const struct proc_node *pn, const char *buf, size_t len)
{
	if (len)
		sysrq_handle(buf[0]);
	return (ssize_t)len;
}

#define REG(n, fn)	{ .name = (n), .mode = S_IFREG | 0444, .show = (fn) }

static const struct proc_entry root_entries[] = {
	REG("cmdline", proc_show_cmdline),
	REG("cpuinfo", proc_show_cpuinfo),
	REG("filesystems", proc_show_filesystems),
	REG("loadavg", proc_show_loadavg),
	REG("meminfo", proc_show_meminfo),
	{ .name = "mounts", .mode = S_IFLNK | 0777, .get_link = link_mounts },
	{ .name = "net", .mode = S_IFLNK | 0777, .get_link = proc_link_net },
	{ .name = "self", .mode = S_IFLNK | 0777, .get_link = link_self },
	REG("stat", proc_show_kstat),
	{ .name = "sys", .mode = S_IFDIR | 0555, .children = proc_sys_entries },
	{ .name = "sysrq-trigger", .mode = S_IFREG | 0200, .write = write_sysrq_trigger },
	{ .name = "thread-self", .mode = S_IFLNK | 0777, .get_link = link_thread_self },
	REG("uptime", proc_show_uptime),
	REG("version", proc_show_version),
	{ 0 }
};

static const struct proc_entry root_entry = {
	.name = "/", .mode = S_IFDIR | 0555, .children = root_entries, .dyn = &proc_root_pids,
};

static void proc_evict_inode(struct inode *inode)
{
	kfree(inode->private);
}

static const struct super_operations proc_super_ops = {
	.evict_inode = proc_evict_inode,
};

static struct super_block *proc_get_sb(const struct file_system_type *type, unsigned long flags,
				       const char *source, const char *data)
{
	sb_get(proc_sb);
	return proc_sb;
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.flags = FS_SINGLE,
	.mount = proc_get_sb,
};

void proc_init(void)
{
	static const struct proc_node root_node = { .fd = -1 };
	struct inode *root;

	proc_sb = sb_alloc(&proc_fs_type, &proc_super_ops, PROC_SUPER_MAGIC);
	if (!proc_sb)
		panic("procfs: no memory");
	proc_sb->d_op = &proc_dentry_ops;
	root = proc_make_inode(proc_sb, &root_entry, &root_node, 0, 0, 1);
	proc_sb->root = root ? d_make_root(root) : NULL;
	if (!proc_sb->root)
		panic("procfs: no memory");
	register_filesystem(&proc_fs_type);
}
