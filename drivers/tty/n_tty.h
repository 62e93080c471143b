/* The line discipline's entry points for the terminal core (tty.c). */
#ifndef DRIVERS_N_TTY_H
#define DRIVERS_N_TTY_H

#include <tty.h>

/* gen: the hang-up generation of the caller's file (tty->hangup_gen at its open). */
ssize_t n_tty_read(struct tty *tty, char *buf, size_t len, bool nonblock, unsigned int gen);
ssize_t n_tty_write(struct tty *tty, const char *buf, size_t len, bool nonblock,
		    unsigned int gen);
void n_tty_flush_input(struct tty *tty);
/* Output flow: stop (^S, TCOOFF) and restart; tty->lock held. */
void n_tty_stop_locked(struct tty *tty);
void n_tty_start_locked(struct tty *tty);
/* tty->termios just changed from old (lock held): canonical switch, IXON off. */
void n_tty_termios_changed(struct tty *tty, const struct termios_k *old);

#endif
