/*
 * posix_fadvise(2) (the fadvise64 system call): advice about how a file
 * will be read.  Every file we have keeps its data in memory (tmpfs,
 * devices), which is the case Linux's generic_fadvise() handles for a
 * memory-only backing device: it checks the arguments and ignores the
 * advice, since there is no read-ahead to start and no clean page to drop
 * (dropping a tmpfs page would lose the data).  We do exactly that:
 * -EBADF for a bad descriptor, -ESPIPE for a pipe or FIFO, -EINVAL for a
 * negative length or an unknown advice, else 0.
 */
#include <errno.h>
#include <file.h>
#include <syscall.h>
#include <vfs.h>

#define POSIX_FADV_NORMAL	0
#define POSIX_FADV_NOREUSE	5	/* the highest valid advice on x86_64 */

SYSCALL_DEFINE4(fadvise64, int, fd, s64, offset, s64, len, int, advice)
{
	struct file *f = fget(fd);
	long ret = 0;

	(void)offset;
	if (!f)
		return -EBADF;
	if (S_ISFIFO(f->inode->mode))
		ret = -ESPIPE;
	else if (len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
		ret = -EINVAL;
	file_put(f);
	return ret;
}
