/*
 * I/O vectors (include/uio.h): copying between kernel memory and the
 * buffers of a read or write, whichever kind the caller passed.
 */
#include <errno.h>
#include <kmalloc.h>
#include <string.h>
#include <uio.h>

void iov_iter_user(struct iov_iter *i, void __user *buf, size_t len)
{
	i->kernel = false;
	i->single = (struct iovec){ .iov_base = (__force void *)buf, .iov_len = len };
	i->iov = &i->single;
	i->nr_segs = 1;
	i->iov_offset = 0;
	i->count = len;
}

void iov_iter_kernel(struct iov_iter *i, void *buf, size_t len)
{
	i->kernel = true;
	i->single = (struct iovec){ .iov_base = buf, .iov_len = len };
	i->iov = &i->single;
	i->nr_segs = 1;
	i->iov_offset = 0;
	i->count = len;
}

ssize_t import_iovec(const struct iovec __user *uvec, int nr, struct iovec *fast,
		     struct iovec **to_free, struct iov_iter *i)
{
	struct iovec *iov = fast;
	size_t total = 0;

	*to_free = NULL;
	if (nr < 0 || nr > IOV_MAX)
		return -EINVAL;
	if (nr > IOV_FAST) {
		iov = kmalloc(nr * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
		*to_free = iov;
	}
	if (copy_from_user(iov, uvec, nr * sizeof(*iov)))
		return -EFAULT;
	for (int k = 0; k < nr; k++) {
		size_t len = iov[k].iov_len;

		/* Linux: a length that makes the sum overflow ssize_t is EINVAL. */
		if ((ssize_t)len < 0 || len > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		if (!access_ok((const void __user *)iov[k].iov_base, len))
			return -EFAULT;
		/* Linux truncates the vector silently at MAX_RW_COUNT. */
		if (len > (size_t)MAX_RW_COUNT - total)
			iov[k].iov_len = len = (size_t)MAX_RW_COUNT - total;
		total += len;
	}
	i->kernel = false;
	i->iov = iov;
	i->nr_segs = nr;
	i->iov_offset = 0;
	i->count = total;
	return (ssize_t)total;
}

/* Step past n bytes of the current segment (n fits in it). */
static void iter_advance(struct iov_iter *i, size_t n)
{
	i->iov_offset += n;
	i->count -= n;
	while (i->nr_segs && i->iov_offset == i->iov->iov_len) {
		i->iov++;
		i->nr_segs--;
		i->iov_offset = 0;
	}
}

/* Skip empty segments; the current segment's remaining length, or 0 at the end. */
static size_t iter_seg_left(struct iov_iter *i)
{
	while (i->nr_segs && i->iov_offset == i->iov->iov_len) {
		i->iov++;
		i->nr_segs--;
		i->iov_offset = 0;
	}
	if (!i->nr_segs || !i->count)
		return 0;
	return MIN(i->iov->iov_len - i->iov_offset, i->count);
}

static char *iter_addr(const struct iov_iter *i)
{
	return (char *)i->iov->iov_base + i->iov_offset;
}

size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i)
{
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(iter_seg_left(i), n - done);

		if (!chunk)
			break;
		if (i->kernel)
			memcpy(iter_addr(i), (const char *)src + done, chunk);
		else if (copy_to_user((void __user *)iter_addr(i), (const char *)src + done, chunk))
			break;
		iter_advance(i, chunk);
		done += chunk;
	}
	return done;
}

size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i)
{
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(iter_seg_left(i), n - done);

		if (!chunk)
			break;
		if (i->kernel)
			memcpy((char *)dst + done, iter_addr(i), chunk);
		else if (copy_from_user((char *)dst + done, (const void __user *)iter_addr(i), chunk))
			break;
		iter_advance(i, chunk);
		done += chunk;
	}
	return done;
}

size_t iov_iter_zero(size_t n, struct iov_iter *i)
{
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(iter_seg_left(i), n - done);

		if (!chunk)
			break;
		if (i->kernel)
			memset(iter_addr(i), 0, chunk);
		else if (clear_user((void __user *)iter_addr(i), chunk))
			break;
		iter_advance(i, chunk);
		done += chunk;
	}
	return done;
}
