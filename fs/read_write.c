/*
 * Moving bytes: read(2), write(2), their vector and positioned forms,
 * lseek(2), and kernel_read()/kernel_write() for the kernel's own use.
 *
 * Every form builds an iov_iter over the caller's buffers and calls the
 * file's read or write op once.  The file position belongs to the struct
 * file; for regular files and directories (FMODE_ATOMIC_POS) read, write
 * and lseek serialize on f->pos_lock so that threads sharing a file see
 * each transfer start where the previous one ended, as POSIX asks.
 * Pipes and devices ignore the position and need no such lock, which
 * matters: a read that sleeps must not block other users of the file.
 */
#include <kmalloc.h>
#include <syscall.h>
#include <uapi/fcntl.h>
#include "internal.h"

static ssize_t file_read_iter(struct file *f, struct iov_iter *it, u64 *pos)
{
	if (!(f->mode & FMODE_READ))
		return -EBADF;
	if (!f->ops->read)
		return -EINVAL;
	return f->ops->read(f, it, pos);
}

static ssize_t file_write_iter(struct file *f, struct iov_iter *it, u64 *pos)
{
	if (!(f->mode & FMODE_WRITE))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	return f->ops->write(f, it, pos);
}

/* read or write at the file position, advancing it. */
static ssize_t rw_at_pos(struct file *f, struct iov_iter *it, bool write)
{
	bool atomic = f->mode & FMODE_ATOMIC_POS;
	ssize_t ret;
	u64 pos;

	if (atomic)
		mutex_lock(&f->pos_lock);
	pos = f->pos;
	ret = write ? file_write_iter(f, it, &pos) : file_read_iter(f, it, &pos);
	if (ret >= 0)
		f->pos = pos;
	if (atomic)
		mutex_unlock(&f->pos_lock);
	return ret;
}

/* read or write at an explicit offset (pread/pwrite and friends). */
static ssize_t rw_at(struct file *f, struct iov_iter *it, s64 off, bool write)
{
	u64 pos = (u64)off;

	if (off < 0)
		return -EINVAL;
	if (!(f->mode & (write ? FMODE_PWRITE : FMODE_PREAD)))
		return -ESPIPE;
	return write ? file_write_iter(f, it, &pos) : file_read_iter(f, it, &pos);
}

/* One user buffer: the common body of read, write, pread64, pwrite64. */
static long rw_user(int fd, void __user *buf, size_t count, s64 off, bool positioned,
		    bool write)
{
	struct iov_iter it;
	struct file *f;
	long ret;

	if ((ssize_t)count < 0)
		return -EINVAL;
	count = MIN(count, (size_t)MAX_RW_COUNT);
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!access_ok(buf, count)) {
		/* Linux checks the mode before the buffer: EBADF wins over EFAULT. */
		ret = (f->mode & (write ? FMODE_WRITE : FMODE_READ)) ? -EFAULT : -EBADF;
		file_put(f);
		return ret;
	}
	iov_iter_user(&it, buf, count);
	ret = positioned ? rw_at(f, &it, off, write) : rw_at_pos(f, &it, write);
	file_put(f);
	return ret;
}

SYSCALL_DEFINE3(read, int, fd, char *, buf, size_t, count)
{
	return rw_user(fd, buf, count, 0, false, false);
}

SYSCALL_DEFINE3(write, int, fd, const char *, buf, size_t, count)
{
	return rw_user(fd, (void __user *)buf, count, 0, false, true);
}

SYSCALL_DEFINE4(pread64, int, fd, char *, buf, size_t, count, s64, pos)
{
	return rw_user(fd, buf, count, pos, true, false);
}

SYSCALL_DEFINE4(pwrite64, int, fd, const char *, buf, size_t, count, s64, pos)
{
	return rw_user(fd, (void __user *)buf, count, pos, true, true);
}

/* The vector forms: readv, writev, preadv, pwritev. */
static long rw_vector(int fd, const struct iovec __user *uvec, int nr, s64 off,
		      bool positioned, bool write)
{
	struct iovec fast[IOV_FAST], *to_free;
	struct iov_iter it;
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (!(f->mode & (write ? FMODE_WRITE : FMODE_READ))) {
		file_put(f);
		return -EBADF;
	}
	ret = import_iovec(uvec, nr, fast, &to_free, &it);
	if (ret >= 0)
		ret = positioned ? rw_at(f, &it, off, write) : rw_at_pos(f, &it, write);
	kfree(to_free);
	file_put(f);
	return ret;
}

SYSCALL_DEFINE3(readv, int, fd, const struct iovec *, vec, int, vlen)
{
	return rw_vector(fd, vec, vlen, 0, false, false);
}

SYSCALL_DEFINE3(writev, int, fd, const struct iovec *, vec, int, vlen)
{
	return rw_vector(fd, vec, vlen, 0, false, true);
}

/* On 64-bit, Linux takes the offset from pos_l alone. */
SYSCALL_DEFINE5(preadv, int, fd, const struct iovec *, vec, int, vlen, s64, pos_l, s64, pos_h)
{
	(void)pos_h;
	return rw_vector(fd, vec, vlen, pos_l, true, false);
}

SYSCALL_DEFINE5(pwritev, int, fd, const struct iovec *, vec, int, vlen, s64, pos_l, s64, pos_h)
{
	(void)pos_h;
	return rw_vector(fd, vec, vlen, pos_l, true, true);
}

s64 noop_llseek(struct file *f, s64 offset, int whence)
{
	(void)offset;
	(void)whence;
	return (s64)f->pos;
}

SYSCALL_DEFINE3(lseek, int, fd, s64, offset, unsigned int, whence)
{
	struct file *f = fget(fd);
	bool atomic;
	s64 ret;

	if (!f)
		return -EBADF;
	if (whence > SEEK_HOLE) {
		ret = -EINVAL;
	} else if (!(f->mode & FMODE_LSEEK) || !f->ops->llseek) {
		ret = -ESPIPE;
	} else {
		atomic = f->mode & FMODE_ATOMIC_POS;
		if (atomic)
			mutex_lock(&f->pos_lock);
		ret = f->ops->llseek(f, offset, (int)whence);
		if (atomic)
			mutex_unlock(&f->pos_lock);
	}
	file_put(f);
	return ret;
}

ssize_t kernel_rw(struct file *f, void *buf, size_t len, s64 *off, bool write)
{
	struct iov_iter it;
	ssize_t ret;
	u64 pos;

	iov_iter_kernel(&it, buf, MIN(len, (size_t)MAX_RW_COUNT));
	if (!off)
		return rw_at_pos(f, &it, write);
	if (*off < 0)
		return -EINVAL;
	pos = (u64)*off;
	ret = write ? file_write_iter(f, &it, &pos) : file_read_iter(f, &it, &pos);
	if (ret >= 0)
		*off = (s64)pos;
	return ret;
}

ssize_t kernel_read(struct file *f, void *buf, size_t len, u64 off)
{
	struct iov_iter it;

	iov_iter_kernel(&it, buf, MIN(len, (size_t)MAX_RW_COUNT));
	return file_read_iter(f, &it, &off);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t len, u64 off)
{
	struct iov_iter it;

	iov_iter_kernel(&it, (void *)buf, MIN(len, (size_t)MAX_RW_COUNT));
	return file_write_iter(f, &it, &off);
}

struct page *file_get_page(struct file *f, u64 index)
{
	return f->ops->get_page ? f->ops->get_page(f, index) : NULL;
}
