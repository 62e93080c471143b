/*
 * Exception table: pairs (faulting instruction, where to resume).  Code
 * that may fault on purpose (the user-copy helpers) registers each such
 * instruction; the trap handler resumes at the fixup instead of
 * reporting a kernel bug.
 */
#ifndef EXTABLE_H
#define EXTABLE_H

#include <types.h>

struct extable_entry {
	unsigned long insn;
	unsigned long fixup;
};

/* The fixup address for a faulting rip, or 0 when there is none. */
unsigned long extable_find(unsigned long rip);

#endif
