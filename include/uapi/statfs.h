/*
 * struct statfs of statfs(2)/fstatfs(2) on x86_64 (asm-generic/statfs.h)
 * and the magic numbers of the filesystems we implement (linux/magic.h).
 */
#ifndef UAPI_STATFS_H
#define UAPI_STATFS_H

#include <stdint.h>

struct statfs {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;	/* ST_* mount flags */
	int64_t f_spare[4];
};

_Static_assert(sizeof(struct statfs) == 120, "struct statfs size");
_Static_assert(__builtin_offsetof(struct statfs, f_fsid) == 56, "f_fsid offset");
_Static_assert(__builtin_offsetof(struct statfs, f_flags) == 80, "f_flags offset");

#define TMPFS_MAGIC	0x01021994
#define PIPEFS_MAGIC	0x50495045
#define PROC_SUPER_MAGIC 0x9fa0
#define SYSFS_MAGIC	0x62656572

/* f_flags */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_SYNCHRONOUS	0x0010
#define ST_VALID	0x0020
#define ST_MANDLOCK	0x0040
#define ST_NOATIME	0x0400
#define ST_NODIRATIME	0x0800
#define ST_RELATIME	0x1000

#endif
