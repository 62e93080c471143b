/*
 * Errors encoded in pointers (STYLE.md b.1): a function that returns an
 * object may instead return ERR_PTR(-errno).  The top 4095 addresses are
 * never valid objects, so IS_ERR() tells the two apart.
 */
#ifndef ERR_H
#define ERR_H

#include <types.h>
#include <compiler.h>

#define MAX_ERRNO	4095

static inline void *ERR_PTR(long err)
{
	return (void *)err;
}

static inline long PTR_ERR(const void *p)
{
	return (long)p;
}

static inline bool IS_ERR(const void *p)
{
	return unlikely((unsigned long)p >= (unsigned long)-MAX_ERRNO);
}

static inline bool IS_ERR_OR_NULL(const void *p)
{
	return !p || IS_ERR(p);
}

#endif
