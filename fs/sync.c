/*
 * sync(2), syncfs(2), fsync(2), fdatasync(2).  Everything we store lives
 * in memory (tmpfs), so there is nothing to flush yet; the calls still
 * check their descriptor and the file's fsync op as Linux does.
 */
#include <syscall.h>
#include "internal.h"

SYSCALL_DEFINE0(sync)
{
	return 0;
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

static long do_fsync(int fd, bool datasync)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->ops->fsync ? f->ops->fsync(f, datasync) : -EINVAL;
	file_put(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return do_fsync(fd, false);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return do_fsync(fd, true);
}

/* fsync op for files with nothing to flush. */
int noop_fsync(struct file *f, bool datasync)
{
	return 0;
}
