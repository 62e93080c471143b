/*
 * N_TTY, the line discipline: what happens to bytes between the device
 * and read()/write().
 *
 * Input (tty_receive, may run in interrupt context) follows Linux's
 * order: ISTRIP; IXON flow control (VSTOP/VSTART, IXANY); signal
 * characters under ISIG (which flush input and pending output unless
 * NOFLSH); IGNCR/ICRNL/INLCR translation; line editing under ICANON
 * (VERASE, VKILL, VWERASE, VEOF, VEOL, VEOL2, VLNEXT, VREPRINT) and echo
 * (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL, ECHOPRT).  Only the bytes
 * Linux's char_map marks special get the special treatment; everything
 * else (including a literal LF in raw mode, which echoes as ^J) is stored
 * and echoed as is.  Canonical reads get whole lines; raw reads follow
 * VMIN/VTIME.  Output applies OPOST (ONLCR, OCRNL, ONOCR, ONLRET, XTABS)
 * and honours VSTOP/VSTART.  A pty master in packet mode (TIOCPKT) reads
 * status bytes and TIOCPKT_DATA-prefixed data.
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
#define TABDLY		0014000
#define XTABS		0014000

static bool is_cc(const struct tty *tty, char c, int idx)
{
	return CC(tty, idx) != 0 && (u8)c == CC(tty, idx);
}

/* Linux's iscntrl() (lib/ctype.c): C0, DEL and the C1 range. */
static bool is_cntrl(char c)
{
	u8 b = (u8)c;

	return b < ' ' || b == 0x7f || (b >= 0x80 && b < 0xa0);
}

/* IUTF8: a UTF-8 continuation byte takes no column and is erased with its character. */
static bool is_continuation(const struct tty *tty, char c)
{
	return I(tty, IUTF8) && ((u8)c & 0xc0) == 0x80;
}

/* --- output --------------------------------------------------------------- */

/*
 * Bytes to the driver (lock held).  While output is stopped only echo
 * can come here (writers wait); it is held back, as Linux's echo buffer
 * holds it, and goes out when output restarts.
 */
static void emit(struct tty *tty, const char *buf, size_t len)
{
	if (!tty->stopped) {
		tty->ops->write(tty, buf, len);
		return;
	}
	for (size_t i = 0; i < len && tty->echo_held_len < TTY_ECHO_HOLD; i++)
		tty->echo_held[tty->echo_held_len++] = buf[i];
}

/*
 * One byte through OPOST processing to the driver (lock held), keeping
 * the column for tab erasure as Linux's do_output_char() does.
 */
static void out_char(struct tty *tty, char c)
{
	if (!O(tty, OPOST)) {
		emit(tty, &c, 1);
		return;
	}
	switch (c) {
	case '\n':
		if (O(tty, ONLRET))
			tty->column = 0;
		if (O(tty, ONLCR)) {
			tty->canon_column = tty->column = 0;
			emit(tty, "\r\n", 2);
			return;
		}
		tty->canon_column = tty->column;
		break;
	case '\r':
		if (O(tty, ONOCR) && tty->column == 0)
			return;
		if (O(tty, OCRNL)) {
			c = '\n';
			if (O(tty, ONLRET))
				tty->canon_column = tty->column = 0;
			break;
		}
		tty->canon_column = tty->column = 0;
		break;
	case '\t': {
		unsigned int spaces = 8 - (tty->column & 7);

		tty->column += spaces;
		if ((tty->termios.c_oflag & TABDLY) == XTABS) {
			emit(tty, "        ", spaces);
			return;
		}
		break;
	}
	case '\b':
		if (tty->column > 0)
			tty->column--;
		break;
	default:
		if (!is_cntrl(c) && !is_continuation(tty, c))
			tty->column++;
		break;
	}
	emit(tty, &c, 1);
}

/* Echo a received byte: control characters as ^X under ECHOCTL. */
static void echo_char(struct tty *tty, char c)
{
	if (L(tty, ECHOCTL) && is_cntrl(c) && c != '\t') {
		char pair[2] = { '^', (char)((u8)c ^ 0100) };

		emit(tty, pair, 2);	/* as Linux: no OPOST, two columns */
		tty->column += 2;
		return;
	}
	out_char(tty, c);
}

/* ECHOPRT: close a "\erased/" run. */
static void finish_erasing(struct tty *tty)
{
	if (tty->erasing) {
		out_char(tty, '/');
		tty->erasing = false;
	}
}

/* --- flow control ------------------------------------------------------------ */

void n_tty_stop_locked(struct tty *tty)
{
	if (tty->stopped)
		return;
	tty->stopped = true;
	if (tty->ops->stop)
		tty->ops->stop(tty);
}

void n_tty_start_locked(struct tty *tty)
{
	if (!tty->stopped || tty->tco_stopped)
		return;
	tty->stopped = false;
	if (tty->ops->start)
		tty->ops->start(tty);
	if (tty->echo_held_len) {
		tty->ops->write(tty, tty->echo_held, tty->echo_held_len);
		tty->echo_held_len = 0;
	}
	wake_up(&tty->write_wait);
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

static char byte_at(const struct tty *tty, unsigned int pos)
{
	return tty->buf[pos % TTY_BUF_SIZE];
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

/*
 * Backspaces that erase a tab: back to the tab stop the characters
 * before it (since the line start or the previous tab) leave.
 */
static void erase_tab(struct tty *tty)
{
	unsigned int pos = tty->head, cols = 0, back;
	bool after_tab = false;

	while (pos != tty->committed) {
		char c = byte_at(tty, --pos);

		if (c == '\t') {
			after_tab = true;
			break;
		}
		if (is_cntrl(c))
			cols += L(tty, ECHOCTL) ? 2 : 0;
		else if (!is_continuation(tty, c))
			cols++;
	}
	if (!after_tab)
		cols += tty->canon_column;
	back = MIN(8 - (cols & 7), tty->column);
	while (back--)
		out_char(tty, '\b');
}

/*
 * Echo the erasure of the character at pos (len bytes with its UTF-8
 * continuation), just removed from the line (ECHO on).
 */
static void echo_erased(struct tty *tty, unsigned int pos, unsigned int len, bool is_erase_char)
{
	char c = byte_at(tty, pos);

	if (L(tty, ECHOPRT)) {
		if (!tty->erasing) {
			out_char(tty, '\\');
			tty->erasing = true;
		}
		echo_char(tty, c);
		for (unsigned int i = 1; i < len; i++)
			out_char(tty, byte_at(tty, pos + i));
	} else if (is_erase_char && !L(tty, ECHOE)) {
		echo_char(tty, CC(tty, VERASE));
	} else if (c == '\t') {
		erase_tab(tty);
	} else {
		/* ^X took two columns, a plain control character none */
		unsigned int times = !is_cntrl(c) ? 1 : L(tty, ECHOCTL) ? 2 : 0;

		while (times--) {
			out_char(tty, '\b');
			out_char(tty, ' ');
			out_char(tty, '\b');
		}
	}
}

enum kill_type { ERASE, WERASE, KILL };

/*
 * Linux's isalnum(c) || c == '_', with its Latin-1 ctype table: letters
 * from 0xc0 up except 0xd7 and 0xf7 (so a UTF-8 lead byte of those counts).
 */
static bool is_word_char(char c)
{
	u8 b = (u8)c;

	return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
	       b == '_' || (b >= 0xc0 && b != 0xd7 && b != 0xf7);
}

/*
 * VERASE, VWERASE and VKILL, as Linux's eraser(): WERASE removes
 * trailing non-word characters then a word of letters, digits and '_'
 * (BSD's ALTWERASE); KILL echoes the kill character (and a newline with
 * ECHOK) unless ECHOK, ECHOKE and ECHOE all ask for a visual erase.
 */
static void eraser(struct tty *tty, enum kill_type kind)
{
	unsigned int seen_alnums = 0;

	if (tty->head == tty->committed)
		return;
	if (kind == KILL) {
		if (!L(tty, ECHO)) {
			tty->head = tty->committed;
			return;
		}
		if (!L(tty, ECHOK) || !L(tty, ECHOKE) || !L(tty, ECHOE)) {
			tty->head = tty->committed;
			finish_erasing(tty);
			echo_char(tty, CC(tty, VKILL));
			if (L(tty, ECHOK))
				out_char(tty, '\n');
			return;
		}
	}
	while (tty->head != tty->committed) {
		unsigned int start = tty->head - 1, len;
		char c;

		while (is_continuation(tty, byte_at(tty, start)) && start != tty->committed)
			start--;
		c = byte_at(tty, start);
		if (is_continuation(tty, c))
			break;		/* never half a character */
		if (kind == WERASE) {
			if (is_word_char(c))
				seen_alnums++;
			else if (seen_alnums)
				break;
		}
		len = tty->head - start;
		tty->head = start;	/* the bytes stay readable for the echo */
		if (L(tty, ECHO))
			echo_erased(tty, start, len, kind == ERASE);
		if (kind == ERASE)
			break;
	}
	if (tty->head == tty->committed && L(tty, ECHO))
		finish_erasing(tty);
}

static void flush_input_locked(struct tty *tty)
{
	tty->tail = tty->head = tty->committed = 0;
	tty->line_head = tty->line_tail = 0;
	tty->erasing = false;
	if (tty->ops->input_flushed)
		tty->ops->input_flushed(tty);
}

/*
 * ISIG: c raised sig for the foreground group.  Without NOFLSH the input
 * and the driver's pending output are discarded first (Linux's isig()).
 */
static void handle_signal_char(struct tty *tty, int sig, char c)
{
	if (tty->pgrp > 0)
		signal_pgrp(tty->pgrp, sig);
	if (!L(tty, NOFLSH)) {
		tty->echo_held_len = 0;		/* Linux's isig() clears the echo buffer */
		if (tty->ops->discard_output)
			tty->ops->discard_output(tty);
		flush_input_locked(tty);
	}
	if (I(tty, IXON))
		n_tty_start_locked(tty);
	if (L(tty, ECHO))
		echo_char(tty, c);
}

static int signal_of(const struct tty *tty, char c)
{
	if (is_cc(tty, c, VINTR))
		return SIGINT;
	if (is_cc(tty, c, VQUIT))
		return SIGQUIT;
	if (is_cc(tty, c, VSUSP))
		return SIGTSTP;
	return 0;
}

/* Does c need more than storing and echoing?  (Linux's char_map.) */
static bool is_special(const struct tty *tty, char c)
{
	bool canon = L(tty, ICANON), iext = L(tty, IEXTEN);

	if (c == 0)
		return false;	/* _POSIX_VDISABLE is never special */
	if (c == '\r' && I(tty, IGNCR | ICRNL))
		return true;
	if (c == '\n' && (I(tty, INLCR) || canon))
		return true;
	if (canon && (is_cc(tty, c, VERASE) || is_cc(tty, c, VKILL) || is_cc(tty, c, VEOF) ||
		      is_cc(tty, c, VEOL)))
		return true;
	if (canon && iext && (is_cc(tty, c, VWERASE) || is_cc(tty, c, VLNEXT) ||
			      is_cc(tty, c, VEOL2) || (L(tty, ECHO) && is_cc(tty, c, VREPRINT))))
		return true;
	if (I(tty, IXON) && (is_cc(tty, c, VSTART) || is_cc(tty, c, VSTOP)))
		return true;
	return L(tty, ISIG) && signal_of(tty, c);
}

/* An ordinary byte: echo and store (Linux's n_tty_receive_char). */
static void receive_plain(struct tty *tty, char c)
{
	if (tty->stopped && !tty->tco_stopped && I(tty, IXON) && I(tty, IXANY))
		n_tty_start_locked(tty);
	if (L(tty, ECHO)) {
		finish_erasing(tty);
		if (tty->head == tty->committed)
			tty->canon_column = tty->column;
		echo_char(tty, c);
	}
	if ((u8)c == 0xff && I(tty, PARMRK))
		put_byte(tty, c);
	put_byte(tty, c);
}

/* Canonical-mode line end: c is stored (unless VEOF) and ends the line. */
static void end_line(struct tty *tty, char c, bool eof)
{
	if (!eof)
		put_byte(tty, c);
	commit_line(tty, eof);
}

/* VREPRINT: echo ^R, a newline and the line being edited. */
static void reprint(struct tty *tty, char c)
{
	finish_erasing(tty);
	echo_char(tty, c);
	out_char(tty, '\n');
	for (unsigned int pos = tty->committed; pos != tty->head; pos++)
		echo_char(tty, byte_at(tty, pos));
}

/* Canonical editing characters; true when c was consumed. */
static bool receive_canonical(struct tty *tty, char c)
{
	bool iext = L(tty, IEXTEN);

	if (is_cc(tty, c, VERASE) || is_cc(tty, c, VKILL) || (iext && is_cc(tty, c, VWERASE))) {
		eraser(tty, is_cc(tty, c, VERASE) ? ERASE : is_cc(tty, c, VKILL) ? KILL : WERASE);
	} else if (iext && is_cc(tty, c, VLNEXT)) {
		tty->lnext = true;
		if (L(tty, ECHO)) {
			finish_erasing(tty);
			if (L(tty, ECHOCTL)) {	/* "^", then back over it */
				out_char(tty, '^');
				out_char(tty, '\b');
			}
		}
	} else if (iext && L(tty, ECHO) && is_cc(tty, c, VREPRINT)) {
		reprint(tty, c);
	} else if (c == '\n') {
		if (L(tty, ECHO) || L(tty, ECHONL))
			out_char(tty, '\n');
		end_line(tty, c, false);
	} else if (is_cc(tty, c, VEOF)) {
		end_line(tty, c, true);
	} else if (is_cc(tty, c, VEOL) || (iext && is_cc(tty, c, VEOL2))) {
		if (L(tty, ECHO)) {
			if (tty->head == tty->committed)
				tty->canon_column = tty->column;
			echo_char(tty, c);
		}
		end_line(tty, c, false);
	} else {
		return false;
	}
	return true;
}

/* A byte of the special set (Linux's n_tty_receive_char_special). */
static void receive_special(struct tty *tty, char c)
{
	int sig;

	if (I(tty, IXON) && (is_cc(tty, c, VSTART) || is_cc(tty, c, VSTOP))) {
		if (is_cc(tty, c, VSTART))
			n_tty_start_locked(tty);
		else
			n_tty_stop_locked(tty);
		return;
	}
	sig = L(tty, ISIG) ? signal_of(tty, c) : 0;
	if (sig) {
		handle_signal_char(tty, sig, c);
		return;
	}
	if (tty->stopped && !tty->tco_stopped && I(tty, IXON) && I(tty, IXANY))
		n_tty_start_locked(tty);
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ICANON) && receive_canonical(tty, c))
		return;
	if (L(tty, ECHO)) {
		finish_erasing(tty);
		if (c == '\n') {
			out_char(tty, '\n');
		} else {
			if (tty->head == tty->committed)
				tty->canon_column = tty->column;
			echo_char(tty, c);
		}
	}
	if ((u8)c == 0xff && I(tty, PARMRK))
		put_byte(tty, c);
	put_byte(tty, c);
}

void tty_receive(struct tty *tty, char c)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);

	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (tty->lnext) {
		tty->lnext = false;
		receive_plain(tty, c);
	} else if (is_special(tty, c)) {
		receive_special(tty, c);
	} else {
		receive_plain(tty, c);
	}
	if (!L(tty, ICANON))
		tty->committed = tty->head;
	wake_up(&tty->read_wait);
	spin_unlock_irqrestore(&tty->lock, flags);
}

/*
 * A break condition on the line (Linux's n_tty_receive_break): ignored
 * with IGNBRK; with BRKINT it is ^C (SIGINT and a flush); else it reads
 * as a NUL, marked "\377\0\0" under PARMRK.
 */
void tty_receive_break(struct tty *tty)
{
	unsigned long flags;

	if (I(tty, IGNBRK))
		return;
	if (I(tty, BRKINT)) {
		flags = spin_lock_irqsave(&tty->lock);
		if (tty->pgrp > 0)
			signal_pgrp(tty->pgrp, SIGINT);
		if (!L(tty, NOFLSH)) {
			if (tty->ops->discard_output)
				tty->ops->discard_output(tty);
			flush_input_locked(tty);
		}
		spin_unlock_irqrestore(&tty->lock, flags);
		return;
	}
	flags = spin_lock_irqsave(&tty->lock);	/* stored as is: no echo, no editing */
	if (I(tty, PARMRK)) {
		put_byte(tty, '\377');
		put_byte(tty, '\0');
	}
	put_byte(tty, '\0');
	if (!L(tty, ICANON))
		tty->committed = tty->head;
	wake_up(&tty->read_wait);
	spin_unlock_irqrestore(&tty->lock, flags);
}

void tty_packet_event(struct tty *tty, u8 set, u8 clear)
{
	u8 old = __atomic_load_n(&tty->pkt_status, __ATOMIC_RELAXED), new;

	if (!READ_ONCE(tty->packet))
		return;
	do {
		new = (u8)((old & ~clear) | set);
	} while (!__atomic_compare_exchange_n(&tty->pkt_status, &old, new, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	wake_up(&tty->read_wait);
}

/* Packet mode: the pending status byte, taken (0: none). */
static u8 take_packet_status(struct tty *tty)
{
	if (!READ_ONCE(tty->packet))
		return 0;
	return __atomic_exchange_n(&tty->pkt_status, 0, __ATOMIC_ACQ_REL);
}

static bool packet_status_pending(struct tty *tty)
{
	return READ_ONCE(tty->packet) && __atomic_load_n(&tty->pkt_status, __ATOMIC_ACQUIRE);
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

/* Was the reader's or writer's file (open at hang-up generation gen) hung up? */
static bool hung_up(const struct tty *tty, unsigned int gen)
{
	return READ_ONCE(tty->hung_up) || READ_ONCE(tty->hangup_gen) != gen;
}

/* No input will come any more: 0 (hung up: end of file) or -EIO (pty peer closed). */
static bool input_gone(const struct tty *tty, unsigned int gen)
{
	return hung_up(tty, gen) || READ_ONCE(tty->other_closed);
}

static ssize_t gone_result(const struct tty *tty, unsigned int gen)
{
	return hung_up(tty, gen) ? 0 : -EIO;
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

/* Something for a reader: a line or bytes, a packet status, or the end. */
static bool read_ready(struct tty *tty, unsigned int gen)
{
	return tty_readable(tty) || packet_status_pending(tty) || input_gone(tty, gen);
}

static ssize_t read_canonical(struct tty *tty, char *buf, size_t len, bool nonblock,
			      unsigned int gen)
{
	unsigned long flags;
	ssize_t n;
	u8 status;
	int err;

	for (;;) {
		status = take_packet_status(tty);
		if (status) {
			buf[0] = (char)status;
			return 1;
		}
		if (!tty_readable(tty) && input_gone(tty, gen))
			return gone_result(tty, gen);
		err = nonblock ? (tty_readable(tty) ? 0 : -EAGAIN)
			       : wait_event_interruptible(tty->read_wait, read_ready(tty, gen));
		if (err)
			return err;
		if (!packet_status_pending(tty))
			break;
	}
	flags = spin_lock_irqsave(&tty->lock);
	n = tty->line_head != tty->line_tail ? read_line_locked(tty, buf, len) : -EAGAIN;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (n == -EAGAIN && input_gone(tty, gen))
		return gone_result(tty, gen);
	if (n > 0)
		unthrottle(tty);
	return n;
}

/* Sleep until input arrives, the deadline passes, or a signal comes. */
static void wait_until_readable_or(struct tty *tty, u64 deadline, unsigned int gen)
{
	struct wait_entry e = { .task = current_task() };
	struct ktimeout to;

	list_init(&e.node);
	ktimeout_start(&to, deadline);
	prepare_to_wait(&tty->read_wait, &e, TASK_INTERRUPTIBLE);
	if (READ_ONCE(tty->committed) == READ_ONCE(tty->tail) && !input_gone(tty, gen) &&
	    !packet_status_pending(tty) && !ktimeout_expired(&to))
		schedule();
	finish_wait(&tty->read_wait, &e);
	ktimeout_stop(&to);
}

static bool raw_ready(struct tty *tty, unsigned int gen)
{
	return READ_ONCE(tty->committed) != READ_ONCE(tty->tail) || input_gone(tty, gen) ||
	       packet_status_pending(tty);
}

static u64 vtime_deadline(unsigned int vtime)
{
	return clock_monotonic_ns() + vtime * 100 * NSEC_PER_MSEC;
}

/*
 * Raw read per VMIN/VTIME (termios(3)): VMIN=0 VTIME=0 returns what is
 * there; VMIN=0 VTIME>0 waits up to VTIME for the first byte; VMIN>0
 * VTIME=0 waits for VMIN bytes; VMIN>0 VTIME>0 waits for the first byte
 * without limit, then VTIME is an inter-byte timer.  In packet mode a
 * pending status byte is a read of its own, and data comes after a
 * TIOCPKT_DATA byte.
 */
static ssize_t read_raw(struct tty *tty, char *buf, size_t len, bool nonblock, unsigned int gen)
{
	unsigned int vmin = CC(tty, VMIN), vtime = CC(tty, VTIME);
	u64 deadline = (vtime && !vmin) ? vtime_deadline(vtime) : 0;
	size_t want = vmin ? MIN((size_t)vmin, len) : 0, got = 0, n;
	unsigned long flags;

	for (;;) {
		if (!got) {
			u8 status = take_packet_status(tty);

			if (status) {
				buf[0] = (char)status;
				return 1;
			}
		}
		flags = spin_lock_irqsave(&tty->lock);
		if (!got && tty->packet && tty->committed != tty->tail)
			buf[got++] = TIOCPKT_DATA;
		n = copy_out(tty, buf + got, len - got, tty->committed);
		spin_unlock_irqrestore(&tty->lock, flags);
		got += n;
		if (n)
			unthrottle(tty);
		if (!got && input_gone(tty, gen))
			return gone_result(tty, gen);
		if (got >= len || (got > 0 && got >= want) || (!vmin && !vtime))
			return (ssize_t)got;
		if (nonblock)
			return got ? (ssize_t)got : -EAGAIN;
		if (task_signal_pending(current_task()))
			return got ? (ssize_t)got : -ERESTARTSYS;
		if (vtime && got && vmin && n)	/* VTIME restarts with every byte */
			deadline = vtime_deadline(vtime);
		if (deadline) {
			if (clock_monotonic_ns() >= deadline)
				return (ssize_t)got;
			wait_until_readable_or(tty, deadline, gen);
		} else {
			wait_event_interruptible(tty->read_wait, raw_ready(tty, gen));
		}
	}
}

ssize_t n_tty_read(struct tty *tty, char *buf, size_t len, bool nonblock, unsigned int gen)
{
	if (len == 0)
		return 0;
	return L(tty, ICANON) ? read_canonical(tty, buf, len, nonblock, gen)
			      : read_raw(tty, buf, len, nonblock, gen);
}

/* How many bytes may go out now (lock held): each can become two (ONLCR). */
static size_t output_budget(struct tty *tty)
{
	size_t room = tty->ops->write_room ? tty->ops->write_room(tty) : TTY_ROOM_UNLIMITED;

	if (tty->stopped)
		return 0;
	return room == TTY_ROOM_UNLIMITED ? 256 : MIN(room / 2, (size_t)256);
}

static bool may_write(struct tty *tty, unsigned int gen)
{
	unsigned long flags = spin_lock_irqsave(&tty->lock);
	bool ok = output_budget(tty) > 0 || hung_up(tty, gen);

	spin_unlock_irqrestore(&tty->lock, flags);
	return ok;
}

ssize_t n_tty_write(struct tty *tty, const char *buf, size_t len, bool nonblock,
		    unsigned int gen)
{
	size_t done = 0;

	while (done < len) {
		unsigned long flags = spin_lock_irqsave(&tty->lock);
		/* Write in slices so interrupts (and ^S) get through on long writes. */
		size_t budget = output_budget(tty);

		if (hung_up(tty, gen)) {
			spin_unlock_irqrestore(&tty->lock, flags);
			return done ? (ssize_t)done : -EIO;
		}
		if (!budget) {		/* stopped by ^S, or the driver is full */
			spin_unlock_irqrestore(&tty->lock, flags);
			if (nonblock)
				return done ? (ssize_t)done : -EAGAIN;
			if (wait_event_interruptible(tty->write_wait, may_write(tty, gen)))
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

void n_tty_termios_changed(struct tty *tty, const struct termios_k *old)
{
	if ((old->c_lflag ^ tty->termios.c_lflag) & ICANON) {
		/*
		 * As Linux: to raw, the half-edited line is readable at once;
		 * to canonical, what is unread becomes one line.
		 */
		tty->line_head = tty->line_tail = 0;
		tty->committed = tty->tail;
		if (L(tty, ICANON) && tty->head != tty->tail)
			commit_line(tty, false);
		tty->committed = tty->head;
		tty->lnext = false;
		tty->erasing = false;
	}
	if (!I(tty, IXON) && (old->c_iflag & IXON))
		n_tty_start_locked(tty);	/* output can no longer be restarted by ^Q */
}
