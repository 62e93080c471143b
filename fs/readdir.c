/*
 * Reading directories: getdents64(2).
 *
 * The directory's iterate op emits entries from position ctx->pos on;
 * each entry's d_off is the position of the one after it, so a later call
 * (or lseek to a saved d_off) resumes there.  Entries are packed into a
 * kernel buffer with the directory locked, then copied out in one go
 * after unlocking.
 */
#include <kmalloc.h>
#include <string.h>
#include <syscall.h>
#include <uapi/dirent.h>
#include "internal.h"

#define GETDENTS_BUF_MAX	(32 * 1024)

struct getdents_ctx {
	struct dir_context ctx;
	char *buf;
	size_t used, size;
	bool too_small;		/* not even the first entry fitted */
};

static bool fill_dirent64(struct dir_context *ctx, const char *name, int len, u64 next_pos,
			  u64 ino, unsigned int type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	struct linux_dirent64 *d;

	if (g->used + reclen > g->size) {
		g->too_small = g->used == 0;
		return false;
	}
	d = (struct linux_dirent64 *)(g->buf + g->used);
	memset(d, 0, reclen);
	d->d_ino = ino;
	d->d_off = (s64)next_pos;
	d->d_reclen = (u16)reclen;
	d->d_type = (u8)type;
	memcpy(d->d_name, name, len);
	g->used += reclen;
	ctx->pos = next_pos;
	return true;
}

/* Run the iterate op from f's position; returns bytes in g->buf or -errno. */
static long iterate_dir(struct file *f, struct getdents_ctx *g)
{
	struct inode *inode = f->inode;
	long err;

	if (!f->ops->iterate)
		return -ENOTDIR;
	mutex_lock(&f->pos_lock);
	g->ctx.pos = f->pos;
	mutex_lock(&inode->lock);
	err = (inode->flags & S_DEAD) ? -ENOENT : f->ops->iterate(f, &g->ctx);
	mutex_unlock(&inode->lock);
	if (!err)
		f->pos = g->ctx.pos;
	mutex_unlock(&f->pos_lock);
	if (err)
		return err;
	return g->too_small ? -EINVAL : (long)g->used;
}

SYSCALL_DEFINE3(getdents64, int, fd, struct linux_dirent64 *, dirp, unsigned int, count)
{
	struct getdents_ctx g = { .ctx.actor = fill_dirent64 };
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	g.size = MIN(count, GETDENTS_BUF_MAX);
	g.buf = kmalloc(MAX(g.size, 1), GFP_KERNEL);
	if (!g.buf) {
		file_put(f);
		return -ENOMEM;
	}
	ret = iterate_dir(f, &g);
	if (ret > 0 && copy_to_user(dirp, g.buf, ret))
		ret = -EFAULT;
	kfree(g.buf);
	file_put(f);
	return ret;
}
