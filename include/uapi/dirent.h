/* Directory entries as getdents64(2) returns them (linux/dirent.h). */
#ifndef UAPI_DIRENT_H
#define UAPI_DIRENT_H

#include <stdint.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;		/* position of the next entry */
	uint16_t d_reclen;	/* this record, padded to 8 bytes */
	uint8_t d_type;		/* DT_* */
	char d_name[];		/* NUL-terminated */
};

_Static_assert(sizeof(struct linux_dirent64) == 24, "linux_dirent64 size with padding");
_Static_assert(__builtin_offsetof(struct linux_dirent64, d_reclen) == 16, "d_reclen offset");
_Static_assert(__builtin_offsetof(struct linux_dirent64, d_type) == 18, "d_type offset");
_Static_assert(__builtin_offsetof(struct linux_dirent64, d_name) == 19, "d_name offset");

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#endif
