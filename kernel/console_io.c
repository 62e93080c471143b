/*
 * write(2) and writev(2) on file descriptors 1 and 2, which reach the
 * console until the VFS and file-descriptor table exist; any other
 * descriptor is -EBADF, as it would be on Linux with nothing open.
 */
#include <errno.h>
#include <printk.h>
#include <syscall.h>
#include <uaccess.h>

#define CHUNK	256

struct iovec {
	void *iov_base;
	size_t iov_len;
};

static long console_write_user(const char *ubuf, size_t len)
{
	char chunk[CHUNK];
	size_t done = 0;

	while (done < len) {
		size_t n = MIN(len - done, sizeof(chunk));

		if (copy_from_user(chunk, (const char __user *)ubuf + done, n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

SYSCALL_DEFINE3(write, int, fd, const char *, buf, size_t, count)
{
	if (fd != 1 && fd != 2)
		return -EBADF;
	if ((ssize_t)count < 0)
		return -EINVAL;
	return console_write_user(buf, count);
}

#define IOV_MAX	1024

SYSCALL_DEFINE3(writev, int, fd, const struct iovec *, uiov, int, iovcnt)
{
	long total = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return -EINVAL;
	for (int i = 0; i < iovcnt; i++) {
		struct iovec iov;
		long n;

		if (copy_from_user(&iov, (const struct iovec __user *)&uiov[i], sizeof(iov)))
			return total ? total : -EFAULT;
		n = console_write_user(iov.iov_base, iov.iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}
