/*
 * Descriptor-level calls: dup(2), dup2(2), dup3(2) and fcntl(2).
 * Record locks (F_GETLK, F_SETLK, F_SETLKW and the OFD forms) live in
 * locks.c.
 */
#include <syscall.h>
#include <uapi/fcntl.h>
#include "internal.h"

SYSCALL_DEFINE1(dup, unsigned int, oldfd)
{
	struct file *f = fget_raw(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install(f, 0, false);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	struct file *f;
	int fd;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= rlimit_nofile())
		return -EBADF;
	f = fget_raw(oldfd);
	if (!f)
		return -EBADF;
	fd = fd_install_at(f, newfd, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd) {	/* POSIX: just check that oldfd is open */
		struct file *f = fget_raw(oldfd);

		if (!f)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0, 0, 0, 0);
}

/* Status flags F_SETFL may change; the rest of the word is ignored. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC)

static long do_fcntl(int fd, struct file *f, unsigned int cmd, unsigned long arg)
{
	int newfd;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= rlimit_nofile())
			return -EINVAL;
		file_get(f);
		newfd = fd_install(f, (unsigned int)arg, cmd == F_DUPFD_CLOEXEC);
		if (newfd < 0)
			file_put(f);
		return newfd;
	case F_GETFD:
		return fd_get_cloexec(fd);
	case F_SETFD:
		return fd_set_cloexec(fd, arg & FD_CLOEXEC);
	case F_GETFL:
		return file_flags(f);
	}
	if (f->mode & FMODE_PATH)
		return -EBADF;	/* an O_PATH descriptor allows only the four above */
	switch (cmd) {
	case F_SETFL:
		file_set_flags(f, SETFL_MASK, (unsigned int)arg);
		return 0;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		return fcntl_lock((unsigned int)fd, f, cmd, arg);
	case F_GETPIPE_SZ:
	case F_SETPIPE_SZ:
		return pipe_fcntl(f, cmd, arg);
	case F_GETOWN:
	case F_GETSIG:
		return 0;
	case F_SETOWN:
	case F_SETSIG:
		return 0;	/* FIXME: SIGIO delivery */
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget_raw(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(fd, f, cmd, arg);
	file_put(f);
	return ret;
}
