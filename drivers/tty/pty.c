/*
 * Pseudo-terminals (Unix 98): opening /dev/ptmx makes a pair, a master
 * (the file ptmx returned) and a slave, /dev/pts/N, an ordinary terminal
 * with N_TTY, job control and a controlling-terminal role exactly like
 * ttyS0.  Both sides are struct tty; each is the other's "device":
 *
 *   master write  -> tty_receive(slave): input editing, echo, ^C ...
 *   slave output  -> the slave driver's write -> tty_receive(master)
 *
 * The master's line discipline runs with Linux's master termios (no
 * ICANON, ECHO, ISIG or OPOST), so what the slave prints arrives as is;
 * as on Linux, TCGETS/TCSETS* on the master read and set the slave's
 * termios, so the master's own never changes.  Master writes bypass the
 * master's output processing and go straight to the slave's input.
 * (Echo from the master's own discipline could only come from TIOCSTI
 * on the master; it is dropped: sending it back to the slave would take
 * the two terminal locks in the wrong order.)
 *
 * Packet mode (TIOCPKT): the master's reads carry a status byte; the
 * slave's driver hooks report its flow control, flushes and IXON
 * changes to the master (tty_packet_event), as Linux's pty.c does.
 *
 * Flow control: a master writer waits while the slave's input buffer is
 * full (canonical mode with no complete line drops instead, as Linux's
 * N_TTY does), and a slave writer waits while the master's input buffer
 * is full; each side's reader wakes the other side's writers.
 *
 * Life cycle, as Linux:
 *  - the slave starts locked: opening it gives -EIO until TIOCSPTLCK(0)
 *    (unlockpt);
 *  - when the last slave file closes, the master's reads give -EIO once
 *    drained and poll reports POLLHUP; the slave may be opened again;
 *  - when the master closes, /dev/pts/N goes away and the slave is hung
 *    up (tty_hangup: SIGHUP to its session leader, reads 0, writes -EIO);
 *  - the pair is freed when the master and every slave file are gone.
 *
 * pty_lock protects the list of pairs and, in each pair, 'locked',
 * 'master_open' and 'slave_opens'.  It is taken before any tty->lock and
 * never inside one.  Files hold the pair alive: the master file through
 * master_open, each slave file (including /dev/tty opens of a slave)
 * through slave_opens.
 */
#include <chrdev.h>
#include <devpts.h>
#include <errno.h>
#include <file.h>
#include <kmalloc.h>
#include <list.h>
#include <printk.h>
#include <proc.h>
#include <signal.h>
#include <string.h>
#include <tty.h>
#include <uaccess.h>
#include <uio.h>
#include <vfs.h>
#include <wait.h>
#include <uapi/fcntl.h>

#define TTYAUX_MAJOR	5
#define PTMX_MINOR	2
#define PTY_CHUNK	256

struct pty {
	struct list_head node;		/* pty_lock: all_ptys, sorted by index */
	struct mount *inst;		/* immutable: its devpts instance (held) */
	unsigned int index;		/* immutable: /dev/pts/<index> in inst */
	bool locked;			/* pty_lock: slave opens fail (TIOCSPTLCK) */
	bool master_open;		/* pty_lock */
	int slave_opens;		/* pty_lock: open slave files */
	struct tty master, slave;
};

static DEFINE_SPINLOCK(pty_lock);
static LIST_HEAD(all_ptys);		/* pty_lock */

static struct pty *tty_pty(struct tty *tty)
{
	return tty->driver_data;
}

/* --- the slave's device: the master ---------------------------------------- */

static void slave_write(struct tty *tty, const char *buf, size_t len)
{
	struct tty *master = &tty_pty(tty)->master;

	for (size_t i = 0; i < len; i++)
		tty_receive(master, buf[i]);
}

static size_t slave_write_room(struct tty *tty)
{
	return tty_receive_room(&tty_pty(tty)->master);
}

static void slave_unthrottle(struct tty *tty)
{
	wake_up(&tty_pty(tty)->master.write_wait);
}

static int slave_open(struct tty *tty)
{
	struct pty *pty = tty_pty(tty);
	int err = 0;

	spin_lock(&pty_lock);
	if (!pty->master_open)
		err = -EIO;
	else
		pty->slave_opens++;
	spin_unlock(&pty_lock);
	if (!err)
		WRITE_ONCE(pty->master.other_closed, false);
	return err;
}

static void pty_free(struct pty *pty)
{
	devpts_release(pty->inst);
	kfree(pty);
}

/* One slave file fewer; the last one tells the master, or frees the pair. */
static void slave_put(struct pty *pty)
{
	bool last, free_it;

	spin_lock(&pty_lock);
	last = --pty->slave_opens == 0;
	free_it = last && !pty->master_open;
	if (free_it)
		list_del(&pty->node);
	spin_unlock(&pty_lock);
	if (free_it) {
		pty_free(pty);
	} else if (last) {
		WRITE_ONCE(pty->master.other_closed, true);
		wake_up(&pty->master.read_wait);
		wake_up(&pty->master.write_wait);
	}
}

static void slave_close(struct tty *tty)
{
	slave_put(tty_pty(tty));
}

/*
 * Packet mode: the master's reader learns of the slave's flow control
 * and flushes (Linux's pty_stop/pty_start, n_tty_packet_mode_flush and
 * pty_flush_buffer).  All run with the slave's lock held.
 */
static void slave_stop(struct tty *tty)
{
	tty_packet_event(&tty_pty(tty)->master, TIOCPKT_STOP, TIOCPKT_START);
}

static void slave_start(struct tty *tty)
{
	tty_packet_event(&tty_pty(tty)->master, TIOCPKT_START, TIOCPKT_STOP);
}

static void slave_input_flushed(struct tty *tty)
{
	tty_packet_event(&tty_pty(tty)->master, TIOCPKT_FLUSHREAD, 0);
}

/* The slave's "output queue" is the master's unread input. */
static void slave_flush_output(struct tty *tty)
{
	struct tty *master = &tty_pty(tty)->master;

	tty_flush_input(master);
	tty_packet_event(master, TIOCPKT_FLUSHWRITE, 0);
}

/* Is ^S/^Q flow control on with the usual characters? (TIOCPKT_DOSTOP) */
static bool standard_flow(const struct termios_k *t)
{
	return (t->c_iflag & IXON) && t->c_cc[VSTOP] == 023 && t->c_cc[VSTART] == 021;
}

/* Linux's pty_set_termios: report flow-control changes; always 8 bits, no parity. */
static void slave_set_termios(struct tty *tty, const struct termios_k *old)
{
	bool was = standard_flow(old), now = standard_flow(&tty->termios);

	if (was != now)
		tty_packet_event(&tty_pty(tty)->master, now ? TIOCPKT_DOSTOP : TIOCPKT_NOSTOP,
				 TIOCPKT_DOSTOP | TIOCPKT_NOSTOP);
	tty->termios.c_cflag &= ~(CSIZE | PARENB);
	tty->termios.c_cflag |= CS8 | CREAD;
}

static const struct tty_driver_ops slave_ops = {
	.write = slave_write,
	.write_room = slave_write_room,
	.discard_output = slave_flush_output,
	.flush_output = slave_flush_output,
	.unthrottle = slave_unthrottle,
	.stop = slave_stop,
	.start = slave_start,
	.input_flushed = slave_input_flushed,
	.set_termios = slave_set_termios,
	.open = slave_open,
	.close = slave_close,
};

/* --- the master's device: the slave ------------------------------------------ */

static void master_echo_dropped(struct tty *tty, const char *buf, size_t len)
{
	(void)tty, (void)buf, (void)len;	/* see the top of the file */
}

static size_t master_write_room(struct tty *tty)
{
	return tty_receive_room(&tty_pty(tty)->slave);
}

static void master_unthrottle(struct tty *tty)
{
	wake_up(&tty_pty(tty)->slave.write_wait);
}

/* TCOFLUSH on the master: what it wrote and the slave has not read. */
static void master_flush_output(struct tty *tty)
{
	tty_flush_input(&tty_pty(tty)->slave);
}

static const struct tty_driver_ops master_ops = {
	.write = master_echo_dropped,
	.write_room = master_write_room,
	.flush_output = master_flush_output,
	.unthrottle = master_unthrottle,
};

/* --- pairs ----------------------------------------------------------------- */

/* Linux's pty master termios: raw, 38400 baud. */
static void init_master_termios(struct tty *master)
{
	master->termios.c_iflag = 0;
	master->termios.c_oflag = 0;
	master->termios.c_lflag = 0;
	master->termios.c_cflag = B38400 | CS8 | CREAD;
}

/*
 * Insert pty with the lowest index free in its instance, below max
 * (pty_lock held): 0, or -ENOSPC.  The list is sorted by index, and
 * within an index by nothing in particular.
 */
static int insert_lowest_index(struct pty *pty, unsigned int max)
{
	const void *id = devpts_id(pty->inst);
	struct list_head *pos = &all_ptys;
	struct pty *p;
	unsigned int index = 0;

	list_for_each_entry(p, &all_ptys, node) {
		if (p->index > index)
			break;
		pos = &p->node;
		if (p->index == index && devpts_id(p->inst) == id)
			index++;
	}
	if (max && index >= max)	/* max=0: Linux's ida_alloc_max(max - 1) wraps to no limit */
		return -ENOSPC;
	pty->index = index;
	list_add(&pty->node, pos);
	return 0;
}

/* A new pair in instance inst (the pair takes over the reference), or ERR_PTR. */
static struct pty *pty_alloc(struct mount *inst)
{
	struct pty *pty = kzalloc(sizeof(*pty));
	unsigned int max = devpts_max(inst);
	int err;

	if (!pty)
		return ERR_PTR(-ENOMEM);
	pty->inst = inst;
	tty_init(&pty->master, "ptm", &master_ops, pty);
	tty_init(&pty->slave, "pts", &slave_ops, pty);
	init_master_termios(&pty->master);
	pty->master.pty = pty->slave.pty = true;
	pty->slave.termios.c_cflag = B38400 | CS8 | CREAD;
	pty->locked = true;
	pty->master_open = true;
	spin_lock(&pty_lock);
	err = insert_lowest_index(pty, max);
	spin_unlock(&pty_lock);
	if (err) {
		kfree(pty);
		return ERR_PTR(err);
	}
	pty->slave.dev_major = DEVPTS_SLAVE_MAJOR;
	pty->slave.dev_minor = pty->index;
	return pty;
}

/* The master's file closed: hang up the slave; free the pair if unused. */
static void master_put(struct pty *pty)
{
	bool free_it;

	devpts_pty_kill(pty->inst, pty->index);
	spin_lock(&pty_lock);
	pty->master_open = false;
	free_it = pty->slave_opens == 0;
	if (free_it)
		list_del(&pty->node);
	spin_unlock(&pty_lock);
	if (free_it) {
		pty_free(pty);
		return;
	}
	tty_hangup(&pty->slave);
}

/* --- /dev/ptmx: the master's file -------------------------------------------- */

static struct pty *file_pty(struct file *f)
{
	return tty_pty(f->private);
}

static int ptmx_open(struct inode *inode, struct file *f)
{
	struct mount *inst = devpts_acquire(f);
	struct pty *pty;
	int err;

	if (IS_ERR(inst))
		return (int)PTR_ERR(inst);
	pty = pty_alloc(inst);
	if (IS_ERR(pty)) {
		devpts_release(inst);
		return (int)PTR_ERR(pty);
	}
	err = devpts_pty_new(inst, pty->index);
	if (err) {
		master_put(pty);
		return err;
	}
	f->private = &pty->master;
	f->mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

static void ptmx_release(struct inode *inode, struct file *f)
{
	master_put(file_pty(f));
}

/* Wait until the slave can take input: 0, -EAGAIN or -ERESTARTSYS. */
static int wait_slave_room(struct pty *pty, bool nonblock)
{
	if (tty_receive_room(&pty->slave) > 0)
		return 0;
	if (nonblock)
		return -EAGAIN;
	return wait_event_interruptible(pty->master.write_wait,
					tty_receive_room(&pty->slave) > 0);
}

/* Master writes are the slave's input, byte by byte through its N_TTY. */
static ssize_t ptmx_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct pty *pty = file_pty(f);
	bool nonblock = file_flags(f) & O_NONBLOCK;
	char chunk[PTY_CHUNK];
	size_t done = 0;

	while (iov_iter_count(from)) {
		int err = wait_slave_room(pty, nonblock);
		size_t room, n;

		if (err)
			return done ? (ssize_t)done : err;
		room = tty_receive_room(&pty->slave);
		n = copy_from_iter(chunk, MIN(MIN(sizeof(chunk), room), iov_iter_count(from)), from);
		if (!n)
			return done ? (ssize_t)done : -EFAULT;
		for (size_t i = 0; i < n; i++)
			tty_receive(&pty->slave, chunk[i]);
		done += n;
	}
	return (ssize_t)done;
}

static long set_slave_lock(struct pty *pty, unsigned long arg)
{
	int v;

	if (get_user(v, (const int __user *)arg))
		return -EFAULT;
	spin_lock(&pty_lock);
	pty->locked = v != 0;
	spin_unlock(&pty_lock);
	return 0;
}

/* TIOCGPTPEER: open the slave without a path; Linux passes any flags on. */
/*
 * As Linux's devpts_mntget(), the instance must still be where the
 * master was opened from (unmounted: ENOENT or ENODEV).
 */
static long open_peer(struct file *master, struct pty *pty, unsigned long flags)
{
	struct mount *now = devpts_acquire(master);
	struct file *f;
	bool same;
	int err, fd;

	if (IS_ERR(now))
		return PTR_ERR(now);
	same = devpts_id(now) == devpts_id(pty->inst);
	devpts_release(now);
	if (!same)
		return -ENODEV;
	err = devpts_open_slave(pty->inst, pty->index, (unsigned int)flags, &f);
	if (err)
		return err;
	fd = fd_install(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* TIOCSWINSZ on the master resizes both sides; SIGWINCH goes to the slave's foreground. */
static long set_winsize(struct pty *pty, unsigned long arg)
{
	struct winsize ws;

	if (copy_from_user(&ws, (const void __user *)arg, sizeof(ws)))
		return -EFAULT;
	tty_set_winsize(&pty->slave, &ws);
	tty_set_winsize(&pty->master, &ws);
	return 0;
}

static long put_int(unsigned long uarg, int v)
{
	return put_user(v, (int __user *)uarg);
}

/* TIOCPKT: turning packet mode on forgets older events (Linux's pty_set_pktmode). */
static long set_packet_mode(struct pty *pty, unsigned long arg)
{
	unsigned long flags;
	int on;

	if (get_user(on, (const int __user *)arg))
		return -EFAULT;
	flags = spin_lock_irqsave(&pty->master.lock);
	if (on && !pty->master.packet) {
		__atomic_store_n(&pty->master.pkt_status, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&pty->master.packet, true, __ATOMIC_RELEASE);
	} else if (!on) {
		WRITE_ONCE(pty->master.packet, false);
	}
	spin_unlock_irqrestore(&pty->master.lock, flags);
	return 0;
}

/* TIOCSIG: a signal for the slave's foreground group, as if typed. */
static long signal_slave(struct pty *pty, unsigned long sig)
{
	int pgrp = READ_ONCE(pty->slave.pgrp);

	if (sig != SIGINT && sig != SIGQUIT && sig != SIGTSTP)
		return -EINVAL;
	if (pgrp > 0)
		signal_pgrp(pgrp, (int)sig);
	return 0;
}

static long ptmx_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pty *pty = file_pty(f);
	int sid;

	switch (cmd) {
	case TIOCPKT:
		return set_packet_mode(pty, arg);
	case TIOCGPKT:
		return put_int(arg, READ_ONCE(pty->master.packet));
	case TIOCSIG:
		return signal_slave(pty, arg);
	case TIOCGDEV:		/* the slave's device, as Linux's real_tty */
	case TCGETS:		/* the master's termios ioctls are the slave's */
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_ioctl(&pty->slave, cmd, arg);
	case TIOCSPGRP:		/* Linux's tiocspgrp(tty, real_tty): the slave's */
		return tty_ioctl(&pty->slave, cmd, arg);
	case TIOCGSID:		/* the slave's session, like TIOCGPGRP */
		sid = READ_ONCE(pty->slave.session);
		return sid ? put_int(arg, sid) : -ENOTTY;
	case TIOCGPTN:
		return put_user(pty->index, (unsigned int __user *)arg);
	case TIOCSPTLCK:
		return set_slave_lock(pty, arg);
	case TIOCGPTLCK:
		return put_int(arg, READ_ONCE(pty->locked));
	case TIOCGPTPEER:
		return open_peer(f, pty, arg);
	case TIOCSWINSZ:
		return set_winsize(pty, arg);
	case TIOCGWINSZ:	/* the pair's size is the slave's, whoever set it */
		return copy_to_user((void __user *)arg, &pty->slave.winsize,
				    sizeof(pty->slave.winsize));
	case TIOCGPGRP:		/* the master may ask for the slave's foreground group */
		return put_int(arg, READ_ONCE(pty->slave.pgrp));
	default:
		return tty_ioctl(&pty->master, cmd, arg);
	}
}

static const struct file_operations ptmx_fops = {
	.open = ptmx_open,
	.release = ptmx_release,
	.read = tty_file_read,
	.write = ptmx_write,
	.ioctl = ptmx_ioctl,
	.poll = tty_file_poll,
};

/* --- /dev/pts/N: the slave's file -------------------------------------------- */

/* The pair of slave index in instance id (pty_lock held), or NULL. */
static struct pty *find_pty(const void *id, unsigned int index)
{
	struct pty *p;

	list_for_each_entry(p, &all_ptys, node) {
		if (p->index == index && devpts_id(p->inst) == id)
			return p;
	}
	return NULL;
}

static int pts_open(struct inode *inode, struct file *f)
{
	bool noctty = file_flags(f) & O_NOCTTY;
	struct pty *pty;
	int err = 0;

	spin_lock(&pty_lock);
	pty = find_pty(devpts_inode_id(inode), MINOR(inode->rdev));
	if (!pty || !pty->master_open || pty->locked)
		err = -EIO;
	else
		pty->slave_opens++;	/* hold the pair while opening */
	spin_unlock(&pty_lock);
	if (err)
		return err;
	err = tty_file_attach(f, &pty->slave, noctty);
	slave_put(pty);
	return err;
}

static const struct file_operations pts_fops = {
	.open = pts_open,
	.release = tty_file_release,
	.read = tty_file_read,
	.write = tty_file_write,
	.ioctl = tty_file_ioctl,
	.poll = tty_file_poll,
};

void pty_init(void)
{
	if (register_chrdev(TTYAUX_MAJOR, PTMX_MINOR, "ptmx", 0666, &ptmx_fops) ||
	    register_chrdev_major(DEVPTS_SLAVE_MAJOR, "pts", &pts_fops))
		pr_err("pty: cannot register the devices\n");
}
