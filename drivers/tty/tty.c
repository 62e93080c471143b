/*
 * The terminal core: termios and window-size ioctls, and job control.
 *
 * A session may own one terminal (its controlling terminal, recorded in
 * the session's processes as leader->tty and in the terminal as
 * tty->session).  Only the terminal's foreground process group (tty->pgrp)
 * may read from it; a background reader gets SIGTTIN (or -EIO when the
 * signal is ignored or blocked), and a background writer gets SIGTTOU when
 * TOSTOP is set.  The signal characters of the line discipline go to the
 * foreground group.
 */
#include <cred.h>
#include <poll.h>
#include <errno.h>
#include <ktimer.h>
#include <time.h>
#include <proc.h>
#include <signal.h>
#include <string.h>
#include <syscall.h>
#include <tty.h>
#include <uaccess.h>
#include <wait.h>
#include "n_tty.h"


struct tty *console_tty;

/* Linux's tty_std_termios, at 115200 baud for the serial console. */
static const struct termios_k default_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = 3, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		[VEOF] = 4, [VTIME] = 0, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023,
		[VSUSP] = 032, [VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027,
		[VLNEXT] = 026,
	},
};

void tty_init(struct tty *tty, const char *name, const struct tty_driver_ops *ops, void *data)
{
	memset(tty, 0, sizeof(*tty));
	tty->name = name;
	tty->ops = ops;
	tty->driver_data = data;
	tty->lock = (struct spinlock)SPINLOCK_INIT("tty");
	tty->termios = default_termios;
	/* winsize stays 0x0, as on Linux: nothing knows the size of the
	 * terminal at the other end of a serial line or a new pty until user
	 * space says (stty rows/cols, a terminal emulator), and programs fall
	 * back to 24x80 themselves. */
	wait_queue_init(&tty->read_wait);
	wait_queue_init(&tty->write_wait);
}

struct tty *tty_current(void)
{
	return READ_ONCE(current_task()->group_leader->tty);
}

/* --- job control -------------------------------------------------------------- */

static bool sig_ignored_or_blocked(struct task *t, int sig)
{
	return (t->blocked & SIGMASK(sig)) ||
	       t->sighand->action[sig - 1].handler == SIG_IGN;
}

static bool pgrp_orphaned(int pgid)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	bool orphaned = pgrp_is_orphaned(pgid);

	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

/*
 * May the caller use tty now?  0, -EIO, or -ERESTARTSYS after sending sig
 * to its (background) process group.
 */
static int job_control_check(struct tty *tty, int sig)
{
	struct task *me = current_task(), *leader = me->group_leader;
	int pgrp = READ_ONCE(tty->pgrp);

	if (leader->tty != tty || pgrp <= 0 || leader->pgid == pgrp)
		return 0;
	if (sig_ignored_or_blocked(me, sig))
		return sig == SIGTTIN ? -EIO : 0;	/* a writer ignoring SIGTTOU may write */
	if (pgrp_orphaned(leader->pgid))
		return -EIO;		/* a stop would never be continued */
	signal_pgrp(leader->pgid, sig);
	return -ERESTARTSYS;
}

static bool file_hung_up(struct tty *tty, unsigned int gen)
{
	return READ_ONCE(tty->hung_up) || tty_hangup_gen(tty) != gen;
}

ssize_t tty_read(struct tty *tty, unsigned int gen, char *buf, size_t len, bool nonblock)
{
	int err;

	if (file_hung_up(tty, gen))
		return 0;
	err = job_control_check(tty, SIGTTIN);

	return err ? err : n_tty_read(tty, buf, len, nonblock, gen);
}

ssize_t tty_write(struct tty *tty, unsigned int gen, const char *buf, size_t len, bool nonblock)
{
	int err;

	if (file_hung_up(tty, gen))
		return -EIO;
	err = (tty->termios.c_lflag & TOSTOP) ? job_control_check(tty, SIGTTOU) : 0;

	return err ? err : n_tty_write(tty, buf, len, nonblock, gen);
}

/* --- controlling terminal --------------------------------------------------- */

static void set_ctty(struct tty *tty, struct task *leader)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);

	tty->session = leader->sid;
	tty->pgrp = leader->pgid;
	spin_unlock_irqrestore(&tty->lock, flags);
	leader->tty = tty;
}

int tty_open(struct tty *tty, bool noctty)
{
	struct task *leader = current_task()->group_leader;
	int err;

	/*
	 * TIOCEXCL: Linux's tty_reopen() refuses everyone but
	 * CAP_SYS_ADMIN.  The flag stays until TIOCNXCL (Linux forgets it
	 * with the tty_struct at the last close; ttyS0 is never closed
	 * here, since init keeps /dev/console open).
	 */
	if (READ_ONCE(tty->exclusive) && current_cred()->euid != 0)
		return -EBUSY;
	err = tty->ops->open ? tty->ops->open(tty) : 0;
	if (err)
		return err;
	__atomic_add_fetch(&tty->open_count, 1, __ATOMIC_RELAXED);
	if (!noctty && leader->sid == leader->tgid && !leader->tty && !READ_ONCE(tty->session))
		set_ctty(tty, leader);
	return 0;
}

void tty_release(struct tty *tty)
{
	__atomic_sub_fetch(&tty->open_count, 1, __ATOMIC_RELAXED);
	if (tty->ops->close)
		tty->ops->close(tty);
}

/* Forget tty in every process of its session (tasklist_lock held). */
static bool in_session(struct task *p, void *arg)
{
	return p->sid == *(int *)arg;
}

/*
 * Forget tty in every process of session sid; with signal_leader, the
 * session leader, if tty was its terminal, gets SIGHUP and SIGCONT
 * (Linux's tty_signal_session_leader).
 */
static void detach_session_signal(struct tty *tty, int sid, bool signal_leader)
{
	struct task *found[64];
	bool had_tty[64];
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	int n = pid_collect_processes(in_session, &sid, found, 64);

	for (int i = 0; i < n; i++) {
		had_tty[i] = found[i]->tty == tty;
		if (had_tty[i])
			found[i]->tty = NULL;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	for (int i = 0; i < n; i++) {
		if (signal_leader && had_tty[i] && found[i]->tgid == sid) {
			send_signal(found[i], SIGHUP, NULL, true);
			send_signal(found[i], SIGCONT, NULL, true);
		}
		task_put(found[i]);
	}
}

static void detach_session(struct tty *tty, int sid)
{
	detach_session_signal(tty, sid, false);
}

void tty_hangup(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	int sid = tty->session;

	tty->session = 0;
	tty->pgrp = 0;
	tty->hung_up = true;
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up(&tty->read_wait);
	wake_up(&tty->write_wait);
	if (sid)
		detach_session_signal(tty, sid, true);
}

static void hangup(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	int pgrp = tty->pgrp, sid = tty->session;

	tty->session = 0;
	tty->pgrp = 0;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (pgrp > 0) {
		signal_pgrp(pgrp, SIGHUP);
		signal_pgrp(pgrp, SIGCONT);
	}
	if (sid)
		detach_session(tty, sid);
}

void tty_vhangup(struct tty *tty, bool exit_session)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	int sid = tty->session, pgrp = tty->pgrp;

	tty->session = 0;
	tty->pgrp = 0;
	__atomic_store_n(&tty->pkt_status, 0, __ATOMIC_RELAXED);
	__atomic_add_fetch(&tty->hangup_gen, 1, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&tty->lock, flags);
	n_tty_flush_input(tty);		/* Linux's tty_ldisc_hangup */
	wake_up(&tty->read_wait);
	wake_up(&tty->write_wait);
	if (sid)
		detach_session_signal(tty, sid, true);
	if (exit_session && pgrp > 0)
		signal_pgrp(pgrp, SIGHUP);
}

/*
 * Linux's disassociate_ctty(1): a serial line is hung up; a pty's
 * foreground group gets SIGHUP (and, unlike TIOCNOTTY, no SIGCONT).
 */
void tty_session_exit(struct task *leader)
{
	struct tty *tty = leader->tty;
	unsigned long flags;
	int pgrp, sid;

	if (!tty || leader->sid != leader->tgid || READ_ONCE(tty->session) != leader->sid)
		return;
	if (!tty->pty) {
		tty_vhangup(tty, true);
		return;
	}
	flags = spin_lock_irqsave(&tty->lock);
	pgrp = tty->pgrp;
	sid = tty->session;
	tty->session = 0;
	tty->pgrp = 0;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (pgrp > 0)
		signal_pgrp(pgrp, SIGHUP);
	if (sid)
		detach_session(tty, sid);
}

static long ioctl_sctty(struct tty *tty, unsigned long steal)
{
	struct task *leader = current_task()->group_leader;

	if (leader->tty == tty)
		return 0;
	if (leader->sid != leader->tgid || leader->tty)
		return -EPERM;
	if (READ_ONCE(tty->session)) {
		if (steal != 1 || current_cred()->euid != 0)
			return -EPERM;
		detach_session(tty, tty->session);
	}
	set_ctty(tty, leader);
	return 0;
}

static long ioctl_notty(struct tty *tty)
{
	struct task *leader = current_task()->group_leader;

	if (leader->tty != tty)
		return -ENOTTY;
	if (leader->sid == leader->tgid)
		hangup(tty);
	else
		leader->tty = NULL;
	return 0;
}

static long ioctl_spgrp(struct tty *tty, const int *upgrp)
{
	struct task *leader = current_task()->group_leader;
	unsigned long flags;
	int pgrp;
	long err;

	/* Linux's tiocspgrp(): job control first (-EIO reads as -ENOTTY). */
	err = job_control_check(tty, SIGTTOU);
	if (err)
		return err == -EIO ? -ENOTTY : err;
	if (get_user(pgrp, (const int __user *)upgrp))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	if (leader->tty != tty || READ_ONCE(tty->session) != leader->sid)
		return -ENOTTY;
	flags = spin_lock_irqsave(&tasklist_lock);
	if (!pgrp_exists_in_session(pgrp, leader->sid))
		err = (pgrp_exists_in_session(pgrp, -1) || pid_lookup(pgrp)) ? -EPERM : -ESRCH;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!err)
		WRITE_ONCE(tty->pgrp, pgrp);
	return err;
}

/* --- termios and the rest ------------------------------------------------------- */

static size_t tty_chars_in_buffer(struct tty *tty)
{
	return tty->ops->chars_in_buffer ? tty->ops->chars_in_buffer(tty) : 0;
}

/* tcdrain: sleep until the driver has sent all queued output. */
static long tty_wait_until_sent(struct tty *tty)
{
	if (wait_event_interruptible(tty->write_wait, tty_chars_in_buffer(tty) == 0))
		return -ERESTARTSYS;
	return 0;
}

static long set_termios(struct tty *tty, unsigned int cmd, const void *uarg)
{
	struct termios_k t, old;
	unsigned long flags;
	long err = job_control_check(tty, SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&t, (const void __user *)uarg, sizeof(t)))
		return -EFAULT;
	if (cmd == TCSETSW || cmd == TCSETSF) {
		err = tty_wait_until_sent(tty);
		if (err)
			return err;
	}
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	flags = spin_lock_irqsave(&tty->lock);
	old = tty->termios;
	tty->termios = t;
	if (tty->ops->set_termios)
		tty->ops->set_termios(tty, &old);
	n_tty_termios_changed(tty, &old);
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up(&tty->read_wait);
	wake_up(&tty->write_wait);
	return 0;
}

void tty_set_winsize(struct tty *tty, const struct winsize *ws)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	bool changed = memcmp(ws, &tty->winsize, sizeof(*ws)) != 0;
	int pgrp = tty->pgrp;

	tty->winsize = *ws;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (changed && pgrp > 0)
		signal_pgrp(pgrp, SIGWINCH);
}

static long set_winsize(struct tty *tty, const void *uarg)
{
	struct winsize ws;

	if (copy_from_user(&ws, (const void __user *)uarg, sizeof(ws)))
		return -EFAULT;
	tty_set_winsize(tty, &ws);
	return 0;
}

unsigned int tty_poll(struct tty *tty, struct poll_table *pt)
{
	unsigned int mask = 0;
	size_t room;

	poll_wait(pt, &tty->read_wait);
	poll_wait(pt, &tty->write_wait);
	if (READ_ONCE(tty->hung_up))	/* Linux's hung_up_tty_poll */
		return POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM;
	if (tty_readable(tty))
		mask |= POLLIN | POLLRDNORM;
	if (READ_ONCE(tty->packet) && __atomic_load_n(&tty->pkt_status, __ATOMIC_ACQUIRE))
		mask |= POLLPRI | POLLIN | POLLRDNORM;
	if (READ_ONCE(tty->other_closed))
		mask |= POLLHUP;
	/*
	 * Ask the driver for room without our lock: a pty master's room is
	 * its slave's input space, read under the slave's lock, and the
	 * slave's output path already nests slave->lock outside
	 * master->lock (slave_write -> tty_receive(master)).  Holding the
	 * master's lock here deadlocked two CPUs, one polling the master
	 * while the other wrote to the slave.  The answer is a snapshot
	 * either way.
	 */
	room = tty->ops->write_room ? tty->ops->write_room(tty) : TTY_ROOM_UNLIMITED;
	if (!READ_ONCE(tty->stopped) && room > 0)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

static long put_int(unsigned long uarg, int v)
{
	return put_user(v, (int __user *)uarg);
}

/* TCFLSH (Linux's __tty_perform_flush). */
static long flush(struct tty *tty, unsigned long arg)
{
	if (arg > TCIOFLUSH)
		return -EINVAL;
	if (arg == TCIFLUSH || arg == TCIOFLUSH)
		n_tty_flush_input(tty);
	if ((arg == TCOFLUSH || arg == TCIOFLUSH) && tty->ops->flush_output)
		tty->ops->flush_output(tty);
	return 0;
}

/*
 * Send a START or STOP character now (TCION/TCIOFF), ahead of queued
 * output; without a driver routine, as Linux's tty_send_xchar(): restart
 * stopped output for the one byte (a stopped pty drops it).
 */
static void send_xchar(struct tty *tty, char c)
{
	unsigned long flags;
	bool was_stopped;

	if (tty->ops->send_xchar) {
		tty->ops->send_xchar(tty, c);
		return;
	}
	flags = spin_lock_irqsave(&tty->lock);
	was_stopped = tty->stopped;
	if (was_stopped)
		n_tty_start_locked(tty);
	if (!tty->stopped)
		tty->ops->write(tty, &c, 1);
	if (was_stopped)
		n_tty_stop_locked(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* TCXONC (Linux's n_tty_ioctl_helper): TCOOFF holds output until TCOON. */
static long flow(struct tty *tty, unsigned long arg)
{
	unsigned long flags;

	switch (arg) {
	case TCOOFF:
	case TCOON:
		flags = spin_lock_irqsave(&tty->lock);
		if (arg == TCOOFF && !tty->tco_stopped) {
			tty->tco_stopped = true;
			n_tty_stop_locked(tty);
		} else if (arg == TCOON && tty->tco_stopped) {
			tty->tco_stopped = false;
			n_tty_start_locked(tty);
		}
		spin_unlock_irqrestore(&tty->lock, flags);
		return 0;
	case TCIOFF:
	case TCION: {
		u8 c = tty->termios.c_cc[arg == TCIOFF ? VSTOP : VSTART];

		if (c)
			send_xchar(tty, (char)c);
		return 0;
	}
	default:
		return -EINVAL;
	}
}

/*
 * tcsendbreak: hold the line in break for ms milliseconds (Linux's
 * send_break(); nothing to do for a driver without breaks).
 */
static long send_break(struct tty *tty, unsigned int ms)
{
	int err;

	if (!tty->ops->break_ctl)
		return 0;
	err = tty->ops->break_ctl(tty, true);
	if (err)
		return err;
	if (!task_signal_pending(current_task()))
		sleep_until(clock_monotonic_ns() + (u64)ms * NSEC_PER_MSEC, TASK_INTERRUPTIBLE);
	err = tty->ops->break_ctl(tty, false);
	return task_signal_pending(current_task()) ? -EINTR : err;
}

/* The ioctls Linux prepares with tty_check_change() and, but TIOCCBRK, a drain. */
static long break_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	long err = job_control_check(tty, SIGTTOU);

	if (err)
		return err;
	if (cmd != TIOCCBRK) {
		tty_wait_until_sent(tty);
		if (task_signal_pending(current_task()))
			return -EINTR;
	}
	switch (cmd) {
	case TIOCSBRK:
	case TIOCCBRK:
		return tty->ops->break_ctl ? tty->ops->break_ctl(tty, cmd == TIOCSBRK) : 0;
	case TCSBRK:	/* SVID: a non-zero argument only drains (tcdrain) */
		return arg ? 0 : send_break(tty, 250);
	default:	/* TCSBRKP, POSIX tcsendbreak: arg in tenths of a second */
		return send_break(tty, arg ? (unsigned int)arg * 100 : 250);
	}
}

/* TIOCSTI: fake input; the caller's own terminal, or root (Linux 6.1). */
static long simulate_input(struct tty *tty, unsigned long arg)
{
	char c;

	if (current_task()->group_leader->tty != tty && current_cred()->euid != 0)
		return -EPERM;
	if (get_user(c, (const char __user *)arg))
		return -EFAULT;
	tty_receive(tty, c);
	return 0;
}

/* TIOCMGET/TIOCMSET/TIOCMBIS/TIOCMBIC: the driver's modem lines. */
static long modem_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	unsigned int v, set, clear;
	int got;

	if (cmd == TIOCMGET) {
		if (!tty->ops->tiocmget)
			return -ENOTTY;
		got = tty->ops->tiocmget(tty);
		return got < 0 ? got : put_int(arg, got);
	}
	if (!tty->ops->tiocmset)
		return -ENOTTY;
	if (get_user(v, (const unsigned int __user *)arg))
		return -EFAULT;
	set = cmd == TIOCMBIC ? 0 : v;
	clear = cmd == TIOCMBIS ? 0 : cmd == TIOCMBIC ? v : ~v;
	set &= TIOCM_DTR | TIOCM_RTS | TIOCM_OUT1 | TIOCM_OUT2 | TIOCM_LOOP;
	clear &= TIOCM_DTR | TIOCM_RTS | TIOCM_OUT1 | TIOCM_OUT2 | TIOCM_LOOP;
	return tty->ops->tiocmset(tty, set, clear);
}

long tty_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	long err;

	if (READ_ONCE(tty->hung_up))	/* Linux's hung_up_tty_ioctl */
		return cmd == TIOCSPGRP ? -ENOTTY : -EIO;
	switch (cmd) {
	case TCGETS:
		return copy_to_user((void __user *)arg, &tty->termios, sizeof(tty->termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, (const void *)arg);
	case TIOCGWINSZ:
		return copy_to_user((void __user *)arg, &tty->winsize, sizeof(tty->winsize));
	case TIOCSWINSZ:
		return set_winsize(tty, (const void *)arg);
	case TIOCGPGRP:
		if (current_task()->group_leader->tty != tty)
			return -ENOTTY;
		return put_int(arg, READ_ONCE(tty->pgrp));
	case TIOCSPGRP:
		return ioctl_spgrp(tty, (const int *)arg);
	case TIOCGSID:
		if (current_task()->group_leader->tty != tty || !READ_ONCE(tty->session))
			return -ENOTTY;
		return put_int(arg, READ_ONCE(tty->session));
	case TIOCSCTTY:
		return ioctl_sctty(tty, arg);
	case TIOCNOTTY:
		return ioctl_notty(tty);
	case FIONREAD:
		return put_int(arg, (int)tty_input_available(tty));
	case TIOCOUTQ:
		return put_int(arg, (int)tty_chars_in_buffer(tty));
	case TCFLSH:
		err = job_control_check(tty, SIGTTOU);
		return err ? err : flush(tty, arg);
	case TCXONC:
		err = job_control_check(tty, SIGTTOU);
		return err ? err : flow(tty, arg);
	case TIOCSBRK:
	case TIOCCBRK:
	case TCSBRK:
	case TCSBRKP:
		return break_ioctl(tty, cmd, arg);
	case TIOCEXCL:
	case TIOCNXCL:
		WRITE_ONCE(tty->exclusive, cmd == TIOCEXCL);
		return 0;
	case TIOCGEXCL:
		return put_int(arg, READ_ONCE(tty->exclusive));
	case TIOCSTI:
		return simulate_input(tty, arg);
	case TIOCMGET:
	case TIOCMSET:
	case TIOCMBIS:
	case TIOCMBIC:
		return modem_ioctl(tty, cmd, arg);
	case TIOCVHANGUP:
		if (current_cred()->euid != 0)
			return -EPERM;
		tty_vhangup(tty, false);
		return 0;
	case TIOCGETD:
		return put_int(arg, 0);	/* N_TTY */
	case TIOCGDEV:		/* as stat's st_rdev encodes it (new_encode_dev) */
		return put_int(arg, (int)((tty->dev_minor & 0xff) | (tty->dev_major << 8) |
					  ((tty->dev_minor & ~0xffu) << 12)));
	default:
		return tty->ops->ioctl ? tty->ops->ioctl(tty, cmd, arg) : -ENOTTY;
	}
}

void tty_flush_input(struct tty *tty)
{
	n_tty_flush_input(tty);
}

/* vhangup(2): hang up the caller's controlling terminal (CAP_SYS_TTY_CONFIG). */
SYSCALL_DEFINE0(vhangup)
{
	struct tty *tty;

	if (current_cred()->euid != 0)
		return -EPERM;
	tty = tty_current();
	if (tty)
		tty_vhangup(tty, false);
	return 0;
}
