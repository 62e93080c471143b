/*
 * Inodes: allocation, reference counting, ownership and attribute
 * changes shared by every filesystem.
 *
 * An inode lives as long as someone references it: a dentry naming it,
 * a filesystem's own directory entry (tmpfs), a pipe.  The last iput()
 * evicts it: the filesystem releases its private data (evict_inode),
 * the page cache is emptied and the struct freed.  Nothing here looks an
 * inode up by number; filesystems that need that keep their own table.
 */
#include <cred.h>
#include <kmalloc.h>
#include <mm.h>
#include <time.h>
#include "internal.h"


/* The file-system clock: CLOCK_REALTIME. */
struct timespec64 vfs_now(void)
{
	s64 ns = clock_realtime_ns();

	return (struct timespec64){ .tv_sec = ns / (s64)NSEC_PER_SEC,
				    .tv_nsec = (long)(ns % (s64)NSEC_PER_SEC) };
}

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kzalloc(sizeof(*inode));
	struct timespec64 now = vfs_now();

	if (!inode)
		return NULL;
	inode->sb = sb;
	inode->refcount = 1;
	inode->nlink = 1;
	inode->atime = inode->mtime = inode->ctime = inode->btime = now;
	mutex_init(&inode->lock);
	page_cache_init(&inode->pages);
	return inode;
}

void iget(struct inode *inode)
{
	__atomic_add_fetch(&inode->refcount, 1, __ATOMIC_RELAXED);
}

/* Move write_count one step by delta, unless it has the sign that forbids it. */
static int write_count_step(struct inode *inode, int delta)
{
	int v = __atomic_load_n(&inode->write_count, __ATOMIC_RELAXED);

	do {
		if (delta > 0 ? v < 0 : v > 0)
			return -ETXTBSY;
	} while (!__atomic_compare_exchange_n(&inode->write_count, &v, v + delta, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return 0;
}

int get_write_access(struct inode *inode)
{
	return write_count_step(inode, 1);
}

void put_write_access(struct inode *inode)
{
	__atomic_sub_fetch(&inode->write_count, 1, __ATOMIC_ACQ_REL);
}

int deny_write_access(struct inode *inode)
{
	return write_count_step(inode, -1);
}

void allow_write_access(struct inode *inode)
{
	__atomic_add_fetch(&inode->write_count, 1, __ATOMIC_ACQ_REL);
}

void iput(struct inode *inode)
{
	if (!inode || __atomic_sub_fetch(&inode->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (inode->sb && inode->sb->ops && inode->sb->ops->evict_inode)
		inode->sb->ops->evict_inode(inode);
	page_cache_truncate(&inode->pages, 0);
	locks_free_inode(inode);
	kfree(inode->link);
	kfree(inode);
}

/*
 * Linux's inode_init_owner(): the creator owns the file; a setgid
 * directory passes its group on, and to subdirectories its setgid bit.
 */
void inode_init_owner(struct inode *inode, const struct inode *dir, u32 mode)
{
	const struct cred *cred = current_cred();

	inode->uid = cred->fsuid;
	if (dir && (dir->mode & S_ISGID)) {
		inode->gid = dir->gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
	} else {
		inode->gid = cred->fsgid;
	}
	inode->mode = mode;
}

void vfs_setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned int v = attr->valid;

	if (v & ATTR_UID)
		inode->uid = attr->uid;
	if (v & ATTR_GID)
		inode->gid = attr->gid;
	if (v & ATTR_MODE)
		inode->mode = (inode->mode & S_IFMT) | (attr->mode & S_IALLUGO);
	if (v & ATTR_ATIME)
		inode->atime = attr->atime;
	if (v & ATTR_MTIME)
		inode->mtime = attr->mtime;
	if (v & ATTR_CTIME)
		inode->ctime = attr->ctime;
}

void inode_touch_mctime(struct inode *inode)
{
	inode->mtime = inode->ctime = vfs_now();
}

unsigned int vfs_dtype(u32 mode)
{
	return (mode & S_IFMT) >> 12;	/* DT_* are the S_IFMT bits shifted down */
}

u32 vfs_name_hash(const char *name, u32 len)
{
	return pathname_hash(name, len);
}

void init_special_inode(struct inode *inode, u32 mode, u32 rdev)
{
	switch (mode & S_IFMT) {
	case S_IFCHR:
		inode->fops = &chrdev_fops;
		inode->rdev = rdev;
		break;
	case S_IFBLK:
		inode->fops = &no_device_fops;	/* FIXME: block devices */
		inode->rdev = rdev;
		break;
	case S_IFIFO:
		inode->fops = &fifo_fops;
		break;
	default:			/* sockets: opening one is -ENXIO */
		inode->fops = &no_device_fops;
		break;
	}
}
