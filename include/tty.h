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
 * ends, 'stopped', and session/pgrp.  It is taken with interrupts off:
 * the receive interrupt feeds the line discipline under it.  Echo and
 * output are written to the driver with the lock held, so a driver's
 * write must not sleep.
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

struct tty;

struct tty_driver_ops {
	/* Send len bytes to the device (no processing); must not sleep. */
	void (*write)(struct tty *tty, const char *buf, size_t len);
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
	bool stopped;				/* output stopped by VSTOP (IXON) */
	unsigned int column;			/* output column, for erasing tabs */

	int session;				/* 0: no session owns it */
	int pgrp;				/* foreground process group */
	int open_count;				/* atomic */

	struct wait_queue read_wait;		/* input arrived / line completed */
	struct wait_queue write_wait;		/* output restarted (VSTART) */
};

void tty_init(struct tty *tty, const char *name, const struct tty_driver_ops *ops, void *data);

/* From the driver, interrupt context allowed: one received byte. */
void tty_receive(struct tty *tty, char c);

/* From the file layer; the buffers are kernel memory.  May sleep. */
ssize_t tty_read(struct tty *tty, char *buf, size_t len, bool nonblock);
ssize_t tty_write(struct tty *tty, const char *buf, size_t len, bool nonblock);
long tty_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg);
/* Bytes readable now (FIONREAD), and whether a read would not block. */
unsigned int tty_input_available(struct tty *tty);
bool tty_readable(struct tty *tty);

/* Opening: make tty the controlling terminal when Linux would. */
void tty_open(struct tty *tty, bool noctty);
void tty_release(struct tty *tty);

/* The caller's controlling terminal, or NULL (for /dev/tty). */
struct tty *tty_current(void);
/* A session leader exits: hang up its terminal (SIGHUP to the foreground). */
void tty_session_exit(struct task *leader);

/* The console terminal (ttyS0), or NULL before the serial driver is up. */
extern struct tty *console_tty;

#endif
