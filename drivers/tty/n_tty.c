/*
 * N_TTY, the line discipline: what happens to bytes between the device
 * and read()/write().
 *
 * Input (tty_receive, may run in interrupt context): IGNCR/ICRNL/INLCR
 * translation, IXON flow control, signal characters under ISIG, line
 * editing under ICANON (VERASE, VKILL, VWERASE, VEOF, VEOL, VLNEXT) and
 * echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL).  Canonical reads get
 * whole lines; raw reads follow VMIN/VTIME.  Output (tty_write) applies
 * OPOST translations (ONLCR, OCRNL, ONLRET) and honours VSTOP/VSTART.
 */
#include <errno.h>
#include <ktimer.h>
#include <proc.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <tty.h>
#include <wait.h>
#include "n_tty.h"

#define L(tty, f)	((tty)->termios.c_lflag & (f))
#define I(tty, f)	((tty)->termios.c_iflag & (f))
#define O(tty, f)	((tty)->termios.c_oflag & (f))
#define CC(tty, i)	((tty)->termios.c_cc[i])

static bool is_cc(const struct tty *tty, char c, int idx)
{
	return CC(tty, idx) != 0 && (u8)c == CC(tty, idx);
}

/* --- output --------------------------------------------------------------- */

/* One byte through output processing to the driver (lock held). */
static void out_char(struct tty *tty, char c)
{
	if (O(tty, OPOST)) {
		if (c == '\n' && O(tty, ONLCR)) {
			tty->ops->write(tty, "\r\n", 2);
			tty->column = 0;
			return;
		}
		if (c == '\r' && O(tty, OCRNL))
			c = '\n';
		if (c == '\n' && O(tty, ONLRET))
			tty->column = 0;
	}
	if (c == '\r')
		tty->column = 0;
	else if (c == '\t')
		tty->column = (tty->column | 7) + 1;
	else if (c == '\b' && tty->column > 0)
		tty->column--;
	else if ((u8)c >= ' ' && c != 0x7f)
		tty->column++;
	tty->ops->write(tty, &c, 1);
}

/* Echo a received byte: control characters as ^X under ECHOCTL. */
static void echo_char(struct tty *tty, char c)
{
	if (L(tty, ECHOCTL) && ((u8)c < ' ' || c == 0x7f) && c != '\t' && c != '\n') {
		out_char(tty, '^');
		out_char(tty, c == 0x7f ? '?' : c + '@');
		return;
	}
	out_char(tty, c);
}

static unsigned int width_of(char c)
{
	return ((u8)c < ' ' || c == 0x7f) ? 2 : 1;	/* ^X takes two columns */
}

/* --- input ------------------------------------------------------------------ */

static unsigned int used(const struct tty *tty)
{
	return tty->head - tty->tail;
}

static void put_byte(struct tty *tty, char c)
{
	if (used(tty) >= TTY_BUF_SIZE - 1)
		return;			/* full: drop, as Linux does beyond its buffer */
	tty->buf[tty->head++ % TTY_BUF_SIZE] = c;
}

/* Complete the line being edited (canonical mode). */
static void commit_line(struct tty *tty, bool eof)
{
	if (tty->line_head - tty->line_tail >= TTY_MAX_LINES)
		return;
	tty->lines[tty->line_head % TTY_MAX_LINES].pos = tty->head;
	tty->lines[tty->line_head % TTY_MAX_LINES].eof = eof;
	tty->line_head++;
	tty->committed = tty->head;
}

/* Erase one character of the current line, echoing the erasure. */
static bool erase_one(struct tty *tty, bool echo)
{
	char c;

	if (tty->head == tty->committed)
		return false;
	c = tty->buf[--tty->head % TTY_BUF_SIZE];
	if (echo && L(tty, ECHO) && L(tty, ECHOE)) {
		unsigned int w = (L(tty, ECHOCTL) && c != '\t') ? width_of(c) : 1;

		while (w--)
			tty->ops->write(tty, "\b \b", 3);
	}
	return true;
}

static void erase_word(struct tty *tty)
{
	while (tty->head != tty->committed && tty->buf[(tty->head - 1) % TTY_BUF_SIZE] == ' ')
		erase_one(tty, true);
	while (tty->head != tty->committed && tty->buf[(tty->head - 1) % TTY_BUF_SIZE] != ' ')
		erase_one(tty, true);
}

static void flush_input_locked(struct tty *tty)
{
	tty->tail = tty->head = tty->committed = 0;
	tty->line_head = tty->line_tail = 0;
}

/* ISIG: the character raised a signal for the foreground group. */
static bool handle_signal_char(struct tty *tty, char c)
{
	int sig = is_cc(tty, c, VINTR) ? SIGINT : is_cc(tty, c, VQUIT) ? SIGQUIT :
		  is_cc(tty, c, VSUSP) ? SIGTSTP : 0;

	if (!sig)
		return false;
	if (!L(tty, NOFLSH))
		flush_input_locked(tty);
	if (L(tty, ECHO))
		echo_char(tty, c);
	if (tty->pgrp > 0)
		signal_pgrp(tty->pgrp, sig);
	return true;
}

/* Canonical-mode editing characters; true when c was consumed. */
static bool handle_edit_char(struct tty *tty, char c)
{
	if (is_cc(tty, c, VERASE)) {
		erase_one(tty, true);
		return true;
	}
	if (is_cc(tty, c, VWERASE) && L(tty, IEXTEN)) {
		erase_word(tty);
		return true;
	}
	if (is_cc(tty, c, VKILL)) {
		bool echo_erase = L(tty, ECHOKE) || !L(tty, ECHOK);

		while (erase_one(tty, echo_erase))
			;
		if (L(tty, ECHO) && L(tty, ECHOK) && !L(tty, ECHOKE))
			out_char(tty, '\n');
		return true;
	}
	if (is_cc(tty, c, VEOF)) {
		commit_line(tty, true);
		return true;
	}
	return false;
}

static char translate_input(const struct tty *tty, char c)
{
	if (c == '\r' && I(tty, ICRNL))
		return '\n';
	if (c == '\n' && I(tty, INLCR))
		return '\r';
	return c;
}

void tty_receive(struct tty *tty, char c)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	bool literal = tty->lnext;

	tty->lnext = false;
	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (!literal) {
		if (c == '\r' && I(tty, IGNCR))
			goto out;
		c = translate_input(tty, c);
		if (I(tty, IXON) && is_cc(tty, c, VSTOP)) {
			tty->stopped = true;
			goto out;
		}
		if (I(tty, IXON) && is_cc(tty, c, VSTART)) {
			tty->stopped = false;
			wake_up(&tty->write_wait);
			goto out;
		}
		if (L(tty, ISIG) && handle_signal_char(tty, c))
			goto wake;
		if (L(tty, ICANON) && L(tty, IEXTEN) && is_cc(tty, c, VLNEXT)) {
			tty->lnext = true;
			goto out;
		}
		if (L(tty, ICANON) && handle_edit_char(tty, c))
			goto wake;
	}
	put_byte(tty, c);
	if (L(tty, ECHO) || (c == '\n' && L(tty, ECHONL) && L(tty, ICANON)))
		echo_char(tty, c);
	if (!L(tty, ICANON))
		tty->committed = tty->head;
	else if (!literal && (c == '\n' || is_cc(tty, c, VEOL) || is_cc(tty, c, VEOL2)))
		commit_line(tty, false);
wake:
	wake_up(&tty->read_wait);
out:
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* --- reading ------------------------------------------------------------------ */

size_t tty_receive_room(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	size_t room = TTY_BUF_SIZE - 1 - used(tty);

	if (L(tty, ICANON) && tty->line_head == tty->line_tail)
		room = room ? room : TTY_ROOM_UNLIMITED;
	spin_unlock_irqrestore(&tty->lock, flags);
	return room;
}

/* Bytes were consumed: tell the driver (a pty wakes the peer's writers). */
static void unthrottle(struct tty *tty)
{
	if (tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
}

/* No input will come any more: 0 (hung up: end of file) or -EIO (pty peer closed). */
static bool input_gone(const struct tty *tty)
{
	return READ_ONCE(tty->hung_up) || READ_ONCE(tty->other_closed);
}

static ssize_t gone_result(const struct tty *tty)
{
	return READ_ONCE(tty->hung_up) ? 0 : -EIO;
}

unsigned int tty_input_available(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	unsigned int n = tty->committed - tty->tail;

	spin_unlock_irqrestore(&tty->lock, flags);
	return n;
}

bool tty_readable(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	bool ready = L(tty, ICANON) ? tty->line_head != tty->line_tail
				     : tty->committed != tty->tail;

	spin_unlock_irqrestore(&tty->lock, flags);
	return ready;
}

static size_t copy_out(struct tty *tty, char *buf, size_t len, unsigned int end)
{
	size_t n = 0;

	while (n < len && tty->tail != end)
		buf[n++] = tty->buf[tty->tail++ % TTY_BUF_SIZE];
	return n;
}

/* One canonical read: at most one line (lock held, a line is ready). */
static ssize_t read_line_locked(struct tty *tty, char *buf, size_t len)
{
	unsigned int idx = tty->line_tail % TTY_MAX_LINES;
	unsigned int end = tty->lines[idx].pos;
	size_t n = copy_out(tty, buf, len, end);

	if (tty->tail == end)
		tty->line_tail++;
	return (ssize_t)n;
}

static ssize_t read_canonical(struct tty *tty, char *buf, size_t len, bool nonblock)
{
	unsigned long flags;
	ssize_t n;
	int err;

	if (!tty_readable(tty) && input_gone(tty))
		return gone_result(tty);
	err = nonblock ? (tty_readable(tty) ? 0 : -EAGAIN)
		       : wait_event_interruptible(tty->read_wait,
						  tty_readable(tty) || input_gone(tty));
	if (err)
		return err;
	flags = spin_lock_irqsave(&tty->lock);
	n = tty->line_head != tty->line_tail ? read_line_locked(tty, buf, len) : -EAGAIN;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (n == -EAGAIN && input_gone(tty))
		return gone_result(tty);
	if (n > 0)
		unthrottle(tty);
	return n;
}

/* Sleep until input arrives, the deadline passes, or a signal comes. */
static void wait_until_readable_or(struct tty *tty, u64 deadline)
{
	struct wait_entry e = { .task = current_task() };
	struct ktimeout to;

	list_init(&e.node);
	ktimeout_start(&to, deadline);
	prepare_to_wait(&tty->read_wait, &e, TASK_INTERRUPTIBLE);
	if (READ_ONCE(tty->committed) == READ_ONCE(tty->tail) && !input_gone(tty) &&
	    !ktimeout_expired(&to))
		schedule();
	finish_wait(&tty->read_wait, &e);
	ktimeout_stop(&to);
}

/* Raw read per VMIN/VTIME (see termios(3)). */
static ssize_t read_raw(struct tty *tty, char *buf, size_t len, bool nonblock)
{
	unsigned int vmin = CC(tty, VMIN), vtime = CC(tty, VTIME);
	u64 deadline = vtime ? clock_monotonic_ns() + vtime * 100 * NSEC_PER_MSEC : 0;
	size_t want = vmin ? MIN((size_t)vmin, len) : 0, got = 0, n;
	unsigned long flags;

	for (;;) {
		flags = spin_lock_irqsave(&tty->lock);
		n = copy_out(tty, buf + got, len - got, tty->committed);
		spin_unlock_irqrestore(&tty->lock, flags);
		got += n;
		if (n)
			unthrottle(tty);
		if (!got && input_gone(tty))
			return gone_result(tty);
		if (got >= len || (got > 0 && got >= want) || (!vmin && !vtime))
			return (ssize_t)got;
		if (nonblock)
			return got ? (ssize_t)got : -EAGAIN;
		if (task_signal_pending(current_task()))
			return got ? (ssize_t)got : -ERESTARTSYS;
		if (deadline) {
			if (clock_monotonic_ns() >= deadline)
				return (ssize_t)got;
			if (got && vmin)	/* VTIME is an inter-byte timer once data came */
				deadline = clock_monotonic_ns() + vtime * 100 * NSEC_PER_MSEC;
			wait_until_readable_or(tty, deadline);
		} else {
			wait_event_interruptible(tty->read_wait,
						 tty->committed != tty->tail || input_gone(tty));
		}
	}
}

ssize_t n_tty_read(struct tty *tty, char *buf, size_t len, bool nonblock)
{
	if (len == 0)
		return 0;
	return L(tty, ICANON) ? read_canonical(tty, buf, len, nonblock)
			      : read_raw(tty, buf, len, nonblock);
}

/* How many bytes may go out now (lock held): each can become two (ONLCR). */
static size_t output_budget(struct tty *tty)
{
	size_t room = tty->ops->write_room ? tty->ops->write_room(tty) : TTY_ROOM_UNLIMITED;

	if (tty->stopped)
		return 0;
	return room == TTY_ROOM_UNLIMITED ? 256 : MIN(room / 2, (size_t)256);
}

static bool may_write(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	bool ok = output_budget(tty) > 0 || tty->hung_up;

	spin_unlock_irqrestore(&tty->lock, flags);
	return ok;
}

ssize_t n_tty_write(struct tty *tty, const char *buf, size_t len, bool nonblock)
{
	size_t done = 0;

	while (done < len) {
		unsigned long flags = spin_lock_irqsave(&tty->lock);
		/* Write in slices so interrupts (and ^S) get through on long writes. */
		size_t budget = output_budget(tty);

		if (tty->hung_up) {
			spin_unlock_irqrestore(&tty->lock, flags);
			return done ? (ssize_t)done : -EIO;
		}
		if (!budget) {		/* stopped by ^S, or the driver is full */
			spin_unlock_irqrestore(&tty->lock, flags);
			if (nonblock)
				return done ? (ssize_t)done : -EAGAIN;
			if (wait_event_interruptible(tty->write_wait, may_write(tty)))
				return done ? (ssize_t)done : -ERESTARTSYS;
			continue;
		}
		for (size_t end = MIN(len, done + budget); done < end; done++)
			out_char(tty, buf[done]);
		spin_unlock_irqrestore(&tty->lock, flags);
	}
	return (ssize_t)done;
}

void n_tty_flush_input(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);

	flush_input_locked(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
	unthrottle(tty);
}
