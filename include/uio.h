/*
 * I/O vectors: one description of "where the bytes of a read or write go"
 * for every file operation, whether the caller passed one user buffer
 * (read), an array of them (readv) or a kernel buffer (kernel_read for
 * exec).  A file's read/write op copies through copy_to_iter() and
 * copy_from_iter() and never looks at the addresses itself, so each
 * filesystem handles all three cases with one code path.
 *
 * Rules: an iov_iter belongs to one call on one task; it is not shared.
 * Copies may fault on user memory, which may sleep, so never hold a
 * spinlock around them.  A copy that faults stops there and reports the
 * bytes it moved; the caller returns that short count, or -EFAULT when
 * nothing moved (Linux behaviour for read(2) into a bad buffer).
 */
#ifndef UIO_H
#define UIO_H

#include <types.h>
#include <uaccess.h>
#include <uapi/uio.h>

#ifndef SSIZE_MAX
#define SSIZE_MAX	((ssize_t)(~0ul >> 1))
#endif
#define IOV_MAX		UIO_MAXIOV
#define IOV_FAST	8	/* vectors this short need no allocation */
/* Largest single transfer, as Linux's MAX_RW_COUNT (INT_MAX rounded to a page). */
#define MAX_RW_COUNT	(0x7fffffffl & ~4095l)

struct iov_iter {
	bool kernel;			/* iov bases are kernel addresses */
	const struct iovec *iov;	/* current segment (a kernel copy of the array) */
	unsigned long nr_segs;		/* segments left, including the current one */
	size_t iov_offset;		/* bytes already used of the current segment */
	size_t count;			/* bytes left in total */
	struct iovec single;		/* storage for the one-buffer forms */
};

/* One user buffer; the caller has checked access_ok(buf, len). */
void iov_iter_user(struct iov_iter *i, void __user *buf, size_t len);
/* One kernel buffer. */
void iov_iter_kernel(struct iov_iter *i, void *buf, size_t len);

/*
 * Copy a user iovec array in and set *i up over it.  fast[IOV_FAST] is
 * used when nr fits; otherwise *to_free receives an allocation the caller
 * kfree()s (NULL otherwise).  Returns the total byte count, clamped to
 * MAX_RW_COUNT, or -EINVAL (nr out of range, total overflows ssize_t),
 * -EFAULT, -ENOMEM.
 */
ssize_t import_iovec(const struct iovec __user *uvec, int nr, struct iovec *fast,
		     struct iovec **to_free, struct iov_iter *i);

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

/* Copy n bytes from/to kernel memory; return how many moved (short on a fault). */
size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i);
size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i);
/* Fill n bytes with zeroes; return how many were written. */
size_t iov_iter_zero(size_t n, struct iov_iter *i);

#endif
