/*
 * devpts (fs/devpts.c): the /dev/pts directory the pseudo-terminal driver
 * (drivers/tty/pty.c) publishes its slaves in.  All may sleep.
 */
#ifndef DEVPTS_H
#define DEVPTS_H

#include <types.h>

#define DEVPTS_SLAVE_MAJOR	136	/* /dev/pts/N is 136:N */

struct file;

void devpts_init(void);
/* Make /dev/pts/N for a new pair, owned by the caller: 0 or -errno. */
int devpts_pty_new(unsigned int index);
/* Remove /dev/pts/N (the master closed); open files keep working. */
void devpts_pty_kill(unsigned int index);
/* Open /dev/pts/N with open flags oflags (TIOCGPTPEER): 0 or -errno. */
int devpts_open_slave(unsigned int index, unsigned int oflags, struct file **out);

#endif
