/* Address-to-symbol lookup over the table embedded in the image (tools/ksyms.py). */
#ifndef KSYMS_H
#define KSYMS_H

#include <types.h>

/*
 * Find the function containing addr.  Returns its name and stores the
 * offset of addr into it, or returns NULL when addr is outside the kernel.
 */
const char *ksyms_lookup(unsigned long addr, unsigned long *offset);

/* Address of the named function, or 0. */
unsigned long ksyms_address_of(const char *name);

#endif
