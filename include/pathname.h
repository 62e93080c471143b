/*
 * Splitting path names into components (lib/pathname.c), the part of the
 * path walk that needs no file system: the VFS (fs/namei.c) calls it for
 * every step, and host unit tests check it on its own.
 *
 * A path is components separated by runs of '/'.  Leading slashes are
 * the walk's business (absolute names), so pathname_next() skips any
 * slashes before a component; it also swallows the slashes after one and
 * says whether there were any (a trailing slash on the last component
 * means "must be a directory") and whether the string ends there.
 */
#ifndef PATHNAME_H
#define PATHNAME_H

#include <types.h>

#define PATHNAME_NORM	0
#define PATHNAME_DOT	2	/* "." */
#define PATHNAME_DOTDOT	3	/* ".." */

struct pathname_component {
	const char *name;	/* points into the path; not NUL-terminated */
	u32 len;		/* may exceed NAME_MAX: the caller decides when to refuse */
	int type;		/* PATHNAME_* */
	bool trailing;		/* one or more '/' followed it */
	bool last;		/* nothing but slashes followed it */
};

/*
 * Take the next component from *cursor and advance past it and the
 * slashes after it.  Returns false (and leaves *c alone) when only
 * slashes, or nothing, were left.
 */
bool pathname_next(const char **cursor, struct pathname_component *c);

/* The hash the dentry cache keys names by (FNV-1a, 32 bits). */
u32 pathname_hash(const char *name, u32 len);

#endif
