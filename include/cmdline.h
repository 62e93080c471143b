/*
 * The kernel command line, Linux style: space-separated words, each either
 * "name" or "name=value"; a value may be double-quoted.  Everything after
 * "--" is for init.  Lookups are by exact name; the last occurrence wins.
 * Implemented in lib/cmdline.c (host-tested by tests/unit/test_cmdline.c).
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include <types.h>

#define CMDLINE_MAX	4096

void cmdline_init(const char *raw);
const char *cmdline_raw(void);

/*
 * Value of name=value (NULL when absent, "" for a bare "name").  The string
 * is overwritten by the next lookup; copy it to keep it.
 */
const char *cmdline_get(const char *name);
bool cmdline_has(const char *name);
/* Integer value; *out untouched and false returned if absent or malformed. */
bool cmdline_get_long(const char *name, long *out);

#endif
