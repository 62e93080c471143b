/*
 * signalfd(2) and signalfd4: read pending signals as records.
 *
 * A signalfd holds only a mask.  Reading takes pending signals of that
 * mask from the reader's own thread, then from its process, exactly as
 * delivery would (so the signal is consumed and its handler never runs),
 * and turns each siginfo into a 128-byte struct signalfd_siginfo.  The
 * signals are normally blocked, else delivery may take them first.  It
 * polls readable while such a signal is pending for the poller.  As on
 * Linux, the process that matters is the one reading or polling, not the
 * one that created the file.
 *
 * Sleepers wait on the global signalfd_wait queue (signal.h), woken after
 * every queued signal and after a mask update; the mask is atomic, and
 * signals are taken under the reader's sighand->lock.
 */
#include <anon_inodes.h>
#include <file.h>
#include <kmalloc.h>
#include <poll.h>
#include <proc.h>
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <uio.h>
#include <uapi/fcntl.h>

#define SFD_CLOEXEC	O_CLOEXEC
#define SFD_NONBLOCK	O_NONBLOCK

struct signalfd_siginfo_abi {
	u32 ssi_signo;
	s32 ssi_errno;
	s32 ssi_code;
	u32 ssi_pid;
	u32 ssi_uid;
	s32 ssi_fd;
	u32 ssi_tid;
	u32 ssi_band;
	u32 ssi_overrun;
	u32 ssi_trapno;
	s32 ssi_status;
	s32 ssi_int;
	u64 ssi_ptr;
	u64 ssi_utime;
	u64 ssi_stime;
	u64 ssi_addr;
	u16 ssi_addr_lsb;
	u16 pad2;
	s32 ssi_syscall;
	u64 ssi_call_addr;
	u32 ssi_arch;
	u8 pad[28];
};
_Static_assert(sizeof(struct signalfd_siginfo_abi) == 128, "signalfd_siginfo layout");
_Static_assert(__builtin_offsetof(struct signalfd_siginfo_abi, ssi_ptr) == 48, "layout");
_Static_assert(__builtin_offsetof(struct signalfd_siginfo_abi, ssi_addr) == 72, "layout");
_Static_assert(__builtin_offsetof(struct signalfd_siginfo_abi, ssi_call_addr) == 88, "layout");

struct signalfd_ctx {
	u64 mask;			/* atomic: the signals this file reads */
};

static const struct file_operations signalfd_fops;

static u64 signalfd_mask(struct file *f)
{
	return __atomic_load_n(&((struct signalfd_ctx *)f->private)->mask, __ATOMIC_RELAXED);
}

/* Is a signal of mask pending for t (thread or process)? */
static bool signalfd_pending(struct task *t, u64 mask)
{
	u64 pending = __atomic_load_n(&t->pending.set, __ATOMIC_RELAXED) |
		      __atomic_load_n(&t->group_leader->shared_pending.set, __ATOMIC_RELAXED);

	return pending & mask;
}

/* The sigval of a queued or timer signal: 8 bytes at offset 24 of siginfo. */
static u64 siginfo_value(const struct siginfo_abi *info)
{
	u64 v;

	memcpy(&v, info->u.bytes + 8, sizeof(v));
	return v;
}

static bool is_fault_signal(int sig)
{
	return sig == SIGILL || sig == SIGFPE || sig == SIGSEGV || sig == SIGBUS ||
	       sig == SIGTRAP;
}

/* Fill the fields Linux fills for this siginfo's layout (signalfd(2)). */
static void signalfd_convert(const struct siginfo_abi *info, struct signalfd_siginfo_abi *out)
{
	int sig = info->si_signo, code = info->si_code;

	memset(out, 0, sizeof(*out));
	out->ssi_signo = (u32)sig;
	out->ssi_errno = info->si_errno;
	out->ssi_code = code;
	if (code == SI_TIMER) {
		out->ssi_tid = (u32)info->u.timer.tid;
		out->ssi_overrun = (u32)info->u.timer.overrun;
		out->ssi_ptr = siginfo_value(info);
		out->ssi_int = (s32)siginfo_value(info);
	} else if (code > SI_USER && code < SI_KERNEL && is_fault_signal(sig)) {
		out->ssi_addr = (u64)info->u.fault.addr;
	} else if (code > SI_USER && code < SI_KERNEL && sig == SIGCHLD) {
		out->ssi_pid = (u32)info->u.chld.pid;
		out->ssi_uid = info->u.chld.uid;
		out->ssi_status = info->u.chld.status;
		out->ssi_utime = (u64)info->u.chld.utime;
		out->ssi_stime = (u64)info->u.chld.stime;
	} else {
		/* kill, tkill, sigqueue: sender's pid and uid (and the value) */
		out->ssi_pid = (u32)info->u.kill.pid;
		out->ssi_uid = info->u.kill.uid;
		if (code < 0) {
			out->ssi_ptr = siginfo_value(info);
			out->ssi_int = (s32)siginfo_value(info);
		}
	}
}

/* Take one signal of mask for the current task: its number, or 0. */
static int signalfd_take(u64 mask, struct siginfo_abi *info)
{
	struct task *t = current_task();
	unsigned long flags = spin_lock_irqsave(&t->sighand->lock);
	int sig = signal_dequeue(t, ~mask, info);

	spin_unlock_irqrestore(&t->sighand->lock, flags);
	return sig;
}

/* One record: taken at once, or (block) after waiting.  Its number, or -errno. */
static int signalfd_dequeue(struct file *f, struct siginfo_abi *info, bool block)
{
	int sig, err;

	for (;;) {
		u64 mask = signalfd_mask(f);

		sig = signalfd_take(mask, info);
		if (sig || !block)
			return sig ? sig : -EAGAIN;
		err = wait_event_interruptible(signalfd_wait,
					       signalfd_pending(current_task(), signalfd_mask(f)));
		if (err)
			return err;
	}
}

static ssize_t signalfd_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	size_t room = iov_iter_count(to) / sizeof(struct signalfd_siginfo_abi);
	bool block = !(file_flags(f) & O_NONBLOCK);
	struct signalfd_siginfo_abi rec;
	struct siginfo_abi info;
	ssize_t total = 0;
	int sig = 0;

	(void)pos;
	if (!room)
		return -EINVAL;
	for (; room; room--) {
		sig = signalfd_dequeue(f, &info, block && !total);
		if (sig <= 0)
			break;
		signalfd_convert(&info, &rec);
		if (copy_to_iter(&rec, sizeof(rec), to) != sizeof(rec)) {
			sig = -EFAULT;
			break;
		}
		total += sizeof(rec);
	}
	return total ? total : sig;
}

static unsigned int signalfd_poll(struct file *f, struct poll_table *pt)
{
	poll_wait(pt, &signalfd_wait);
	return signalfd_pending(current_task(), signalfd_mask(f)) ? POLLIN | POLLRDNORM : 0;
}

static void signalfd_release(struct inode *inode, struct file *f)
{
	(void)inode;
	kfree(f->private);
}

static const struct file_operations signalfd_fops = {
	.llseek = noop_llseek,
	.read = signalfd_read,
	.poll = signalfd_poll,
	.release = signalfd_release,
};

/* A new signalfd for mask, or update the one at ufd. */
static long do_signalfd4(int ufd, u64 mask, int flags)
{
	struct signalfd_ctx *ctx;
	struct file *f;
	int fd;

	if (ufd == -1) {
		ctx = kzalloc(sizeof(*ctx));
		if (!ctx)
			return -ENOMEM;
		ctx->mask = mask;
		fd = anon_inode_getfd("[signalfd]", &signalfd_fops, ctx,
				      O_RDWR | (flags & (SFD_CLOEXEC | SFD_NONBLOCK)));
		if (fd < 0)
			kfree(ctx);
		return fd;
	}
	f = fget(ufd);
	if (!f)
		return -EBADF;
	if (!anon_inode_file_is(f, &signalfd_fops)) {
		file_put(f);
		return -EINVAL;
	}
	ctx = f->private;
	__atomic_store_n(&ctx->mask, mask, __ATOMIC_RELAXED);
	file_put(f);
	wake_up(&signalfd_wait);	/* sleepers re-check with the new mask */
	return ufd;
}

SYSCALL_DEFINE4(signalfd4, int, ufd, const u64 *, umask, size_t, sizemask, int, flags)
{
	u64 mask;

	if (flags & ~(SFD_CLOEXEC | SFD_NONBLOCK))
		return -EINVAL;
	if (sizemask != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, (const void __user *)umask, sizeof(mask)))
		return -EFAULT;
	return do_signalfd4(ufd, mask & ~UNBLOCKABLE, flags);
}

SYSCALL_DEFINE3(signalfd, int, ufd, const u64 *, umask, size_t, sizemask)
{
	return sys_signalfd4((unsigned long)ufd, (unsigned long)umask, sizemask, 0, 0, 0);
}
