/* openat2(2)'s argument block and resolve flags (Linux ABI). */
#ifndef UAPI_OPENAT2_H
#define UAPI_OPENAT2_H

#include <types.h>

struct open_how {
	u64 flags;	/* O_* */
	u64 mode;	/* for O_CREAT / O_TMPFILE */
	u64 resolve;	/* RESOLVE_* */
};

#define OPEN_HOW_SIZE_VER0	24

#define RESOLVE_NO_XDEV		0x01
#define RESOLVE_NO_MAGICLINKS	0x02
#define RESOLVE_NO_SYMLINKS	0x04
#define RESOLVE_BENEATH		0x08
#define RESOLVE_IN_ROOT		0x10
#define RESOLVE_CACHED		0x20

#endif
