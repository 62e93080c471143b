/*
 * devpts (fs/devpts.c): the /dev/pts directories the pseudo-terminal
 * driver (drivers/tty/pty.c) publishes its slaves in.  Every mount is an
 * instance of its own; a pair belongs to one, which it holds through a
 * private mount (an "inst") from devpts_acquire() to devpts_release().
 * All may sleep.
 */
#ifndef DEVPTS_H
#define DEVPTS_H

#include <types.h>

#define DEVPTS_SLAVE_MAJOR	136	/* /dev/pts/N is 136:N */

struct file;
struct inode;
struct mount;

void devpts_init(void);
/*
 * The instance a ptmx file opens pairs in: its own for /dev/pts/ptmx,
 * for another node the devpts mounted on "pts" in the same directory.
 * A private mount of it, or ERR_PTR(-ENOENT/-ENODEV/-ENOMEM).
 */
struct mount *devpts_acquire(struct file *ptmx);
void devpts_release(struct mount *inst);
/* Identity of an instance, to compare; for an inode, NULL if not devpts's. */
const void *devpts_id(const struct mount *inst);
const void *devpts_inode_id(const struct inode *inode);
/* The max= option: how many pairs the instance may hold. */
unsigned int devpts_max(struct mount *inst);
/* Make N for a new pair, owned and moded per the options: 0 or -errno. */
int devpts_pty_new(struct mount *inst, unsigned int index);
/* Remove N (the master closed); open files keep working. */
void devpts_pty_kill(struct mount *inst, unsigned int index);
/* Open N with open flags oflags (TIOCGPTPEER): 0 or -errno. */
int devpts_open_slave(struct mount *inst, unsigned int index, unsigned int oflags,
		      struct file **out);

#endif
