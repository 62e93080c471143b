/*
 * eventfd(2): a file holding one 64-bit counter.
 *
 *   read   needs 8 bytes; blocks (or -EAGAIN with O_NONBLOCK) while the
 *          counter is 0; then returns the counter and zeroes it, or with
 *          EFD_SEMAPHORE returns 1 and decrements it;
 *   write  needs 8 bytes; adds the value, blocking (or -EAGAIN) while the
 *          sum would exceed 0xfffffffffffffffe; the value ~0 is -EINVAL;
 *   poll   POLLIN while the counter is non-zero, POLLOUT while 1 more
 *          fits, POLLERR at the overflow value (reachable only from inside
 *          the kernel on Linux, so never here).
 *
 * ctx->lock protects the counter; sleepers wait on ctx->wq with it
 * dropped and re-check under it.
 */
#include <anon_inodes.h>
#include <file.h>
#include <kmalloc.h>
#include <poll.h>
#include <syscall.h>
#include <uio.h>
#include <uapi/fcntl.h>

#define EFD_SEMAPHORE	1
#define EFD_CLOEXEC	O_CLOEXEC
#define EFD_NONBLOCK	O_NONBLOCK

#define EVENTFD_MAX	(~0ull)		/* the overflow value: never reached by write */

struct eventfd_ctx {
	struct spinlock lock;		/* count */
	u64 count;
	bool semaphore;			/* immutable: EFD_SEMAPHORE */
	struct wait_queue wq;		/* readers, writers, pollers */
};

/* Take what a read returns from the counter (lock held); 0 when it is empty. */
static u64 eventfd_take(struct eventfd_ctx *ctx)
{
	u64 v = ctx->semaphore && ctx->count ? 1 : ctx->count;

	ctx->count -= v;
	return v;
}

static ssize_t eventfd_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct eventfd_ctx *ctx = f->private;
	u64 v;
	int err;

	(void)pos;
	if (iov_iter_count(to) < sizeof(v))
		return -EINVAL;
	for (;;) {
		spin_lock(&ctx->lock);
		v = eventfd_take(ctx);
		spin_unlock(&ctx->lock);
		if (v)
			break;
		if (file_flags(f) & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(ctx->wq, READ_ONCE(ctx->count) != 0);
		if (err)
			return err;
	}
	wake_up(&ctx->wq);		/* room for writers */
	/* As on Linux, the value is consumed even if the copy then faults. */
	return copy_to_iter(&v, sizeof(v), to) == sizeof(v) ? (ssize_t)sizeof(v) : -EFAULT;
}

/* Add v if the sum stays below the overflow value (lock taken here). */
static bool eventfd_try_add(struct eventfd_ctx *ctx, u64 v)
{
	bool fits;

	spin_lock(&ctx->lock);
	fits = EVENTFD_MAX - ctx->count > v;
	if (fits)
		ctx->count += v;
	spin_unlock(&ctx->lock);
	return fits;
}

static ssize_t eventfd_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct eventfd_ctx *ctx = f->private;
	u64 v;
	int err;

	(void)pos;
	if (iov_iter_count(from) < sizeof(v))
		return -EINVAL;
	if (copy_from_iter(&v, sizeof(v), from) != sizeof(v))
		return -EFAULT;
	if (v == EVENTFD_MAX)
		return -EINVAL;
	while (!eventfd_try_add(ctx, v)) {
		if (file_flags(f) & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(ctx->wq, EVENTFD_MAX - READ_ONCE(ctx->count) > v);
		if (err)
			return err;
	}
	wake_up(&ctx->wq);		/* data for readers */
	return sizeof(v);
}

static unsigned int eventfd_poll(struct file *f, struct poll_table *pt)
{
	struct eventfd_ctx *ctx = f->private;
	unsigned int mask = 0;
	u64 count;

	poll_wait(pt, &ctx->wq);
	count = READ_ONCE(ctx->count);
	if (count)
		mask |= POLLIN | POLLRDNORM;
	if (count == EVENTFD_MAX)
		mask |= POLLERR;
	if (EVENTFD_MAX - 1 > count)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static void eventfd_release(struct inode *inode, struct file *f)
{
	(void)inode;
	kfree(f->private);
}

static const struct file_operations eventfd_fops = {
	.llseek = noop_llseek,
	.read = eventfd_read,
	.write = eventfd_write,
	.poll = eventfd_poll,
	.release = eventfd_release,
};

SYSCALL_DEFINE2(eventfd2, unsigned int, initval, int, flags)
{
	struct eventfd_ctx *ctx;
	int fd;

	if (flags & ~(EFD_SEMAPHORE | EFD_CLOEXEC | EFD_NONBLOCK))
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->lock = (struct spinlock)SPINLOCK_INIT("eventfd");
	ctx->count = initval;
	ctx->semaphore = flags & EFD_SEMAPHORE;
	wait_queue_init(&ctx->wq);
	fd = anon_inode_getfd("[eventfd]", &eventfd_fops, ctx,
			      O_RDWR | (flags & (EFD_CLOEXEC | EFD_NONBLOCK)));
	if (fd < 0)
		kfree(ctx);
	return fd;
}

SYSCALL_DEFINE1(eventfd, unsigned int, initval)
{
	return sys_eventfd2(initval, 0, 0, 0, 0, 0);
}
