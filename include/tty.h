/*
 * Terminals.
 *
 * A struct tty joins a device driver (which sends bytes to the hardware
 * and hands received bytes to tty_receive()) with the N_TTY line
 * discipline (drivers/tty/n_tty.c): input editing in canonical mode,
 * echo, signal characters, VMIN/VTIME in raw mode, and output
 * post-processing.  Above that sit the job-control rules (tty.c): the
 * controlling terminal of a session, its foreground process group,
 * SIGTTIN/SIGTTOU for background access, SIGHUP on hangup.
 *
 * tty->lock protects termios, winsize, the input buffer and its line
 * ends, the flow-control state (stopped, tco_stopped, held echo), the
 * editing state (lnext, erasing, columns), packet and session/pgrp.  It
 * is taken with interrupts off: the receive interrupt feeds the line
 * discipline under it.  Echo and output are written to the driver with
 * the lock held, so a driver's write must not sleep.  hung_up,
 * other_closed and exclusive are set under the lock or with WRITE_ONCE
 * and read with READ_ONCE; hangup_gen and pkt_status are atomic.
 *
 * Hang-ups come in two kinds: tty_hangup() (a pty whose master closed)
 * ends the terminal for good; tty_vhangup() ends only the files open at
 * that moment, which each remember the generation they were opened in
 * (f->version), so that a new open works as Linux's does after vhangup.
 *
 * A driver whose peer is another terminal (pty.c) nests the peer's lock
 * inside this one: slave->lock, then master->lock, never the reverse.
 */
#ifndef TTY_H
#define TTY_H

#include <types.h>
#include <spinlock.h>
#include <wait_types.h>
#include <uapi/termios.h>
#include <uapi/ioctls.h>

#define TTY_BUF_SIZE	4096
#define TTY_MAX_LINES	128
#define TTY_ROOM_UNLIMITED	((size_t)-1)
#define TTY_ECHO_HOLD	256	/* echo kept while output is stopped */

struct tty;
struct poll_table;
struct inode;

struct tty_driver_ops {
	/* Send len bytes to the device (no processing); must not sleep. */
	void (*write)(struct tty *tty, const char *buf, size_t len);
	/*
	 * Bytes write() takes now without dropping any (called with or
	 * without the lock; default: no limit).  A writer finding too little room sleeps on write_wait
	 * until the driver wakes it.
	 */
	size_t (*write_room)(struct tty *tty);
	/*
	 * Output not yet sent (default: none, output is synchronous); the
	 * driver wakes write_wait as it drains.  flush_output drops it.
	 */
	size_t (*chars_in_buffer)(struct tty *tty);
	void (*flush_output)(struct tty *tty);
	/*
	 * Signal characters discard pending output (ISIG without NOFLSH);
	 * called with tty->lock held, so it may take only locks nesting
	 * inside it (default: nothing).
	 */
	void (*discard_output)(struct tty *tty);
	/* The reader consumed input: buffer room appeared (default: nothing). */
	void (*unthrottle)(struct tty *tty);
	/*
	 * Output was stopped (^S, TCOOFF) / restarted; tty->lock held
	 * (default: nothing, n_tty holds back its own writes either way).
	 */
	void (*stop)(struct tty *tty);
	void (*start)(struct tty *tty);
	/* The input buffer was flushed (TCIFLUSH, ISIG, TCSETSF); lock held. */
	void (*input_flushed)(struct tty *tty);
	/*
	 * TCSETS*: the new termios is in place, old is the previous one; the
	 * driver may adjust tty->termios (lock held; default: nothing).
	 */
	void (*set_termios)(struct tty *tty, const struct termios_k *old);
	/* Line break on (TIOCSBRK) / off; no lock held (default: none, 0). */
	int (*break_ctl)(struct tty *tty, bool on);
	/* Modem lines (TIOCM_*): read, and set/clear bits (default: -ENOTTY). */
	int (*tiocmget)(struct tty *tty);
	int (*tiocmset)(struct tty *tty, unsigned int set, unsigned int clear);
	/* Send a flow-control byte ahead of queued output (default: see tty.c). */
	void (*send_xchar)(struct tty *tty, char c);
	/* Driver-specific ioctls, tried before -ENOTTY (default: none). */
	long (*ioctl)(struct tty *tty, unsigned int cmd, unsigned long arg);
	/* A file opens / releases the terminal (default: 0 / nothing). */
	int (*open)(struct tty *tty);
	void (*close)(struct tty *tty);
};

struct tty {
	const char *name;
	const struct tty_driver_ops *ops;
	void *driver_data;
	struct spinlock lock;
	struct termios_k termios;
	struct winsize winsize;

	/* Input ring: readable bytes are [tail, committed); the line being edited is [committed, head). */
	char buf[TTY_BUF_SIZE];
	unsigned int head, tail, committed;	/* free-running; index with % TTY_BUF_SIZE */
	struct {
		unsigned int pos;		/* where the line ends (exclusive) */
		bool eof;			/* ended by VEOF (not returned) */
	} lines[TTY_MAX_LINES];			/* canonical mode: completed lines */
	unsigned int line_head, line_tail;
	bool lnext;				/* the next byte is literal (VLNEXT) */
	bool erasing;				/* ECHOPRT: inside a \...\/ erase run */
	bool stopped;				/* output stopped by VSTOP (IXON) or TCOOFF */
	bool tco_stopped;			/* stopped by TCOOFF: only TCOON restarts */
	char echo_held[TTY_ECHO_HOLD];		/* echo while stopped, sent on restart */
	unsigned int echo_held_len;
	unsigned int column;			/* output column, for erasing tabs */
	unsigned int canon_column;		/* column where the edited line began */
	bool exclusive;				/* TIOCEXCL: only root may open it again */
	/*
	 * Packet mode (TIOCPKT, pty masters): reads start with a status
	 * byte; pkt_status collects TIOCPKT_* events for the next read
	 * (atomic: the peer's side sets bits under its own lock).
	 */
	bool packet;
	u8 pkt_status;

	bool pty;				/* immutable: a pseudo-terminal's side */
	unsigned int dev_major, dev_minor;	/* immutable: its device (TIOCGDEV) */
	int session;				/* 0: no session owns it */
	int pgrp;				/* foreground process group */
	int open_count;				/* atomic */
	bool hung_up;				/* tty_hangup(): reads give 0, writes -EIO */
	unsigned int hangup_gen;		/* atomic: tty_vhangup()s so far; a file opened
						   before the last one is hung up */
	bool other_closed;			/* pty: the peer is closed: reads give -EIO once drained */

	struct wait_queue read_wait;		/* input arrived / line completed */
	struct wait_queue write_wait;		/* output restarted (VSTART) */
};

void tty_init(struct tty *tty, const char *name, const struct tty_driver_ops *ops, void *data);

/* From the driver, interrupt context allowed: one received byte. */
void tty_receive(struct tty *tty, char c);
/* A line break was received (BRKINT/IGNBRK/PARMRK rules); interrupt context allowed. */
void tty_receive_break(struct tty *tty);
/* Packet mode: record TIOCPKT_* event bits (set), clearing clear, and wake the reader. */
void tty_packet_event(struct tty *tty, u8 set, u8 clear);

/*
 * From the file layer; the buffers are kernel memory.  May sleep.  gen
 * is the file's hang-up generation (tty_hangup_gen() when it opened):
 * after a tty_vhangup() reads give 0 and writes -EIO.
 */
ssize_t tty_read(struct tty *tty, unsigned int gen, char *buf, size_t len, bool nonblock);
ssize_t tty_write(struct tty *tty, unsigned int gen, const char *buf, size_t len, bool nonblock);
static inline unsigned int tty_hangup_gen(const struct tty *tty)
{
	return __atomic_load_n(&tty->hangup_gen, __ATOMIC_ACQUIRE);
}
long tty_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg);
/* Bytes readable now (FIONREAD), and whether a read would not block. */
unsigned int tty_input_available(struct tty *tty);
bool tty_readable(struct tty *tty);

/*
 * Opening: the driver's open hook, then make tty the controlling terminal
 * when Linux would.  0 or the driver's error.
 */
int tty_open(struct tty *tty, bool noctty);
void tty_release(struct tty *tty);
/* poll(2) readiness of tty for one of its files, registering on its queues. */
unsigned int tty_poll(struct tty *tty, struct poll_table *pt);
/*
 * The pty slave's master is gone: the session owning tty loses it, its
 * leader gets SIGHUP and SIGCONT, and from now on reads return 0 and
 * writes -EIO, for every file.
 */
void tty_hangup(struct tty *tty);
/*
 * Linux's __tty_hangup (vhangup(2), TIOCVHANGUP, a serial line's session
 * leader exiting): the same for the files open now; later opens work.
 * exit_session: the foreground group gets SIGHUP too.
 */
void tty_vhangup(struct tty *tty, bool exit_session);
/* Discard unread input (TCIFLUSH); takes tty->lock. */
void tty_flush_input(struct tty *tty);
/* TIOCSWINSZ: set the window size; a change sends SIGWINCH to the foreground. */
void tty_set_winsize(struct tty *tty, const struct winsize *ws);
/*
 * Input bytes tty_receive() can still store, or TTY_ROOM_UNLIMITED when
 * waiting for room would not help (canonical mode with no complete line:
 * the reader waits for a line, so extra bytes are dropped, as on Linux).
 */
size_t tty_receive_room(struct tty *tty);

/*
 * The file side of a terminal (fs/console_dev.c), for drivers with their
 * own open routine: f->private is the struct tty.
 */
struct file;
struct iov_iter;
/* Point f at tty and open it (tty_open); f->private becomes tty. */
int tty_file_attach(struct file *f, struct tty *tty, bool noctty);
ssize_t tty_file_read(struct file *f, struct iov_iter *to, u64 *pos);
ssize_t tty_file_write(struct file *f, struct iov_iter *from, u64 *pos);
long tty_file_ioctl(struct file *f, unsigned int cmd, unsigned long arg);
unsigned int tty_file_poll(struct file *f, struct poll_table *pt);
void tty_file_release(struct inode *inode, struct file *f);

/* The caller's controlling terminal, or NULL (for /dev/tty). */
struct tty *tty_current(void);
/* A session leader exits: hang up its terminal (SIGHUP to the foreground). */
void tty_session_exit(struct task *leader);

/* Pseudo-terminals (pty.c): register /dev/ptmx and the slaves' major. */
void pty_init(void);

/* The console terminal (ttyS0), or NULL before the serial driver is up. */
extern struct tty *console_tty;

#endif
