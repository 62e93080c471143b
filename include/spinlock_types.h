/* struct spinlock alone, for headers that embed one (see spinlock.h). */
#ifndef SPINLOCK_TYPES_H
#define SPINLOCK_TYPES_H

#include <types.h>

struct spinlock {
	u16 next;		/* ticket handed to the next arrival */
	u16 owner;		/* ticket now allowed in */
	const char *name;	/* for lock reports */
};

#define SPINLOCK_INIT(n)	{ .next = 0, .owner = 0, .name = (n) }
#define DEFINE_SPINLOCK(v)	struct spinlock v = SPINLOCK_INIT(#v)

#endif
