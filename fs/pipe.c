/*
 * Pipes and FIFOs.
 *
 * A pipe is a ring buffer of pages (64 KiB by default, F_SETPIPE_SZ
 * changes it) with a count of open read ends and write ends.  The rules
 * are pipe(7)'s:
 *
 *   - read returns what is there (up to the request); on an empty pipe it
 *     returns 0 (end of file) when no writer is left, -EAGAIN with
 *     O_NONBLOCK, and otherwise sleeps until data or the last writer's
 *     close arrives;
 *   - write to a pipe without readers fails with -EPIPE and raises
 *     SIGPIPE; a write of at most PIPE_BUF (4096) bytes is atomic (it
 *     waits until all of it fits, or fails with -EAGAIN when
 *     non-blocking); a larger one may be split, and with O_NONBLOCK
 *     returns what fitted;
 *   - a FIFO (mknod S_IFIFO) shares one pipe among its openers: opening
 *     for reading waits for a writer and vice versa, except with
 *     O_NONBLOCK (a reader gets in at once, a writer without readers
 *     gets -ENXIO); O_RDWR never waits.
 *
 * pipe->lock (a mutex) protects the ring, the counts and the size.  It
 * is held while copying to or from user memory (page faults never take
 * it).  Sleepers wait on rd_wait (readers: data, no writers, a writer
 * opening) and wr_wait (writers: room, no readers, a reader opening)
 * with the lock dropped, through wait_event_interruptible().  A FIFO's
 * inode lock guards inode->pipe (created at the first open, freed at the
 * last close) and is taken before pipe->lock.
 */
#include <cred.h>
#include <format.h>
#include <kmalloc.h>
#include <mm.h>
#include <poll.h>
#include <panic.h>
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <uapi/fcntl.h>
#include <uapi/ioctls.h>
#include <uapi/statfs.h>
#include "internal.h"

#define PIPE_BUF		4096
#define PIPE_DEF_PAGES		16		/* 64 KiB */
#define PIPE_MAX_SIZE		(1u << 20)	/* /proc/sys/fs/pipe-max-size */
#define PIPE_MAX_SIZE_ROOT	(1u << 24)

struct pipe {
	struct mutex lock;
	struct wait_queue rd_wait, wr_wait;
	struct page **pages;		/* ring of nr_pages slots, allocated as used */
	unsigned int nr_pages;
	size_t head;			/* ring offset of the first unread byte */
	size_t len;			/* unread bytes */
	unsigned int readers, writers;	/* open ends */
	unsigned int r_counter, w_counter;	/* opens ever, for FIFO open waits */
};

static struct mount *pipe_mnt;		/* immutable after boot */

static size_t pipe_size(const struct pipe *p)
{
	return (size_t)p->nr_pages * PAGE_SIZE;
}

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->pages = kzalloc(PIPE_DEF_PAGES * sizeof(*p->pages));
	if (!p->pages) {
		kfree(p);
		return NULL;
	}
	p->nr_pages = PIPE_DEF_PAGES;
	mutex_init(&p->lock);
	wait_queue_init(&p->rd_wait);
	wait_queue_init(&p->wr_wait);
	return p;
}

static void free_ring(struct page **pages, unsigned int nr)
{
	for (unsigned int i = 0; i < nr; i++)
		if (pages[i])
			put_page(pages[i]);
	kfree(pages);
}

static void pipe_free(struct pipe *p)
{
	free_ring(p->pages, p->nr_pages);
	kfree(p);
}

static struct pipe *file_pipe(struct file *f)
{
	return f->private;
}

/* The ring byte at offset off: its page (allocated on demand) and its address. */
static char *ring_addr(struct pipe *p, size_t off, size_t *contig)
{
	size_t at = off % pipe_size(p);
	unsigned int slot = at / PAGE_SIZE;

	if (!p->pages[slot]) {
		p->pages[slot] = alloc_page(GFP_KERNEL);
		if (!p->pages[slot])
			return NULL;
	}
	*contig = PAGE_SIZE - at % PAGE_SIZE;
	return (char *)page_address(p->pages[slot]) + at % PAGE_SIZE;
}

/* Copy up to n unread bytes out (lock held); returns bytes copied, short on a fault. */
static size_t ring_read(struct pipe *p, struct iov_iter *to, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t contig, chunk, copied;
		char *src = ring_addr(p, p->head, &contig);

		if (!src)
			break;
		chunk = MIN(contig, n - done);
		copied = copy_to_iter(src, chunk, to);
		p->head = (p->head + copied) % pipe_size(p);
		p->len -= copied;
		done += copied;
		if (copied < chunk)
			break;
	}
	if (!p->len)
		p->head = 0;
	return done;
}

/* Copy up to n bytes in after the unread ones (lock held); -ENOMEM if nothing fit. */
static ssize_t ring_write(struct pipe *p, struct iov_iter *from, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t contig, chunk, copied;
		char *dst = ring_addr(p, p->head + p->len, &contig);

		if (!dst)
			return done ? (ssize_t)done : -ENOMEM;
		chunk = MIN(contig, n - done);
		copied = copy_from_iter(dst, chunk, from);
		p->len += copied;
		done += copied;
		if (copied < chunk)
			break;
	}
	return (ssize_t)done;
}

static ssize_t pipe_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct pipe *p = file_pipe(f);
	size_t want = iov_iter_count(to), got;
	int err;

	if (!want)
		return 0;
	mutex_lock(&p->lock);
	while (!p->len) {
		if (!p->writers) {
			mutex_unlock(&p->lock);
			return 0;
		}
		mutex_unlock(&p->lock);
		if (file_flags(f) & O_NONBLOCK)
			return -EAGAIN;
		err = wait_event_interruptible(p->rd_wait,
					       READ_ONCE(p->len) || !READ_ONCE(p->writers));
		if (err)
			return err;
		mutex_lock(&p->lock);
	}
	got = ring_read(p, to, MIN(want, p->len));
	mutex_unlock(&p->lock);
	wake_up(&p->wr_wait);
	return got ? (ssize_t)got : -EFAULT;
}

/* Room a writer needs before it may copy: all of a PIPE_BUF-sized write, else a byte. */
static bool pipe_writable(struct pipe *p, size_t need)
{
	return pipe_size(p) - READ_ONCE(p->len) >= need || !READ_ONCE(p->readers);
}

static ssize_t pipe_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct pipe *p = file_pipe(f);
	size_t total = iov_iter_count(from), done = 0;
	size_t need = total <= PIPE_BUF ? total : 1;
	ssize_t ret = 0, n;

	if (!total)
		return 0;
	mutex_lock(&p->lock);
	for (;;) {
		if (!p->readers) {
			ret = -EPIPE;
			break;
		}
		if (pipe_size(p) - p->len >= need) {
			size_t want = MIN(pipe_size(p) - p->len, total - done);

			n = ring_write(p, from, want);
			if (n > 0) {
				done += n;
				wake_up(&p->rd_wait);
			}
			if (n < (ssize_t)want) {	/* a fault, or out of memory */
				ret = n < 0 ? n : -EFAULT;
				break;
			}
			if (done == total)
				break;
			continue;
		}
		if (file_flags(f) & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&p->lock);
		ret = wait_event_interruptible(p->wr_wait, pipe_writable(p, need));
		mutex_lock(&p->lock);
		if (ret)
			break;
	}
	mutex_unlock(&p->lock);
	if (ret == -EPIPE && !done)
		signal_pipe_broken();
	return done ? (ssize_t)done : ret;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = file_pipe(f);
	int n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&p->lock);
	n = (int)p->len;
	mutex_unlock(&p->lock);
	return put_user(n, (int __user *)arg);
}

/* Drop this file's end; true when no end is left open. */
static bool pipe_drop_end(struct pipe *p, struct file *f)
{
	bool last;

	mutex_lock(&p->lock);
	if (f->mode & FMODE_READ)
		p->readers--;
	if (f->mode & FMODE_WRITE)
		p->writers--;
	last = !p->readers && !p->writers;
	mutex_unlock(&p->lock);
	wake_up(&p->rd_wait);
	wake_up(&p->wr_wait);
	return last;
}

static void pipe_release(struct inode *inode, struct file *f)
{
	struct pipe *p = file_pipe(f);

	if (inode->sb != pipe_mnt->sb) {	/* a FIFO: the last close frees the pipe */
		mutex_lock(&inode->lock);
		if (pipe_drop_end(p, f)) {
			inode->pipe = NULL;
			pipe_free(p);
		}
		mutex_unlock(&inode->lock);
		return;
	}
	pipe_drop_end(p, f);	/* anonymous: freed with its inode */
}

/*
 * Readable with data; writable with room for PIPE_BUF bytes; POLLHUP for
 * a reader once no writer is left (but a FIFO reader that opened
 * non-blocking before any writer came sees no hang-up until one has come
 * and gone, as on Linux); POLLERR for a writer without readers.
 */
static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *p = file_pipe(f);
	unsigned int mask = 0;
	size_t len;

	if (f->mode & FMODE_READ)
		poll_wait(pt, &p->rd_wait);
	if (f->mode & FMODE_WRITE)
		poll_wait(pt, &p->wr_wait);
	len = READ_ONCE(p->len);
	if (f->mode & FMODE_READ) {
		if (len)
			mask |= POLLIN | POLLRDNORM;
		if (!READ_ONCE(p->writers) && f->version != READ_ONCE(p->w_counter))
			mask |= POLLHUP;
	}
	if (f->mode & FMODE_WRITE) {
		if (pipe_size(p) - len >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(p->readers))
			mask |= POLLERR;
	}
	return mask;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

/* --- FIFOs ----------------------------------------------------------------- */

/* Wait until *counter moves past seen (another end opened); 0 or -ERESTARTSYS. */
static int fifo_wait_for_peer(struct pipe *p, struct wait_queue *wq, unsigned int *counter,
			      unsigned int seen)
{
	int err;

	mutex_unlock(&p->lock);
	err = wait_event_interruptible(*wq, READ_ONCE(*counter) != seen);
	mutex_lock(&p->lock);
	return err;
}

/* Join the pipe as f's access mode says (p->lock held); may wait for the other end. */
static int fifo_join(struct pipe *p, struct file *f)
{
	bool nonblock = file_flags(f) & O_NONBLOCK;
	int err = 0;

	switch (f->mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		p->readers++;
		p->r_counter++;
		wake_up(&p->wr_wait);
		if (!p->writers && nonblock)
			f->version = p->w_counter;	/* no POLLHUP before a writer */
		if (!p->writers && !nonblock)
			err = fifo_wait_for_peer(p, &p->rd_wait, &p->w_counter, p->w_counter);
		if (err)
			p->readers--;
		return err;
	case FMODE_WRITE:
		if (!p->readers && nonblock)
			return -ENXIO;
		p->writers++;
		p->w_counter++;
		wake_up(&p->rd_wait);
		if (!p->readers)
			err = fifo_wait_for_peer(p, &p->wr_wait, &p->r_counter, p->r_counter);
		if (err)
			p->writers--;
		return err;
	case FMODE_READ | FMODE_WRITE:
		p->readers++;
		p->writers++;
		p->r_counter++;
		p->w_counter++;
		wake_up(&p->rd_wait);
		wake_up(&p->wr_wait);
		return 0;
	default:
		return -EINVAL;
	}
}

/* After a failed open: free the pipe if nobody else has it open. */
static void fifo_abandon(struct inode *inode, struct pipe *p)
{
	bool unused;

	mutex_lock(&inode->lock);
	mutex_lock(&p->lock);
	unused = !p->readers && !p->writers && inode->pipe == p;
	if (unused)
		inode->pipe = NULL;
	mutex_unlock(&p->lock);
	mutex_unlock(&inode->lock);
	if (unused)
		pipe_free(p);
}

int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe *p;
	int err;

	mutex_lock(&inode->lock);
	if (!inode->pipe)
		inode->pipe = pipe_alloc();
	p = inode->pipe;
	if (!p) {
		mutex_unlock(&inode->lock);
		return -ENOMEM;
	}
	/*
	 * Take p->lock before dropping inode->lock: only a last close or a
	 * failed open frees p, and both need p->lock after inode->lock.
	 */
	mutex_lock(&p->lock);
	mutex_unlock(&inode->lock);
	f->private = p;
	f->ops = &pipe_fops;
	f->mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	err = fifo_join(p, f);
	mutex_unlock(&p->lock);
	if (err)
		fifo_abandon(inode, p);
	return err;
}

const struct file_operations fifo_fops = {
	.open = fifo_open,
};

/* --- anonymous pipes --------------------------------------------------------- */

static void pipefs_evict(struct inode *inode)
{
	if (inode->pipe)
		pipe_free(inode->pipe);
	inode->pipe = NULL;
}

static const struct super_operations pipefs_sops = {
	.evict_inode = pipefs_evict,
};

static struct file_system_type pipefs_type = {
	.name = "pipefs",
};

void pipefs_init(void)
{
	struct super_block *sb = sb_alloc(&pipefs_type, &pipefs_sops, PIPEFS_MAGIC);
	struct inode *root = sb ? new_inode(sb) : NULL;

	if (root) {
		root->ino = sb_next_ino(sb);
		root->mode = S_IFDIR | 0600;
		sb->root = d_make_root(root);
	}
	pipe_mnt = sb && sb->root ? kern_mount(sb) : NULL;
	if (!pipe_mnt)
		panic("VFS: cannot create pipefs");
	sb_put(sb);
}

/* One end of a new pipe, on the pseudo path p. */
static struct file *pipe_end(const struct path *path, struct pipe *p, unsigned int oflags)
{
	struct file *f = vfs_file_open(path, oflags);

	if (IS_ERR(f))
		return f;
	f->private = p;
	f->mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return f;
}

/* Both ends of a new anonymous pipe; status flags from flags. */
static int create_pipe_files(struct file **ends, unsigned int flags)
{
	const struct cred *cred = current_cred();
	struct inode *inode = new_inode(pipe_mnt->sb);
	struct path path = { .mnt = pipe_mnt };
	char name[32];

	if (!inode)
		return -ENFILE;
	inode->ino = sb_next_ino(pipe_mnt->sb);
	inode->mode = S_IFIFO | 0600;
	inode->uid = cred->fsuid;
	inode->gid = cred->fsgid;
	inode->fops = &pipe_fops;
	inode->pipe = pipe_alloc();
	if (!inode->pipe) {
		iput(inode);
		return -ENFILE;
	}
	inode->pipe->readers = inode->pipe->writers = 1;
	inode->pipe->r_counter = inode->pipe->w_counter = 1;
	snprintf(name, sizeof(name), "pipe:[%llu]", (unsigned long long)inode->ino);
	path.dentry = d_alloc_pseudo(pipe_mnt->sb, inode, name);
	if (!path.dentry)
		return -ENFILE;
	ends[0] = pipe_end(&path, inode->pipe, O_RDONLY | (flags & O_NONBLOCK));
	ends[1] = IS_ERR(ends[0]) ? ends[0] :
		  pipe_end(&path, inode->pipe, O_WRONLY | (flags & O_NONBLOCK));
	dput(path.dentry);	/* the files hold it now */
	if (IS_ERR(ends[1])) {
		if (!IS_ERR(ends[0]))
			file_put(ends[0]);
		return (int)PTR_ERR(ends[1]);
	}
	/*
	 * Nobody else can reach the inode yet.  From now on an open of it
	 * (through /proc/PID/fd/N) joins the pipe as a FIFO open does, as on
	 * Linux; the two ends above were set up directly.
	 */
	inode->fops = &fifo_fops;
	return 0;
}

SYSCALL_DEFINE2(pipe2, int *, fildes, int, flags)
{
	struct file *ends[2];
	int fds[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;		/* FIXME: O_DIRECT (packet mode) */
	err = create_pipe_files(ends, flags);
	if (err)
		return err;
	fds[0] = fd_reserve(0, flags & O_CLOEXEC);
	fds[1] = fds[0] < 0 ? fds[0] : fd_reserve(0, flags & O_CLOEXEC);
	err = fds[1] < 0 ? fds[1] : (int)copy_to_user(fildes, fds, sizeof(fds));
	if (err) {
		if (fds[0] >= 0)
			fd_unreserve(fds[0]);
		if (fds[1] >= 0)
			fd_unreserve(fds[1]);
		file_put(ends[0]);
		file_put(ends[1]);
		return err;
	}
	fd_commit(fds[0], ends[0]);
	fd_commit(fds[1], ends[1]);
	return 0;
}

SYSCALL_DEFINE1(pipe, int *, fildes)
{
	return sys_pipe2((unsigned long)fildes, 0, 0, 0, 0, 0);
}

/*
 * F_SETPIPE_SZ: copy the unread bytes to the start of a new ring of nr
 * pages (lock held; nr pages hold them all).  On -ENOMEM nothing changed.
 */
static int pipe_resize(struct pipe *p, unsigned int nr)
{
	struct page **pages = kzalloc(nr * sizeof(*pages));
	size_t done = 0;

	if (!pages)
		return -ENOMEM;
	while (done < p->len) {
		unsigned int slot = done / PAGE_SIZE;
		size_t off = done % PAGE_SIZE, contig, chunk;
		char *src = ring_addr(p, p->head + done, &contig);

		if (!pages[slot])
			pages[slot] = alloc_page(GFP_KERNEL);
		if (!src || !pages[slot]) {
			free_ring(pages, nr);
			return -ENOMEM;
		}
		chunk = MIN(MIN(contig, PAGE_SIZE - off), p->len - done);
		memcpy((char *)page_address(pages[slot]) + off, src, chunk);
		done += chunk;
	}
	free_ring(p->pages, p->nr_pages);
	p->pages = pages;
	p->nr_pages = nr;
	p->head = 0;
	return 0;
}

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe *p = file_pipe(f);
	unsigned int nr = 1;
	long ret;

	if (f->ops != &pipe_fops)
		return -EBADF;
	if (cmd == F_GETPIPE_SZ)
		return (long)pipe_size(p);
	if (arg > PIPE_MAX_SIZE && !cred_is_root(current_cred()))
		return -EPERM;
	if (arg > PIPE_MAX_SIZE_ROOT)
		return -ENOMEM;
	while ((unsigned long)nr * PAGE_SIZE < arg)
		nr *= 2;
	mutex_lock(&p->lock);
	if (p->len > (size_t)nr * PAGE_SIZE)
		ret = -EBUSY;
	else
		ret = nr == p->nr_pages ? 0 : pipe_resize(p, nr);
	if (!ret)
		ret = (long)pipe_size(p);
	mutex_unlock(&p->lock);
	wake_up(&p->wr_wait);
	return ret;
}
