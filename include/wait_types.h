/* struct wait_queue alone, for headers that embed one (see wait.h). */
#ifndef WAIT_TYPES_H
#define WAIT_TYPES_H

#include <list.h>
#include <spinlock_types.h>

struct wait_queue {
	struct spinlock lock;		/* protects waiters */
	struct list_head waiters;	/* struct wait_entry.node */
};

#endif
