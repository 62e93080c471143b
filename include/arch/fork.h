/* What clone needs from the arch: the child's initial user state. */
#ifndef ARCH_FORK_H
#define ARCH_FORK_H

#include <types.h>

struct task;

/*
 * Give child a copy of parent's user registers and FPU state, returning 0
 * from the system call; a non-zero stack replaces the stack pointer and
 * set_tls sets the TLS base.  0 or -ENOMEM.
 */
int arch_clone_user(struct task *child, struct task *parent, unsigned long stack,
		    bool set_tls, unsigned long tls);

#endif
