/* The line discipline's entry points for the terminal core (tty.c). */
#ifndef DRIVERS_N_TTY_H
#define DRIVERS_N_TTY_H

#include <tty.h>

ssize_t n_tty_read(struct tty *tty, char *buf, size_t len, bool nonblock);
ssize_t n_tty_write(struct tty *tty, const char *buf, size_t len, bool nonblock);
void n_tty_flush_input(struct tty *tty);
/* Output flow: stop (^S, TCOOFF) and restart; tty->lock held. */
void n_tty_stop_locked(struct tty *tty);
void n_tty_start_locked(struct tty *tty);
/* tty->termios just changed from old (lock held): canonical switch, IXON off. */
void n_tty_termios_changed(struct tty *tty, const struct termios_k *old);

#endif
