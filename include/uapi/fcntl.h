/*
 * open(2) flags, the *at(2) flags and fcntl(2) commands, with Linux's
 * x86_64 values (include/uapi/asm-generic/fcntl.h, linux/fcntl.h).
 */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#include <stdint.h>

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_NDELAY	O_NONBLOCK
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200	/* faccessat */
#define AT_REMOVEDIR		0x200	/* unlinkat */
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000
#define AT_STATX_SYNC_AS_STAT	0x0000
#define AT_STATX_FORCE_SYNC	0x2000
#define AT_STATX_DONT_SYNC	0x4000
#define AT_RECURSIVE		0x8000

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_SETOWN	8
#define F_GETOWN	9
#define F_SETSIG	10
#define F_GETSIG	11
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define F_LINUX_SPECIFIC_BASE	1024
#define F_SETLEASE	(F_LINUX_SPECIFIC_BASE + 0)
#define F_GETLEASE	(F_LINUX_SPECIFIC_BASE + 1)
#define F_DUPFD_CLOEXEC	(F_LINUX_SPECIFIC_BASE + 6)
#define F_SETPIPE_SZ	(F_LINUX_SPECIFIC_BASE + 7)
#define F_GETPIPE_SZ	(F_LINUX_SPECIFIC_BASE + 8)

#define FD_CLOEXEC	1

/* lseek(2) */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

/* access(2) */
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4

/* renameat2(2) */
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

/* close_range(2) */
#define CLOSE_RANGE_UNSHARE	(1u << 1)
#define CLOSE_RANGE_CLOEXEC	(1u << 2)

/* Record locks: fcntl(2) F_GETLK, F_SETLK, F_SETLKW and the F_OFD_ forms */
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

struct flock {
	int16_t l_type;		/* F_RDLCK, F_WRLCK, F_UNLCK */
	int16_t l_whence;		/* SEEK_SET, SEEK_CUR, SEEK_END */
	int64_t l_start;
	int64_t l_len;		/* 0: to the end of the file, however far it grows */
	int32_t l_pid;
};
_Static_assert(sizeof(struct flock) == 32, "struct flock size");
_Static_assert(__builtin_offsetof(struct flock, l_start) == 8, "l_start offset");
_Static_assert(__builtin_offsetof(struct flock, l_pid) == 24, "l_pid offset");

/* flock(2) */
#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8
#define LOCK_MAND	32

/* fallocate(2) */
#define FALLOC_FL_KEEP_SIZE		0x01
#define FALLOC_FL_PUNCH_HOLE		0x02
#define FALLOC_FL_NO_HIDE_STALE		0x04
#define FALLOC_FL_COLLAPSE_RANGE	0x08
#define FALLOC_FL_ZERO_RANGE		0x10
#define FALLOC_FL_INSERT_RANGE		0x20
#define FALLOC_FL_UNSHARE_RANGE		0x40

#endif
