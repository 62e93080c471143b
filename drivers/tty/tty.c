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
#include <proc.h>
#include <signal.h>
#include <string.h>
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

ssize_t tty_read(struct tty *tty, char *buf, size_t len, bool nonblock)
{
	int err;

	if (READ_ONCE(tty->hung_up))
		return 0;
	err = job_control_check(tty, SIGTTIN);

	return err ? err : n_tty_read(tty, buf, len, nonblock);
}

ssize_t tty_write(struct tty *tty, const char *buf, size_t len, bool nonblock)
{
	int err;

	if (READ_ONCE(tty->hung_up))
		return -EIO;
	err = (tty->termios.c_lflag & TOSTOP) ? job_control_check(tty, SIGTTOU) : 0;

	return err ? err : n_tty_write(tty, buf, len, nonblock);
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
	int err = tty->ops->open ? tty->ops->open(tty) : 0;

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

void tty_session_exit(struct task *leader)
{
	struct tty *tty = leader->tty;

	if (tty && leader->sid == leader->tgid && READ_ONCE(tty->session) == leader->sid)
		hangup(tty);
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

	if (leader->tty != tty || READ_ONCE(tty->session) != leader->sid)
		return -ENOTTY;
	err = job_control_check(tty, SIGTTOU);
	if (err)
		return err;
	if (get_user(pgrp, (const int __user *)upgrp))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	flags = spin_lock_irqsave(&tasklist_lock);
	if (!pgrp_exists_in_session(pgrp, leader->sid))
		err = -EPERM;
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
	struct termios_k t;
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
	tty->termios = t;
	/* Switching to raw mode makes the half-edited line readable at once. */
	if (!(t.c_lflag & ICANON))
		tty->committed = tty->head;
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up(&tty->read_wait);
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

long tty_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg)
{
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
		if (arg == TCIFLUSH || arg == TCIOFLUSH)
			n_tty_flush_input(tty);
		if ((arg == TCOFLUSH || arg == TCIOFLUSH) && tty->ops->flush_output)
			tty->ops->flush_output(tty);
		return arg <= TCIOFLUSH ? 0 : -EINVAL;
	case TCXONC:
		if (arg > TCION)
			return -EINVAL;
		if (arg == TCOOFF || arg == TCOON) {
			WRITE_ONCE(tty->stopped, arg == TCOOFF);
			wake_up(&tty->write_wait);
		}
		return 0;
	case TCSBRK:
	case TCSBRKP:
		return tty_wait_until_sent(tty);	/* tcdrain; no line break is sent */
	case TIOCGETD:
		return put_int(arg, 0);	/* N_TTY */
	default:
		return -ENOTTY;
	}
}
