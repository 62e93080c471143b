/*
 * sendfile(2): copy between two descriptors inside the kernel, a page at
 * a time through a bounce buffer.  The source is read at *offset (left
 * untouched in the file) or at its file position; a short write gives
 * the unwritten part back to the source, as Linux does.
 */
#include <errno.h>
#include <file.h>
#include <kmalloc.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <vfs.h>
#include <uapi/fcntl.h>

static long copy_between(struct file *in, struct file *out, s64 *off, size_t count)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	size_t done = 0;
	long ret = 0;

	if (!buf)
		return -ENOMEM;
	while (done < count) {
		ssize_t n = kernel_rw(in, buf, MIN(count - done, PAGE_SIZE), off, false), w;

		if (n <= 0) {
			ret = n;
			break;
		}
		w = kernel_rw(out, buf, (size_t)n, NULL, true);
		if (w < n) {
			/* Give back what was read but not written. */
			if (off)
				*off -= n - (w > 0 ? w : 0);
			else
				in->pos -= (u64)(n - (w > 0 ? w : 0));
			if (w > 0)
				done += (size_t)w;
			ret = w < 0 ? w : 0;
			break;
		}
		done += (size_t)n;
		if (task_signal_pending(current_task()))
			break;
	}
	kfree(buf);
	return done ? (long)done : ret;
}

SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, s64 *, uoffset, size_t, count)
{
	struct file *in = fget(in_fd), *out = fget(out_fd);
	s64 off = 0;
	long ret;

	ret = !in || !out ? -EBADF : 0;
	if (!ret && (!(in->mode & FMODE_READ) || !(out->mode & FMODE_WRITE)))
		ret = -EBADF;
	if (!ret && (file_flags(out) & O_APPEND))
		ret = -EINVAL;
	if (!ret && uoffset && copy_from_user(&off, (const void __user *)uoffset, sizeof(off)))
		ret = -EFAULT;
	if (!ret && uoffset && !(in->mode & FMODE_PREAD))
		ret = -ESPIPE;
	if (!ret)
		ret = copy_between(in, out, uoffset ? &off : NULL, MIN(count, (size_t)0x7ffff000));
	if (ret >= 0 && uoffset && copy_to_user((void __user *)uoffset, &off, sizeof(off)))
		ret = -EFAULT;
	if (in)
		file_put(in);
	if (out)
		file_put(out);
	return ret;
}
