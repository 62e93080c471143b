/*
 * Open file objects: struct file, what one open(2) produced and every
 * descriptor dup'ed from it shares (position, status flags, access mode).
 *
 * A file holds a reference to its path (so to its dentry, inode and
 * mount) for its whole life.  The last file_put() runs the ops' release
 * and lets the path go; it may sleep, so never call it with a spinlock
 * held (descriptor tables drop their lock first).
 */
#include <eventpoll.h>
#include <kmalloc.h>
#include <uapi/fcntl.h>
#include "internal.h"

/* O_PATH files: a place in the tree, no I/O (every member defaults). */
static const struct file_operations path_only_fops = { 0 };

struct file *file_alloc(void)
{
	struct file *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refcount = 1;
	f->lock = (struct spinlock)SPINLOCK_INIT("file");
	mutex_init(&f->pos_lock);
	list_init(&f->ep_links);
	return f;
}

void file_free(struct file *f)
{
	path_put(&f->path);
	kfree(f);
}

/* The access a file opened with oflags gets, as FMODE_* bits. */
static unsigned int open_fmode(const struct inode *inode, unsigned int oflags)
{
	unsigned int acc = oflags & O_ACCMODE, mode = 0;

	if (oflags & O_PATH)
		return FMODE_PATH;
	if (acc == O_RDONLY || acc == O_RDWR)
		mode |= FMODE_READ;
	if (acc == O_WRONLY || acc == O_RDWR)
		mode |= FMODE_WRITE;
	mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if (S_ISREG(inode->mode) || S_ISDIR(inode->mode))
		mode |= FMODE_ATOMIC_POS;
	return mode;
}

/* F_GETFL keeps the access mode and the status flags, never the open-time ones. */
#define FILE_KEPT_FLAGS	(O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | FASYNC | O_DIRECT | \
			 O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | __O_SYNC | O_PATH)

struct file *vfs_file_open(const struct path *path, unsigned int oflags)
{
	struct inode *inode = path->dentry->inode;
	struct file *f = file_alloc();
	int err;

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->path = *path;
	path_get(&f->path);
	f->inode = inode;
	f->flags = oflags & (FILE_KEPT_FLAGS | O_NOCTTY);	/* O_NOCTTY for open only */
	f->mode = open_fmode(inode, oflags);
	f->ops = (oflags & O_PATH) ? &path_only_fops : inode->fops;
	if (!f->ops)
		f->ops = &path_only_fops;
	if ((f->mode & FMODE_WRITE) && S_ISREG(inode->mode)) {
		err = get_write_access(inode);	/* -ETXTBSY while it runs */
		if (err) {
			file_free(f);
			return ERR_PTR(err);
		}
		f->mode |= FMODE_WRITER;
	}
	if (!(oflags & O_PATH) && f->ops->open) {
		err = f->ops->open(inode, f);
		if (err) {
			if (f->mode & FMODE_WRITER)
				put_write_access(inode);
			file_free(f);
			return ERR_PTR(err);
		}
	}
	f->flags &= ~O_NOCTTY;
	return f;
}

void file_get(struct file *f)
{
	__atomic_add_fetch(&f->refcount, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
	if (!f || __atomic_sub_fetch(&f->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	eventpoll_release(f);	/* epoll interest ends with the file, before release */
	locks_remove_file(f);
	if (!(f->mode & FMODE_PATH) && f->ops->release)
		f->ops->release(f->inode, f);
	if (f->mode & FMODE_WRITER)
		put_write_access(f->inode);
	if (f->mode & FMODE_EXEC)
		allow_write_access(f->inode);
	file_free(f);
}

unsigned int file_flags(struct file *f)
{
	return READ_ONCE(f->flags);
}

void file_set_flags(struct file *f, unsigned int mask, unsigned int value)
{
	spin_lock(&f->lock);
	WRITE_ONCE(f->flags, (f->flags & ~mask) | (value & mask));
	spin_unlock(&f->lock);
}
