/*
 * The memory character devices (major 1): /dev/null, /dev/zero,
 * /dev/full, /dev/random and /dev/urandom, with Linux's behaviour:
 * null reads end-of-file and swallows writes; zero reads zeroes; full
 * reads zeroes and refuses writes with -ENOSPC; random and urandom read
 * the kernel's ChaCha20 stream (random.h) and accept writes (which Linux
 * mixes in as unaccounted entropy; we drop them).
 */
#include <chrdev.h>
#include <random.h>
#include <uapi/fcntl.h>
#include "internal.h"

#define MEM_MAJOR	1
#define RANDOM_CHUNK	256

/* Every position reads the same, so seeking is a no-op that lands on 0. */
static s64 null_llseek(struct file *f, s64 offset, int whence)
{
	f->pos = 0;
	return 0;
}

static ssize_t null_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	return 0;
}

/* A write that takes everything without looking at it. */
static ssize_t sink_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	size_t n = iov_iter_count(from);

	from->count = 0;
	return (ssize_t)n;
}

static ssize_t zero_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	size_t want = iov_iter_count(to), n = iov_iter_zero(want, to);

	return n || !want ? (ssize_t)n : -EFAULT;
}

static ssize_t full_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	return -ENOSPC;
}

static ssize_t random_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	u8 chunk[RANDOM_CHUNK];
	size_t done = 0;

	while (iov_iter_count(to)) {
		size_t n = MIN(sizeof(chunk), iov_iter_count(to)), copied;

		get_random_bytes(chunk, n);
		copied = copy_to_iter(chunk, n, to);
		done += copied;
		if (copied < n)
			return done ? (ssize_t)done : -EFAULT;
	}
	return (ssize_t)done;
}

static const struct file_operations null_fops = {
	.read = null_read,
	.write = sink_write,
	.llseek = null_llseek,
};

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = sink_write,
	.llseek = null_llseek,
	.mmap_anonymous = true,		/* as Linux's mmap_zero() */
};

static const struct file_operations full_fops = {
	.read = zero_read,
	.write = full_write,
	.llseek = null_llseek,
};

static const struct file_operations random_fops = {
	.read = random_read,
	.write = sink_write,
	.llseek = null_llseek,
};

void memdev_init(void)
{
	register_chrdev(MEM_MAJOR, 3, "null", 0666, &null_fops);
	register_chrdev(MEM_MAJOR, 5, "zero", 0666, &zero_fops);
	register_chrdev(MEM_MAJOR, 7, "full", 0666, &full_fops);
	register_chrdev(MEM_MAJOR, 8, "random", 0666, &random_fops);
	register_chrdev(MEM_MAJOR, 9, "urandom", 0666, &random_fops);
}
