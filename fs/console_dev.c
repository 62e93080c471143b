/*
 * The terminal character devices: /dev/console and /dev/ttyS0 (the
 * serial console's tty) and /dev/tty (the caller's controlling
 * terminal).  This file only joins the file layer to the TTY layer
 * (include/tty.h): bytes pass through a kernel bounce buffer, since the
 * line discipline works on kernel memory, and ioctls go straight to
 * tty_ioctl().
 *
 * The read/write/ioctl/poll/release routines are shared with the other
 * terminal drivers (pseudo-terminals) through include/tty.h.
 *
 * As on Linux, opening /dev/console never acquires a controlling
 * terminal; opening /dev/ttyS0 may (unless O_NOCTTY), when the caller is
 * a session leader without one.
 */
#include <chrdev.h>
#include <kmalloc.h>
#include <poll.h>
#include <printk.h>
#include <tty.h>
#include <uapi/fcntl.h>
#include "internal.h"

#define TTY_MAJOR	4
#define TTYAUX_MAJOR	5
#define TTY_CHUNK	512

static struct tty *file_tty(struct file *f)
{
	return f->private;
}

static int tty_dev_open(struct inode *inode, struct file *f)
{
	struct tty *tty = inode->rdev == MKDEV(TTYAUX_MAJOR, 0) ? tty_current() : console_tty;
	bool noctty = (file_flags(f) & O_NOCTTY) || inode->rdev == MKDEV(TTYAUX_MAJOR, 1);

	if (!tty)
		return -ENXIO;	/* no controlling terminal, or no console yet */
	return tty_file_attach(f, tty, noctty);
}

/* f->version holds the tty's hang-up generation at open (tty_vhangup). */
int tty_file_attach(struct file *f, struct tty *tty, bool noctty)
{
	f->private = tty;
	f->version = tty_hangup_gen(tty);
	f->mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return tty_open(tty, noctty);
}

void tty_file_release(struct inode *inode, struct file *f)
{
	tty_release(file_tty(f));
}

ssize_t tty_file_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	size_t len = MIN(iov_iter_count(to), (size_t)PAGE_SIZE);
	char *buf;
	ssize_t n;

	if (!len)
		return 0;
	buf = kmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	n = tty_read(file_tty(f), (unsigned int)f->version, buf, len, file_flags(f) & O_NONBLOCK);
	if (n > 0 && copy_to_iter(buf, n, to) != (size_t)n)
		n = -EFAULT;	/* the bytes are consumed, as with Linux's tty */
	kfree(buf);
	return n;
}

ssize_t tty_file_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	char chunk[TTY_CHUNK];
	size_t done = 0;

	while (iov_iter_count(from)) {
		size_t n = copy_from_iter(chunk, MIN(sizeof(chunk), iov_iter_count(from)), from);
		ssize_t w;

		if (!n)
			return done ? (ssize_t)done : -EFAULT;
		w = tty_write(file_tty(f), (unsigned int)f->version, chunk, n,
			      file_flags(f) & O_NONBLOCK);
		if (w < 0)
			return done ? (ssize_t)done : w;
		done += w;
		if ((size_t)w < n)
			break;
	}
	return (ssize_t)done;
}

/* A file opened before the terminal's last tty_vhangup(). */
static bool file_hung_up(struct file *f)
{
	return (unsigned int)f->version != tty_hangup_gen(file_tty(f));
}

long tty_file_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (file_hung_up(f))	/* Linux's hung_up_tty_ioctl */
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	return tty_ioctl(file_tty(f), cmd, arg);
}

unsigned int tty_file_poll(struct file *f, struct poll_table *pt)
{
	if (file_hung_up(f))	/* Linux's hung_up_tty_poll */
		return POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM;
	return tty_poll(file_tty(f), pt);
}

static const struct file_operations tty_dev_fops = {
	.poll = tty_file_poll,
	.open = tty_dev_open,
	.release = tty_file_release,
	.read = tty_file_read,
	.write = tty_file_write,
	.ioctl = tty_file_ioctl,
};

void console_dev_init(void)
{
	register_chrdev(TTYAUX_MAJOR, 0, "tty", 0666, &tty_dev_fops);
	register_chrdev(TTYAUX_MAJOR, 1, "console", 0600, &tty_dev_fops);
	register_chrdev(TTY_MAJOR, 64, "ttyS0", 0600, &tty_dev_fops);
}
