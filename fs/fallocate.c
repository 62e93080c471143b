/*
 * fallocate(2): reserve or release the storage of a byte range.  The VFS
 * checks the mode, the range and the file in Linux's order
 * (vfs_fallocate()); the file's fallocate op does the work.  Which modes
 * a filesystem implements is its own business: the others are
 * -EOPNOTSUPP.
 */
#include <syscall.h>
#include <uapi/fcntl.h>
#include "internal.h"

#define FALLOC_FL_SUPPORTED_MASK	(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | \
					 FALLOC_FL_NO_HIDE_STALE | FALLOC_FL_COLLAPSE_RANGE | \
					 FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE | \
					 FALLOC_FL_UNSHARE_RANGE)

/* The mode word alone: -EOPNOTSUPP or -EINVAL for combinations Linux refuses. */
static long check_mode(int mode)
{
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && (mode & FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	return 0;
}

long vfs_fallocate(struct file *f, int mode, s64 offset, s64 len)
{
	u32 type = f->inode->mode & S_IFMT;
	long err;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	err = check_mode(mode);
	if (err)
		return err;
	if (!(f->mode & FMODE_WRITE))
		return -EBADF;
	if (type == S_IFIFO)
		return -ESPIPE;
	if (type == S_IFDIR)
		return -EISDIR;
	if (type != S_IFREG && type != S_IFBLK)
		return -ENODEV;
	if ((u64)offset + (u64)len > VFS_MAX_FILE_SIZE)	/* both are >= 0: no wrap */
		return -EFBIG;
	if (!f->ops->fallocate || (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)))
		return -EOPNOTSUPP;
	return f->ops->fallocate(f, mode, (u64)offset, (u64)len);
}

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, s64, offset, s64, len)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = vfs_fallocate(f, mode, offset, len);
	file_put(f);
	return err;
}
