/*
 * ioctl(2): the few requests every descriptor understands (FIOCLEX,
 * FIONCLEX, FIONBIO, FIOASYNC, FIONREAD on regular files, and FIFREEZE
 * and FITHAW, which no file system here supports); everything else goes
 * to the file's own ioctl op, or fails with -ENOTTY.
 */
#include <cred.h>
#include <syscall.h>
#include <uapi/fcntl.h>
#include <uapi/ioctls.h>
#include "internal.h"

static long generic_ioctl(unsigned int fd, struct file *f, unsigned int cmd, unsigned long arg,
			  bool *handled)
{
	int on;

	*handled = true;
	switch (cmd) {
	case FIOCLEX:
		return fd_set_cloexec(fd, true);
	case FIONCLEX:
		return fd_set_cloexec(fd, false);
	case FIONBIO:
	case FIOASYNC:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		file_set_flags(f, cmd == FIONBIO ? O_NONBLOCK : FASYNC, on ? ~0u : 0);
		return 0;
	case FIONREAD:
		if (S_ISREG(f->inode->mode)) {
			s64 left = (s64)READ_ONCE(f->inode->size) - (s64)f->pos;

			on = (int)MAX(left, 0);
			return put_user(on, (int __user *)arg);
		}
		break;
	case FIFREEZE:
	case FITHAW:
		/* Linux: CAP_SYS_ADMIN first; then no freeze_fs op (EOPNOTSUPP), and
		   thawing what is not frozen (EINVAL) */
		if (current_cred()->euid != 0)
			return -EPERM;
		return cmd == FIFREEZE ? -EOPNOTSUPP : -EINVAL;
	}
	*handled = false;
	return 0;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	bool handled;
	long ret;

	if (!f)
		return -EBADF;
	ret = generic_ioctl(fd, f, cmd, arg, &handled);
	if (!handled)
		ret = f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
	file_put(f);
	return ret;
}
