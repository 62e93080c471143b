/*
 * devpts: the directory of pseudo-terminal slaves, mounted on /dev/pts
 * ("mount -t devpts devpts /dev/pts").
 *
 * There is a single instance, shared by every mount (Linux gives each
 * "newinstance" mount its own; nothing here needs that).  It is a tmpfs
 * instance whose names only the kernel makes: opening /dev/ptmx adds
 * "N" (character device 136:N, mode 0600, owned by the opener's fsuid and
 * fsgid, Linux's defaults without mount options) and closing the master
 * removes it.  "ptmx" (5:2, mode 0000 as Linux's ptmxmode default) is
 * there from the start.  Users may chmod and chown the nodes (grantpt)
 * but not create or remove names: the root directory's creators are left
 * out, which gives -EPERM as on Linux.
 *
 * Nodes are made and removed directly in the root with its inode lock
 * held, as the VFS would for mknod and unlink.
 */
#include <devpts.h>
#include <format.h>
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "internal.h"
#include "tmpfs/tmpfs.h"

#define DEVPTS_SUPER_MAGIC	0x1cd1
#define PTMX_DEV		MKDEV(5, 2)

static struct super_block *devpts_sb;	/* immutable after devpts_init() */
static struct mount *devpts_mnt;	/* likewise */

/* The root: lookups and attribute changes only. */
static const struct inode_operations devpts_root_iops = {
	.lookup = tmpfs_dir_lookup,
	.setattr = tmpfs_setattr,
};

static struct super_block *devpts_get_sb(const struct file_system_type *type,
					 unsigned long flags, const char *source,
					 const char *data)
{
	sb_get(devpts_sb);
	return devpts_sb;
}

static struct file_system_type devpts_type = {
	.name = "devpts",
	.flags = FS_SINGLE,
	.mount = devpts_get_sb,
};

static void index_name(unsigned int index, char *buf, size_t len)
{
	snprintf(buf, len, "%u", index);
}

/* The root's child called name, with a reference (root locked). */
static struct dentry *child_locked(const char *name)
{
	u32 len = strlen(name);
	struct qstr q = { name, len, vfs_name_hash(name, len) };

	return lookup_one_locked(devpts_mnt->root, &q);
}

static int make_node(const char *name, u32 mode, u32 dev)
{
	struct inode *dir = devpts_mnt->root->inode;
	struct dentry *d;
	int err;

	mutex_lock(&dir->lock);
	d = child_locked(name);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
	} else {
		err = d_is_negative(d) ? tmpfs_dir_iops.mknod(dir, d, mode, dev) : -EEXIST;
		dput(d);
	}
	mutex_unlock(&dir->lock);
	return err;
}

int devpts_pty_new(unsigned int index)
{
	char name[16];

	index_name(index, name, sizeof(name));
	return make_node(name, S_IFCHR | 0600, MKDEV(DEVPTS_SLAVE_MAJOR, index));
}

void devpts_pty_kill(unsigned int index)
{
	struct inode *dir = devpts_mnt->root->inode;
	struct dentry *d;
	char name[16];

	index_name(index, name, sizeof(name));
	mutex_lock(&dir->lock);
	d = child_locked(name);
	if (!IS_ERR(d)) {
		if (!d_is_negative(d)) {
			struct inode *inode = d->inode;

			mutex_lock(&inode->lock);
			if (!tmpfs_dir_iops.unlink(dir, d)) {
				mutex_unlock(&inode->lock);
				d_delete(d);
			} else {
				mutex_unlock(&inode->lock);
			}
		}
		dput(d);
	}
	mutex_unlock(&dir->lock);
}

int devpts_open_slave(unsigned int index, unsigned int oflags, struct file **out)
{
	struct inode *dir = devpts_mnt->root->inode;
	struct path p = { .mnt = devpts_mnt };
	char name[16];
	int err = 0;

	index_name(index, name, sizeof(name));
	mutex_lock(&dir->lock);
	p.dentry = child_locked(name);
	mutex_unlock(&dir->lock);
	if (IS_ERR(p.dentry))
		return (int)PTR_ERR(p.dentry);
	if (d_is_negative(p.dentry)) {
		err = -EIO;	/* the master is closing */
	} else {
		*out = vfs_file_open(&p, oflags);
		if (IS_ERR(*out))
			err = (int)PTR_ERR(*out);
	}
	dput(p.dentry);
	return err;
}

void devpts_init(void)
{
	int err;

	register_filesystem(&devpts_type);
	devpts_sb = tmpfs_fill_super(&devpts_type, 0755);
	if (IS_ERR(devpts_sb))
		panic("devpts: cannot create the instance");
	devpts_sb->magic = DEVPTS_SUPER_MAGIC;
	devpts_sb->ops = &tmpfs_unsized_sops;	/* no size to report, as on Linux */
	devpts_sb->root->inode->iops = &devpts_root_iops;
	devpts_mnt = kern_mount(devpts_sb);
	if (!devpts_mnt)
		panic("devpts: cannot mount the instance");
	err = make_node("ptmx", S_IFCHR, PTMX_DEV);
	if (err)
		pr_warn("devpts: cannot create ptmx (error %d)\n", err);
}
