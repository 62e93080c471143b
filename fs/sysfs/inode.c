/*
 * sysfs as a filesystem: one instance, shown by every mount of "sysfs".
 * Inodes are made on lookup from the tree's nodes (tree.c); a file's
 * text comes from its show() at the first read or any read at offset 0
 * (so a reader gets one snapshot, and rereading from the start a fresh
 * one), and a write goes to store() whole.
 */
#include <format.h>
#include <errno.h>
#include <kmalloc.h>
#include <panic.h>
#include <string.h>
#include <uapi/dirent.h>
#include <uapi/statfs.h>
#include "../internal.h"
#include "internal.h"

static struct super_block *sysfs_sb;	/* immutable after sysfs_init() */

extern const struct inode_operations sysfs_dir_iops;
extern const struct file_operations sysfs_dir_fops, sysfs_file_fops;

/* Attributes change as on any inode, except that O_TRUNC leaves the text alone. */
static int sysfs_setattr(struct inode *inode, const struct iattr *attr)
{
	struct iattr a = *attr;

	a.valid &= ~ATTR_SIZE;
	vfs_setattr_copy(inode, &a);
	return 0;
}

static const struct inode_operations sysfs_file_iops = {
	.setattr = sysfs_setattr,
	.getxattr = sysfs_getxattr,
	.setxattr = sysfs_setxattr,
	.listxattr = sysfs_listxattr,
};

static struct inode *sysfs_inode(struct super_block *sb, struct sysfs_node *n)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->ino = n->ino;
	inode->mode = n->mode;
	inode->private = n;
	if (S_ISDIR(n->mode)) {
		inode->nlink = 2;
		inode->iops = &sysfs_dir_iops;
		inode->fops = &sysfs_dir_fops;
	} else {
		inode->size = SYSFS_BUF_SIZE;	/* Linux shows attribute files as a page */
		inode->iops = &sysfs_file_iops;
		inode->fops = &sysfs_file_fops;
	}
	return inode;
}

static int sysfs_lookup(struct inode *dir, struct dentry *d)
{
	struct sysfs_node *n;
	struct inode *inode;

	mutex_lock(&sysfs_lock);
	n = sysfs_find_child(dir->private, d->name.name, d->name.len);
	mutex_unlock(&sysfs_lock);
	if (!n)
		return 0;
	inode = sysfs_inode(dir->sb, n);
	if (!inode)
		return -ENOMEM;
	d_add(d, inode);
	return 0;
}

static int sysfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct sysfs_node *dir = f->inode->private, *n;
	u64 pos = 2;

	if (ctx->pos == 0 && !dir_emit(ctx, ".", 1, 1, dir->ino, DT_DIR))
		return 0;
	if (ctx->pos == 1 && !dir_emit(ctx, "..", 2, 2, dir->parent->ino, DT_DIR))
		return 0;
	mutex_lock(&sysfs_lock);
	list_for_each_entry(n, &dir->children, sibling) {
		if (pos++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, n->name, (int)strlen(n->name), pos, n->ino, vfs_dtype(n->mode)))
			break;
	}
	mutex_unlock(&sysfs_lock);
	return 0;
}

const struct inode_operations sysfs_dir_iops = {
	.lookup = sysfs_lookup,
	.getxattr = sysfs_getxattr,
	.setxattr = sysfs_setxattr,
	.listxattr = sysfs_listxattr,
};

const struct file_operations sysfs_dir_fops = {
	.read = generic_read_dir,
	.llseek = generic_dir_llseek,
	.iterate = sysfs_iterate,
};

/* An open attribute file keeps the text of its last show() (fs/gen_text.c). */
static int sysfs_file_open(struct inode *inode, struct file *f)
{
	struct sysfs_node *n = inode->private;

	if (((f->mode & FMODE_READ) && !n->show) || ((f->mode & FMODE_WRITE) && !n->store))
		return -EACCES;
	return gen_text_open(f, SYSFS_BUF_SIZE);
}

static void sysfs_file_release(struct inode *inode, struct file *f)
{
	gen_text_release(f);
}

/* show() writes into the page in place: a failure leaves nothing to read. */
static int sysfs_fill(struct gen_text *g, const void *arg)
{
	const struct sysfs_node *n = arg;
	ssize_t ret = n->show(n->priv, g->buf);

	g->len = ret < 0 ? 0 : MIN((size_t)ret, (size_t)SYSFS_BUF_SIZE);
	g->filled = false;
	return ret < 0 ? (int)ret : 0;
}

static ssize_t sysfs_file_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	return gen_text_read(f->private, sysfs_fill, f->inode->private, to, pos);
}

static ssize_t sysfs_store(const void *arg, const char *buf, size_t len)
{
	const struct sysfs_node *n = arg;

	return n->store(n->priv, buf, len);
}

static ssize_t sysfs_file_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	return gen_text_write(from, pos, SYSFS_BUF_SIZE - 1, sysfs_store, f->inode->private);
}

const struct file_operations sysfs_file_fops = {
	.open = sysfs_file_open,
	.release = sysfs_file_release,
	.read = sysfs_file_read,
	.write = sysfs_file_write,
	.llseek = generic_dir_llseek,
};

static struct super_block *sysfs_get_sb(const struct file_system_type *type, unsigned long flags,
					const char *source, const char *data)
{
	sb_get(sysfs_sb);
	return sysfs_sb;
}

static struct file_system_type sysfs_fs_type = {
	.name = "sysfs",
	.flags = FS_SINGLE,
	.mount = sysfs_get_sb,
};

void sysfs_init(void)
{
	/* Linux's top level; most stay empty until their subsystems arrive. */
	static const char *const top[] = {
		"block", "bus", "class", "dev", "devices", "firmware", "fs", "kernel", "module",
	};
	struct inode *root;

	sysfs_sb = sb_alloc(&sysfs_fs_type, NULL, SYSFS_MAGIC);
	root = sysfs_sb ? sysfs_inode(sysfs_sb, &sysfs_root) : NULL;
	if (sysfs_sb)
		sysfs_sb->root = root ? d_make_root(root) : NULL;
	if (!sysfs_sb || !sysfs_sb->root)
		panic("sysfs: no memory");
	for (size_t i = 0; i < ARRAY_SIZE(top); i++)
		if (!sysfs_mkdir_path(top[i]))
			panic("sysfs: no memory");
	register_filesystem(&sysfs_fs_type);
}
