/*
 * tmpfs directory operations: making and removing names.  The VFS calls
 * each with the directory locked and every generic check done (link.c,
 * rename.c); what is left is bookkeeping: entries, link counts, times.
 *
 * Link counts follow the Unix convention Linux tmpfs keeps: a file has
 * one per name; a directory has two (its name and its ".") plus one per
 * subdirectory (their "..").
 */
#include <kmalloc.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "../internal.h"
#include "tmpfs.h"

/* Give the new inode (reference taken over) the name d in dir. */
static int tmpfs_add_name(struct inode *dir, struct dentry *d, struct inode *inode)
{
	struct tmpfs_dirent *e = tmpfs_dirent_alloc(&d->name, inode);

	if (!e) {
		iput(inode);
		return -ENOSPC;
	}
	tmpfs_link_entry(dir, e);
	d_instantiate(d, inode);
	return 0;
}

/* Make an inode of type mode and give it the name d in dir. */
static int tmpfs_make(struct inode *dir, struct dentry *d, u32 mode, u32 rdev)
{
	struct inode *inode = tmpfs_new_inode(dir->sb, dir, mode, rdev);

	return inode ? tmpfs_add_name(dir, d, inode) : -ENOSPC;
}

static int tmpfs_create(struct inode *dir, struct dentry *d, u32 mode)
{
	return tmpfs_make(dir, d, mode, 0);
}

static int tmpfs_mknod(struct inode *dir, struct dentry *d, u32 mode, u32 rdev)
{
	return tmpfs_make(dir, d, mode, rdev);
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *d, u32 mode)
{
	int err = tmpfs_make(dir, d, mode, 0);

	if (!err)
		dir->nlink++;	/* the new directory's ".." */
	return err;
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode;

	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	inode = tmpfs_new_inode(dir->sb, dir, S_IFLNK | 0777, 0);
	if (!inode)
		return -ENOSPC;
	inode->link = kmalloc(len + 1, GFP_KERNEL);
	if (!inode->link) {
		iput(inode);
		return -ENOSPC;
	}
	memcpy(inode->link, target, len + 1);	/* before the name makes it visible */
	inode->size = len;
	return tmpfs_add_name(dir, d, inode);
}

static int tmpfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->inode;
	struct tmpfs_dirent *e = tmpfs_dirent_alloc(&d->name, inode);

	if (!e)
		return -ENOSPC;
	inode->nlink++;
	inode->ctime = vfs_now();
	tmpfs_link_entry(dir, e);
	iget(inode);
	d_instantiate(d, inode);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d)
{
	struct tmpfs_dirent *e = tmpfs_find(dir, &d->name);
	struct inode *inode = d->inode;

	if (!e || e->inode != inode)
		return -ENOENT;
	inode->nlink--;
	inode->ctime = vfs_now();
	tmpfs_remove_entry(dir, e);
	return 0;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *d)
{
	struct tmpfs_dirent *e = tmpfs_find(dir, &d->name);
	struct inode *inode = d->inode;

	if (!e || e->inode != inode)
		return -ENOENT;
	if (tmpfs_dir(inode)->count)
		return -ENOTEMPTY;
	inode->nlink = 0;
	inode->ctime = vfs_now();
	dir->nlink--;
	tmpfs_remove_entry(dir, e);
	return 0;
}

/* RENAME_EXCHANGE: the two entries swap inodes. */
static int tmpfs_exchange(struct inode *odir, struct tmpfs_dirent *oe, struct inode *ndir,
			  struct tmpfs_dirent *ne)
{
	struct inode *a = oe->inode, *b = ne->inode;
	bool a_dir = S_ISDIR(a->mode), b_dir = S_ISDIR(b->mode);

	oe->inode = b;
	ne->inode = a;
	if (odir != ndir && a_dir != b_dir) {	/* a ".." moved between parents */
		if (a_dir) {
			odir->nlink--;
			ndir->nlink++;
		} else {
			odir->nlink++;
			ndir->nlink--;
		}
	}
	a->ctime = b->ctime = vfs_now();
	inode_touch_mctime(odir);
	inode_touch_mctime(ndir);
	return 0;
}

static int tmpfs_rename(struct inode *odir, struct dentry *od, struct inode *ndir,
			struct dentry *nd, unsigned int flags)
{
	struct tmpfs_dirent *oe = tmpfs_find(odir, &od->name), *ne, *moved;
	struct inode *src = od->inode, *dst = nd->inode;
	bool src_dir = S_ISDIR(src->mode);

	if (!oe || oe->inode != src)
		return -ENOENT;
	ne = tmpfs_find(ndir, &nd->name);
	if (flags & RENAME_EXCHANGE)
		return ne ? tmpfs_exchange(odir, oe, ndir, ne) : -ENOENT;
	if (dst && S_ISDIR(dst->mode) && tmpfs_dir(dst)->count)
		return -ENOTEMPTY;
	moved = tmpfs_dirent_alloc(&nd->name, src);
	if (!moved)
		return -ENOSPC;
	if (dst && ne) {
		if (S_ISDIR(dst->mode)) {
			dst->nlink = 0;
			ndir->nlink--;
		} else {
			dst->nlink--;
		}
		dst->ctime = vfs_now();
		tmpfs_remove_entry(ndir, ne);
	}
	tmpfs_remove_entry(odir, oe);
	tmpfs_link_entry(ndir, moved);
	if (src_dir && odir != ndir) {
		odir->nlink--;
		ndir->nlink++;
	}
	src->ctime = vfs_now();
	return 0;
}

const struct inode_operations tmpfs_dir_iops = {
	.lookup = tmpfs_dir_lookup,
	.create = tmpfs_create,
	.mkdir = tmpfs_mkdir,
	.mknod = tmpfs_mknod,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rmdir = tmpfs_rmdir,
	.rename = tmpfs_rename,
	.setattr = tmpfs_setattr,
	.getxattr = tmpfs_getxattr,
	.setxattr = tmpfs_setxattr,
	.listxattr = tmpfs_listxattr,
};

/* Symlinks, device nodes, FIFOs and sockets: attributes only. */
const struct inode_operations tmpfs_special_iops = {
	.setattr = tmpfs_setattr,
	.getxattr = tmpfs_getxattr,
	.setxattr = tmpfs_setxattr,
	.listxattr = tmpfs_listxattr,
};
