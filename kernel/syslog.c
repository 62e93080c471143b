/*
 * The kernel log for user space: syslog(2) (klogctl) and /dev/kmsg, both
 * readers of printk's record ring (kernel/printk.c), so busybox dmesg
 * works either way.
 *
 * syslog(2) keeps one global reader position (SYSLOG_ACTION_READ consumes
 * records, partially when the buffer is small) and the "clear" mark that
 * READ_ALL starts from.  It formats records as "<prio>[seconds.micros]
 * text\n".  As on Debian's Linux (CONFIG_SECURITY_DMESG_RESTRICT=y, so
 * dmesg_restrict=1), every action needs CAP_SYSLOG: here, euid 0.
 *
 * Each open /dev/kmsg has its own position.  A read returns exactly one
 * record as "prio,seq,usec,-;text\n" (non-printable bytes and '\' as
 * \xNN), -EINVAL when the buffer is too small for it (the record is then
 * skipped, as on Linux), and -EPIPE once when
 * records were overwritten before being read (the position then jumps to
 * the oldest one).  lseek with offset 0: SEEK_SET to the oldest record,
 * SEEK_END past the newest, SEEK_DATA to the syslog clear mark.  A write
 * logs one record, with an optional "<prio>" prefix (default: facility
 * user, level 4, as Linux).  Opening for reading needs the syslog
 * permission too.
 *
 * syslog_lock protects syslog_seq, syslog_partial, clear_seq and
 * saved_console_loglevel; a /dev/kmsg file's own lock protects its
 * position and buffers.
 */
#include <cred.h>
#include <chrdev.h>
#include <errno.h>
#include <format.h>
#include <kmalloc.h>
#include <mutex.h>
#include <poll.h>
#include <printk.h>
#include <syscall.h>
#include <uaccess.h>
#include <uio.h>
#include <vfs.h>
#include <wait.h>
#include <uapi/fcntl.h>

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

#define MINIMUM_CONSOLE_LOGLEVEL	1
#define DEFAULT_MESSAGE_LOGLEVEL	4	/* CONFIG_MESSAGE_LOGLEVEL_DEFAULT */
#define LOG_USER_FACILITY		1
#define KMSG_WRITE_MAX			(PRINTK_LINE_MAX - 32)	/* Linux's LOG_LINE_MAX */
#define FORMATTED_MAX			(PRINTK_LINE_MAX * 4 + 64)	/* \xNN escapes */

static struct mutex syslog_lock = MUTEX_INIT(syslog_lock);
static u64 syslog_seq;			/* syslog_lock: next record READ returns */
static size_t syslog_partial;		/* syslog_lock: bytes of it already returned */
static u64 clear_seq;			/* syslog_lock: where READ_ALL starts */
static int saved_console_loglevel = -1;	/* syslog_lock: -1: console on */

/* One record's text and its formatted form (too big for the stack). */
struct record_buf {
	struct printk_record rec;
	char text[PRINTK_LINE_MAX];
	char line[FORMATTED_MAX];
};

static bool syslog_permitted(void)
{
	return current_cred()->euid == 0;	/* CAP_SYSLOG, dmesg_restrict=1 */
}

/* Record seq in syslog's format into rb->line: its length, -EPIPE or -EAGAIN. */
static int syslog_format(u64 seq, struct record_buf *rb)
{
	int err = printk_record_get(seq, &rb->rec, rb->text, sizeof(rb->text));

	return err ? err : printk_format_syslog(&rb->rec, rb->text, rb->line, sizeof(rb->line));
}

static bool syslog_unread(void)
{
	u64 first, end;

	printk_seq_range(&first, &end);
	return READ_ONCE(syslog_seq) < end;
}

/* SYSLOG_ACTION_READ: wait for records, hand out as many as fit (syslog_lock held). */
static long syslog_read(char __user *ubuf, size_t size, struct record_buf *rb)
{
	size_t done = 0;
	u64 first, end;

	printk_seq_range(&first, &end);
	if (syslog_seq < first) {
		syslog_seq = first;
		syslog_partial = 0;
	}
	while (size > 0) {
		int n = syslog_format(syslog_seq, rb);
		size_t skip = syslog_partial, take;

		if (n < 0)
			break;
		if ((size_t)n - skip <= size) {
			take = n - skip;
			syslog_seq++;
			syslog_partial = 0;
		} else if (!done) {
			take = size;	/* a partial record; the next read goes on */
			syslog_partial += take;
		} else {
			break;
		}
		if (copy_to_user(ubuf + done, rb->line + skip, take))
			return done ? (long)done : -EFAULT;
		done += take;
		size -= take;
	}
	return (long)done;
}

/* Sum of the formatted sizes of records [from, end). */
static size_t formatted_size(u64 from, u64 end, struct record_buf *rb)
{
	size_t total = 0;

	for (u64 seq = from; seq < end; seq++) {
		int n = syslog_format(seq, rb);

		if (n > 0)
			total += n;
	}
	return total;
}

/* READ_ALL and READ_CLEAR: the newest records that fit, oldest first (syslog_lock held). */
static long syslog_read_all(char __user *ubuf, size_t size, bool clear, struct record_buf *rb)
{
	u64 first, end, seq;
	size_t total, done = 0;

	printk_seq_range(&first, &end);
	seq = MAX(clear_seq, first);
	total = formatted_size(seq, end, rb);
	for (; total > size && seq < end; seq++) {
		int n = syslog_format(seq, rb);

		total -= n > 0 ? (size_t)n : 0;
	}
	for (; seq < end; seq++) {
		int n = syslog_format(seq, rb);

		if (n < 0)
			continue;
		if (done + n > size)
			break;
		if (copy_to_user(ubuf + done, rb->line, n))
			return -EFAULT;
		done += n;
	}
	if (clear)
		clear_seq = end;
	return (long)done;
}

static long syslog_console(int type, int len)
{
	switch (type) {
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		console_loglevel = MINIMUM_CONSOLE_LOGLEVEL;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel != -1) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	default:	/* SYSLOG_ACTION_CONSOLE_LEVEL */
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = MAX(len, MINIMUM_CONSOLE_LOGLEVEL);
		saved_console_loglevel = -1;
		return 0;
	}
}

/* The actions that move text; type is READ, READ_ALL, READ_CLEAR or SIZE_UNREAD. */
static long syslog_text(int type, char __user *ubuf, int len)
{
	struct record_buf *rb;
	long ret;

	if (type != SYSLOG_ACTION_SIZE_UNREAD) {
		if (!ubuf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
	}
	if (type == SYSLOG_ACTION_READ) {
		printk_reader_waits();
		ret = wait_event_interruptible(printk_wait, syslog_unread());
		if (ret)
			return ret;
	}
	rb = kmalloc(sizeof(*rb), GFP_KERNEL);
	if (!rb)
		return -ENOMEM;
	mutex_lock(&syslog_lock);
	if (type == SYSLOG_ACTION_READ) {
		ret = syslog_read(ubuf, len, rb);
	} else if (type == SYSLOG_ACTION_SIZE_UNREAD) {
		u64 first, end;

		printk_seq_range(&first, &end);
		if (syslog_seq < first) {
			syslog_seq = first;
			syslog_partial = 0;
		}
		ret = (long)(formatted_size(syslog_seq, end, rb) - syslog_partial);
	} else {
		ret = syslog_read_all(ubuf, len, type == SYSLOG_ACTION_READ_CLEAR, rb);
	}
	mutex_unlock(&syslog_lock);
	kfree(rb);
	return ret;
}

SYSCALL_DEFINE3(syslog, int, type, char *, buf, int, len)
{
	long ret = 0;

	if (!syslog_permitted())
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
	case SYSLOG_ACTION_SIZE_UNREAD:
		return syslog_text(type, (char __user *)buf, len);
	case SYSLOG_ACTION_CLEAR: {
		u64 first, end;

		printk_seq_range(&first, &end);
		mutex_lock(&syslog_lock);
		clear_seq = end;
		mutex_unlock(&syslog_lock);
		return 0;
	}
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		mutex_lock(&syslog_lock);
		ret = syslog_console(type, len);
		mutex_unlock(&syslog_lock);
		return ret;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return PRINTK_BUFFER_SIZE;
	default:
		return -EINVAL;
	}
}

/* --- /dev/kmsg ------------------------------------------------------------------ */

struct kmsg_file {
	struct mutex lock;		/* protects everything below */
	u64 seq;			/* the next record this file reads */
	struct record_buf rb;
};

static int kmsg_open(struct inode *inode, struct file *f)
{
	struct kmsg_file *k;
	u64 end;

	if ((file_flags(f) & O_ACCMODE) != O_WRONLY && !syslog_permitted())
		return -EPERM;
	k = kmalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	mutex_init(&k->lock);
	printk_seq_range(&k->seq, &end);
	f->private = k;
	return 0;
}

static void kmsg_release(struct inode *inode, struct file *f)
{
	kfree(f->private);
}

/* "prio,seq,usec,-;text\n" with \xNN escapes; its length (fits rb->line). */
static size_t kmsg_format(struct record_buf *rb)
{
	const struct printk_record *r = &rb->rec;
	size_t n = snprintf(rb->line, sizeof(rb->line), "%u,%llu,%llu,-;",
			    r->facility << 3 | r->level, (unsigned long long)r->seq,
			    (unsigned long long)(r->ts_ns / 1000));

	for (size_t i = 0; i < r->len; i++) {
		u8 c = (u8)rb->text[i];

		if (c < ' ' || c >= 127 || c == '\\')
			n += snprintf(rb->line + n, sizeof(rb->line) - n, "\\x%02x", c);
		else
			rb->line[n++] = (char)c;
	}
	rb->line[n++] = '\n';
	return n;
}

static bool kmsg_has_record(struct kmsg_file *k)
{
	u64 first, end;

	printk_seq_range(&first, &end);
	return READ_ONCE(k->seq) < end || READ_ONCE(k->seq) < first;
}

static ssize_t kmsg_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct kmsg_file *k = f->private;
	ssize_t ret;
	int err;

	mutex_lock(&k->lock);
	while ((err = printk_record_get(k->seq, &k->rb.rec, k->rb.text, sizeof(k->rb.text))) ==
	       -EAGAIN) {
		mutex_unlock(&k->lock);
		if (file_flags(f) & O_NONBLOCK)
			return -EAGAIN;
		printk_reader_waits();
		ret = wait_event_interruptible(printk_wait, kmsg_has_record(k));
		if (ret)
			return ret;
		mutex_lock(&k->lock);
	}
	if (err == -EPIPE) {		/* overwritten: say so once, go on from the oldest */
		u64 end;

		printk_seq_range(&k->seq, &end);
		ret = -EPIPE;
	} else {
		size_t n = kmsg_format(&k->rb);

		k->seq++;	/* as Linux: a record too big for the buffer is lost */
		if (n > iov_iter_count(to))
			ret = -EINVAL;
		else if (copy_to_iter(k->rb.line, n, to) != n)
			ret = -EFAULT;
		else
			ret = (ssize_t)n;
	}
	mutex_unlock(&k->lock);
	return ret;
}

/* "<N>" at the start of a write: facility and level; returns the prefix length. */
static size_t parse_prio(const char *s, size_t len, int *facility, int *level)
{
	unsigned int u = 0;
	size_t i = 1;

	if (len < 3 || s[0] != '<')
		return 0;
	while (i < len && s[i] >= '0' && s[i] <= '9' && i < 12)
		u = u * 10 + (s[i++] - '0');
	if (i == 1 || i >= len || s[i] != '>')
		return 0;
	if (u & ~7u)
		*facility = (int)(u >> 3);
	*level = (int)(u & 7);
	return i + 1;
}

static ssize_t kmsg_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	size_t len = iov_iter_count(from), skip;
	int facility = LOG_USER_FACILITY, level = DEFAULT_MESSAGE_LOGLEVEL;
	char *buf;

	if (len > KMSG_WRITE_MAX)
		return -EINVAL;
	buf = kmalloc(len + 1, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (copy_from_iter(buf, len, from) != len) {
		kfree(buf);
		return -EFAULT;
	}
	skip = parse_prio(buf, len, &facility, &level);
	printk_store(facility, level, buf + skip, len - skip);
	kfree(buf);
	return (ssize_t)len;
}

static s64 kmsg_llseek(struct file *f, s64 offset, int whence)
{
	struct kmsg_file *k = f->private;
	u64 first, end;

	if (offset)
		return -ESPIPE;
	printk_seq_range(&first, &end);
	mutex_lock(&k->lock);
	switch (whence) {
	case SEEK_SET:
		k->seq = first;
		break;
	case SEEK_DATA:		/* where "dmesg -c" left off */
		k->seq = MAX(READ_ONCE(clear_seq), first);
		break;
	case SEEK_END:
		k->seq = end;
		break;
	default:
		mutex_unlock(&k->lock);
		return -EINVAL;
	}
	mutex_unlock(&k->lock);
	return 0;
}

static unsigned int kmsg_poll(struct file *f, struct poll_table *pt)
{
	struct kmsg_file *k = f->private;
	u64 first, end, seq = READ_ONCE(k->seq);

	printk_reader_waits();
	poll_wait(pt, &printk_wait);
	printk_seq_range(&first, &end);
	if (seq < first)
		return POLLIN | POLLRDNORM | POLLERR | POLLPRI;
	return seq < end ? POLLIN | POLLRDNORM : 0;
}

static const struct file_operations kmsg_fops = {
	.open = kmsg_open,
	.release = kmsg_release,
	.read = kmsg_read,
	.write = kmsg_write,
	.llseek = kmsg_llseek,
	.poll = kmsg_poll,
};

void syslog_init(void)
{
	register_chrdev(1, 11, "kmsg", 0644, &kmsg_fops);
}
