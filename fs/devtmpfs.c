/*
 * devtmpfs: a tmpfs instance the kernel fills with a node for every
 * registered device, for user space to mount on /dev (as on Linux, the
 * kernel does not mount it over an initramfs).  Every mount of "devtmpfs"
 * shows the same instance.  Besides the devices it holds the usual
 * symlinks: fd -> /proc/self/fd and stdin, stdout, stderr -> its 0, 1, 2.
 *
 * Nodes are made directly in the instance's root through the VFS
 * directory operations, with the root locked as for any create.
 */
#include <panic.h>
#include <printk.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "internal.h"

static struct super_block *devtmpfs_sb;	/* immutable after devtmpfs_init() */
static struct mount *devtmpfs_mnt;	/* likewise */

static struct super_block *devtmpfs_get_sb(const struct file_system_type *type,
					   unsigned long flags, const char *source,
					   const char *data)
{
	sb_get(devtmpfs_sb);
	return devtmpfs_sb;
}

static struct file_system_type devtmpfs_type = {
	.name = "devtmpfs",
	.flags = FS_SINGLE,
	.mount = devtmpfs_get_sb,
};

/* Create name in the devtmpfs root with make(); an existing name stays. */
static void devtmpfs_make(const char *name, u32 mode, u32 dev, const char *target)
{
	struct dentry *root = devtmpfs_mnt->root, *d;
	struct inode *dir = root->inode;
	u32 len = strlen(name);
	struct qstr q = { name, len, vfs_name_hash(name, len) };
	int err = 0;

	mutex_lock(&dir->lock);
	d = lookup_one_locked(root, &q);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
	} else {
		if (d_is_negative(d))
			err = target ? dir->iops->symlink(dir, d, target)
				     : dir->iops->mknod(dir, d, mode, dev);
		dput(d);
	}
	mutex_unlock(&dir->lock);
	if (err)
		pr_warn("devtmpfs: cannot create %s (error %d)\n", name, err);
}

void devtmpfs_create_node(const char *name, u32 mode, u32 dev)
{
	if (devtmpfs_mnt)
		devtmpfs_make(name, mode, dev, NULL);
}

void devtmpfs_init(void)
{
	static const char *const links[][2] = {
		{ "fd", "/proc/self/fd" },
		{ "stdin", "/proc/self/fd/0" },
		{ "stdout", "/proc/self/fd/1" },
		{ "stderr", "/proc/self/fd/2" },
	};

	register_filesystem(&devtmpfs_type);
	devtmpfs_sb = tmpfs_fill_super(&devtmpfs_type, 0755);
	if (IS_ERR(devtmpfs_sb))
		panic("devtmpfs: cannot create the instance");
	devtmpfs_mnt = kern_mount(devtmpfs_sb);
	if (!devtmpfs_mnt)
		panic("devtmpfs: cannot mount the instance");
	chrdev_for_each(devtmpfs_create_node);
	for (size_t i = 0; i < ARRAY_SIZE(links); i++)
		devtmpfs_make(links[i][0], S_IFLNK | 0777, 0, links[i][1]);
}
