#ifndef SERIAL8250_H
#define SERIAL8250_H

/* Probe COM1 and register it as a console. */
void serial8250_early_init(void);
/* Once interrupts can be routed: create ttyS0 and enable receive interrupts. */
void serial8250_tty_init(void);

#endif
