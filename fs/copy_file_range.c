/*
 * copy_file_range(2): copy bytes between two regular files inside the
 * kernel.  The checks follow Linux 6.1 (generic_copy_file_checks() and
 * rw_verify_area()), in its order: EBADF for descriptors, EFAULT for the
 * offset pointers, EINVAL for flags; then EISDIR/EINVAL for what is not a
 * regular file, EBADF for access modes and O_APPEND, EXDEV across
 * superblocks, EOVERFLOW for wrapping ranges, the count cut at the
 * source's end, EINVAL for an overlap inside one file and for negative
 * offsets.  Each offset is read from and written back to its pointer, or
 * taken from and stored into the file position.
 *
 * Files whose data lives in the page cache (tmpfs) are copied straight
 * from the source's pages into the destination, without a bounce buffer;
 * a hole in the source is written as zeroes, as Linux's splice fallback
 * does.  Other files go through a bounce page.
 */
#include <kmalloc.h>
#include <mm.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <uapi/fcntl.h>
#include "internal.h"

static long check_files(struct file *in, struct file *out)
{
	u32 tin = in->inode->mode & S_IFMT, tout = out->inode->mode & S_IFMT;

	if (tin == S_IFDIR || tout == S_IFDIR)
		return -EISDIR;
	if (tin != S_IFREG || tout != S_IFREG)
		return -EINVAL;
	if (!(in->mode & FMODE_READ) || !(out->mode & FMODE_WRITE) ||
	    (file_flags(out) & O_APPEND))
		return -EBADF;
	if (in->inode->sb != out->inode->sb)
		return -EXDEV;
	return 0;
}

/*
 * Linux's checks on the range, with its arithmetic (unsigned, so a
 * negative offset gets this far and fails at the end); *count is cut to
 * what the source holds and the destination may grow to.
 */
static long check_range(struct file *in, s64 pos_in, struct file *out, s64 pos_out, u64 *count)
{
	u64 n = *count, size = READ_ONCE(in->inode->size);

	if ((u64)pos_in + n < (u64)pos_in || (u64)pos_out + n < (u64)pos_out)
		return -EOVERFLOW;
	if (pos_in >= (s64)size)
		n = 0;
	else
		n = MIN(n, size - (u64)pos_in);
	if (pos_out >= (s64)VFS_MAX_FILE_SIZE)
		return -EFBIG;
	n = MIN(n, (u64)((s64)VFS_MAX_FILE_SIZE - pos_out));
	if (in->inode == out->inode && (u64)pos_out + n > (u64)pos_in &&
	    (u64)pos_out < (u64)pos_in + n)
		return -EINVAL;
	if (pos_in < 0 || (s64)((u64)pos_in + n) < 0 || pos_out < 0 || (s64)((u64)pos_out + n) < 0)
		return -EINVAL;
	*count = n;
	return 0;
}

static bool in_page_cache(struct file *f)
{
	return f->ops->read == generic_file_read;
}

/* Write up to len bytes of the source's data at pos_in to out at pos_out. */
static ssize_t copy_chunk(struct file *in, u64 pos_in, struct file *out, u64 pos_out,
			  size_t len, char *bounce)
{
	size_t off = pos_in & (PAGE_SIZE - 1), n = MIN(len, PAGE_SIZE - off);
	struct page *page;
	ssize_t ret;

	if (!in_page_cache(in)) {
		ret = kernel_read(in, bounce, n, pos_in);
		return ret <= 0 ? ret : kernel_write(out, bounce, (size_t)ret, pos_out);
	}
	page = page_cache_lookup(&in->inode->pages, pos_in >> PAGE_SHIFT);
	if (!page)
		return kernel_write(out, bounce, n, pos_out);	/* a hole: zeroes */
	ret = kernel_write(out, (char *)page_address(page) + off, n, pos_out);
	put_page(page);
	return ret;
}

/* Copy count bytes; the bytes copied, or -errno when none were. */
static ssize_t do_copy(struct file *in, u64 pos_in, struct file *out, u64 pos_out, u64 count)
{
	char *bounce = kzalloc(PAGE_SIZE);	/* zeroes for holes, or the bounce page */
	size_t done = 0;
	ssize_t ret = 0;

	if (!bounce)
		return -ENOMEM;
	count = MIN(count, (u64)MAX_RW_COUNT);
	while (done < count) {
		ret = copy_chunk(in, pos_in + done, out, pos_out + done, count - done, bounce);
		if (ret <= 0)
			break;
		done += (size_t)ret;
		if (task_signal_pending(current_task()))
			break;
	}
	kfree(bounce);
	return done ? (ssize_t)done : ret;
}

static long get_pos(struct file *f, const s64 __user *upos, s64 *pos)
{
	if (!upos) {
		*pos = (s64)READ_ONCE(f->pos);
		return 0;
	}
	return copy_from_user(pos, upos, sizeof(*pos)) ? -EFAULT : 0;
}

static long put_pos(struct file *f, s64 __user *upos, s64 pos)
{
	if (!upos) {
		WRITE_ONCE(f->pos, (u64)pos);
		return 0;
	}
	return copy_to_user(upos, &pos, sizeof(pos)) ? -EFAULT : 0;
}

static long copy_files(struct file *in, s64 __user *uoff_in, struct file *out,
		       s64 __user *uoff_out, size_t len, unsigned int flags)
{
	s64 pos_in, pos_out;
	u64 count = len;
	long ret;

	if (get_pos(in, uoff_in, &pos_in) || get_pos(out, uoff_out, &pos_out))
		return -EFAULT;
	if (flags)
		return -EINVAL;
	ret = check_files(in, out);
	if (!ret)
		ret = check_range(in, pos_in, out, pos_out, &count);
	if (ret || !count)
		return ret;
	ret = do_copy(in, (u64)pos_in, out, (u64)pos_out, count);
	if (ret > 0 && put_pos(in, uoff_in, pos_in + ret))
		ret = -EFAULT;
	if (ret > 0 && put_pos(out, uoff_out, pos_out + ret))
		ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE6(copy_file_range, int, fd_in, s64 *, off_in, int, fd_out, s64 *, off_out,
		size_t, len, unsigned int, flags)
{
	struct file *in = fget(fd_in), *out;
	long ret;

	if (!in)
		return -EBADF;
	out = fget(fd_out);
	if (!out) {
		file_put(in);
		return -EBADF;
	}
	ret = copy_files(in, (s64 __user *)off_in, out, (s64 __user *)off_out, len, flags);
	file_put(out);
	file_put(in);
	return ret;
}
