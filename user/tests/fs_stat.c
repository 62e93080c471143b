/*
 * stat(2), lstat(2), fstat(2), fstatat(2) with AT_SYMLINK_NOFOLLOW and
 * AT_EMPTY_PATH, statx(2), statfs(2), truncate(2), ftruncate(2) and
 * utimensat(2).
 */
#include <stdint.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include "fs_util.h"

/* statx(2)'s buffer, as in linux/stat.h (musl has no wrapper here). */
struct statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct statx_buf {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

#define STATX_BASIC_STATS	0x7ffu

static void basics(void)
{
	struct stat st, lst, fst;
	int fd;

	fs_put("f", "hello");
	CHECK(stat("f", &st) == 0);
	CHECK(S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644);
	CHECK(st.st_size == 5 && st.st_nlink == 1 && st.st_uid == 0 && st.st_gid == 0);
	CHECK(st.st_blksize == 4096);
	CHECK(symlink("f", "l") == 0);
	CHECK(lstat("l", &lst) == 0 && S_ISLNK(lst.st_mode) && lst.st_size == 1);
	CHECK(lst.st_ino != st.st_ino && lst.st_dev == st.st_dev);
	CHECK(stat("l", &lst) == 0 && lst.st_ino == st.st_ino);
	fd = open("f", O_RDONLY);
	CHECK(fstat(fd, &fst) == 0 && fst.st_ino == st.st_ino);
	CHECK(fstatat(fd, "", &fst, AT_EMPTY_PATH) == 0 && fst.st_ino == st.st_ino);
	CHECK_ERR(fstatat(fd, "", &fst, 0), ENOENT);
	CHECK(fstatat(AT_FDCWD, "l", &fst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(fst.st_mode));
	CHECK_ERR(fstatat(AT_FDCWD, "f", &fst, 0x8000000), EINVAL);
	CHECK(close(fd) == 0);
	CHECK(mkdir("d", 0700) == 0 && stat("d", &st) == 0);
	CHECK(S_ISDIR(st.st_mode) && st.st_nlink == 2);
	CHECK(mkdir("d/sub", 0700) == 0 && stat("d", &st) == 0 && st.st_nlink == 3);
	CHECK_ERR(stat("nope", &st), ENOENT);
	CHECK_ERR(stat("f/x", &st), ENOTDIR);
	CHECK_ERR(fstat(-1, &st), EBADF);
	CHECK_ERR(syscall(SYS_stat, "f", (struct stat *)8), EFAULT);	/* musl would copy itself */
	CHECK_ERR(stat((char *)8, &st), EFAULT);
}

static void statx_matches_stat(void)
{
	struct statx_buf sx;
	struct stat st;

	CHECK(stat("f", &st) == 0);
	CHECK(syscall(SYS_statx, AT_FDCWD, "f", 0, STATX_BASIC_STATS, &sx) == 0);
	CHECK((sx.mask & STATX_BASIC_STATS) == STATX_BASIC_STATS);
	CHECK(sx.ino == st.st_ino && sx.size == (uint64_t)st.st_size);
	CHECK(sx.mode == st.st_mode && sx.nlink == st.st_nlink);
	CHECK(makedev(sx.dev_major, sx.dev_minor) == st.st_dev);
	CHECK(sx.mtime.tv_sec == st.st_mtim.tv_sec && sx.mtime.tv_nsec == st.st_mtim.tv_nsec);
	CHECK(syscall(SYS_statx, AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx) == 0);
	CHECK(S_ISLNK(sx.mode));
	CHECK_ERR(syscall(SYS_statx, AT_FDCWD, "f", 0x6000, STATX_BASIC_STATS, &sx), EINVAL);
	CHECK_ERR(syscall(SYS_statx, AT_FDCWD, "f", 0, 0x80000000u, &sx), EINVAL);
	CHECK_ERR(syscall(SYS_statx, AT_FDCWD, "nope", 0, STATX_BASIC_STATS, &sx), ENOENT);
}

static void truncation(void)
{
	struct stat st;
	int fd;

	CHECK(truncate("f", 3) == 0 && stat("f", &st) == 0 && st.st_size == 3);
	CHECK(truncate("f", 10000) == 0 && stat("f", &st) == 0 && st.st_size == 10000);
	CHECK_ERR(truncate("f", -1), EINVAL);
	CHECK_ERR(truncate("d", 0), EISDIR);
	CHECK_ERR(truncate("nope", 0), ENOENT);
	fd = open("f", O_RDONLY);
	CHECK_ERR(ftruncate(fd, 0), EINVAL);		/* not open for writing */
	CHECK(close(fd) == 0);
	fd = open("f", O_RDWR);
	CHECK(ftruncate(fd, 1) == 0 && fstat(fd, &st) == 0 && st.st_size == 1);
	CHECK_ERR(ftruncate(fd, -5), EINVAL);
	CHECK(close(fd) == 0);
	CHECK_ERR(ftruncate(-1, 0), EBADF);
}

static void times(void)
{
	struct timespec ts[2] = { { 1000, 5 }, { 2000, 6 } };
	struct stat st;
	int fd;

	CHECK(utimensat(AT_FDCWD, "f", ts, 0) == 0);
	CHECK(stat("f", &st) == 0);
	CHECK(st.st_atim.tv_sec == 1000 && st.st_atim.tv_nsec == 5);
	CHECK(st.st_mtim.tv_sec == 2000 && st.st_mtim.tv_nsec == 6);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 3000;
	CHECK(utimensat(AT_FDCWD, "f", ts, 0) == 0);
	CHECK(stat("f", &st) == 0 && st.st_atim.tv_sec == 1000 && st.st_mtim.tv_sec == 3000);
	ts[1].tv_nsec = UTIME_NOW;
	CHECK(utimensat(AT_FDCWD, "f", ts, 0) == 0);
	CHECK(stat("f", &st) == 0 && st.st_mtim.tv_sec > 3000);
	/* the link itself */
	ts[0] = (struct timespec){ 42, 0 };
	ts[1] = (struct timespec){ 43, 0 };
	CHECK(utimensat(AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(lstat("l", &st) == 0 && st.st_mtim.tv_sec == 43);
	CHECK(stat("l", &st) == 0 && st.st_mtim.tv_sec != 43);
	/* futimens */
	fd = open("f", O_RDONLY);
	CHECK(futimens(fd, ts) == 0 && fstat(fd, &st) == 0 && st.st_atim.tv_sec == 42);
	CHECK(close(fd) == 0);
	ts[0].tv_nsec = 1000000000;
	CHECK_ERR(utimensat(AT_FDCWD, "f", ts, 0), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "f", NULL, 0x4), EINVAL);
	CHECK_ERR(utimensat(AT_FDCWD, "nope", NULL, 0), ENOENT);
}

static void fs_stats(void)
{
	struct statfs sf;
	int fd = open(".", O_RDONLY);

	CHECK(statfs("/tmp", &sf) == 0);
	CHECK(sf.f_type == 0x01021994);			/* TMPFS_MAGIC: rootfs is tmpfs */
	CHECK(sf.f_bsize == 4096 && sf.f_namelen == 255);
	CHECK(fstatfs(fd, &sf) == 0 && sf.f_type == 0x01021994);
	CHECK(close(fd) == 0);
	CHECK_ERR(statfs("nope", &sf), ENOENT);
	CHECK_ERR(fstatfs(-1, &sf), EBADF);
}

int main(void)
{
	fs_scratch("fs_stat");
	basics();
	statx_matches_stat();
	truncation();
	times();
	fs_stats();
	return 0;
}
