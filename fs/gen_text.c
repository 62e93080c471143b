/*
 * Generated text files, the part procfs and sysfs share: an open file
 * keeps the text its generator last produced, made again when a read
 * starts at offset 0 (or at the first read), so a reader going through it
 * in small pieces sees one snapshot and a reread from the start sees
 * fresh values (Linux's seq_file and sysfs behave alike); a write hands
 * the whole user buffer, NUL-terminated, to the file's store function.
 *
 * Lock: gen_text.lock (a mutex) protects one open file's text; the
 * generator runs under it and may sleep (docs/locking.md: proc_file.lock
 * and sysfs_open.lock are this lock).
 */
#include <kmalloc.h>
#include <uio.h>
#include "internal.h"

int gen_text_open(struct file *f, size_t bufsize)
{
	struct gen_text *g = kzalloc(sizeof(*g));

	if (!g)
		return -ENOMEM;
	if (bufsize) {
		g->buf = kmalloc(bufsize, GFP_KERNEL);
		if (!g->buf) {
			kfree(g);
			return -ENOMEM;
		}
	}
	mutex_init(&g->lock);
	f->private = g;
	return 0;
}

void gen_text_release(struct file *f)
{
	struct gen_text *g = f->private;

	kfree(g->buf);
	kfree(g);
}

ssize_t gen_text_read(struct gen_text *g, gen_text_fill_fn fill, const void *arg,
		      struct iov_iter *to, u64 *pos)
{
	ssize_t n = 0;
	int err = 0;

	mutex_lock(&g->lock);
	if (!g->filled || *pos == 0) {
		err = fill(g, arg);
		if (!err)
			g->filled = true;
	}
	if (!err && *pos < g->len) {
		n = (ssize_t)copy_to_iter(g->buf + *pos, g->len - *pos, to);
		if (n == 0 && iov_iter_count(to))
			err = -EFAULT;
		*pos += (u64)n;
	}
	mutex_unlock(&g->lock);
	return err ? err : n;
}

ssize_t gen_text_write(struct iov_iter *from, u64 *pos, size_t max, gen_text_store_fn store,
		       const void *arg)
{
	size_t len = MIN(iov_iter_count(from), max);
	char *buf = kmalloc(len + 1, GFP_KERNEL);
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	if (copy_from_iter(buf, len, from) != len) {
		kfree(buf);
		return -EFAULT;
	}
	buf[len] = '\0';
	n = store(arg, buf, len);
	kfree(buf);
	if (n > 0)
		*pos += (u64)n;
	return n;
}
