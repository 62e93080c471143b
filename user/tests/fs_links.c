/*
 * Names: link(2)/linkat(2), symlink(2)/symlinkat(2), readlink(2)/
 * readlinkat(2), unlink(2)/unlinkat(2), and the path walk's handling of
 * symlinks (relative and absolute targets, loops, the 40-link limit),
 * "." and "..", and trailing slashes.
 */
#include <limits.h>
#include <sys/syscall.h>
#include "fs_util.h"

static void hard_links(void)
{
	struct stat a, b;
	int fd;

	fs_put("f", "data");
	CHECK(link("f", "g") == 0);
	CHECK(stat("f", &a) == 0 && stat("g", &b) == 0);
	CHECK(a.st_ino == b.st_ino && a.st_nlink == 2);
	CHECK_ERR(link("f", "g"), EEXIST);
	CHECK_ERR(link("nope", "h"), ENOENT);
	CHECK(mkdir("d", 0755) == 0);
	CHECK_ERR(link("d", "d2"), EPERM);
	CHECK_ERR(link("f", "nodir/x"), ENOENT);
	CHECK(unlink("f") == 0 && stat("g", &b) == 0 && b.st_nlink == 1);
	/* an open file outlives its last name */
	fd = open("g", O_RDONLY);
	CHECK(unlink("g") == 0);
	CHECK(fstat(fd, &b) == 0 && b.st_nlink == 0);
	char buf[8];
	CHECK(read(fd, buf, sizeof(buf)) == 4 && memcmp(buf, "data", 4) == 0);
	CHECK(close(fd) == 0);
	/* linkat: AT_SYMLINK_FOLLOW links the target, default links the symlink */
	fs_put("t", "t");
	CHECK(symlink("t", "st") == 0);
	CHECK(linkat(AT_FDCWD, "st", AT_FDCWD, "hl_link", 0) == 0);
	CHECK(linkat(AT_FDCWD, "st", AT_FDCWD, "hl_target", AT_SYMLINK_FOLLOW) == 0);
	CHECK(lstat("hl_link", &a) == 0 && S_ISLNK(a.st_mode));
	CHECK(lstat("hl_target", &a) == 0 && S_ISREG(a.st_mode) && a.st_nlink == 2);
	CHECK_ERR(linkat(AT_FDCWD, "t", AT_FDCWD, "x", 0x1), EINVAL);
}

static void symlinks(void)
{
	char buf[64];
	struct stat st;

	CHECK(symlink("d", "ld") == 0);
	CHECK(symlink("/tmp/fs_links/d", "abs") == 0);
	CHECK(symlink("../fs_links/d/../t", "rel") == 0);
	CHECK(stat("ld", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat("abs/", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(stat("rel", &st) == 0 && S_ISREG(st.st_mode));
	CHECK(readlink("rel", buf, sizeof(buf)) == 18 && memcmp(buf, "../fs_links/d/../t", 18) == 0);
	CHECK(readlink("rel", buf, 3) == 3 && memcmp(buf, "../", 3) == 0);	/* truncated, no NUL */
	CHECK_ERR(readlink("t", buf, sizeof(buf)), EINVAL);
	CHECK_ERR(syscall(SYS_readlink, "rel", buf, 0), EINVAL);	/* musl hides size 0 */
	CHECK_ERR(readlink("nope", buf, sizeof(buf)), ENOENT);
	CHECK_ERR(symlink("", "empty"), ENOENT);
	CHECK_ERR(symlink("x", "t"), EEXIST);
	CHECK_ERR(symlink("x", "ld"), EEXIST);
	CHECK(readlinkat(AT_FDCWD, "ld", buf, sizeof(buf)) == 1);
	/* a symlink to a file, with a trailing slash, is not a directory */
	CHECK(symlink("t", "lt") == 0);
	CHECK_ERR(stat("lt/", &st), ENOTDIR);
	/* intermediate symlinks are always followed */
	CHECK(close(open("ld/in", O_CREAT | O_RDWR, 0644)) == 0);
	CHECK(lstat("ld/in", &st) == 0 && S_ISREG(st.st_mode));
	CHECK(symlinkat("t", AT_FDCWD, "d/lnk") == 0);
	CHECK_ERR(stat("d/lnk", &st), ENOENT);			/* "t" relative to d/ */
}

static void loops(void)
{
	char name[32], prev[32];
	struct stat st;

	CHECK(symlink("loop2", "loop1") == 0 && symlink("loop1", "loop2") == 0);
	CHECK_ERR(stat("loop1", &st), ELOOP);
	CHECK_ERR(open("loop1", O_RDONLY), ELOOP);
	CHECK_ERR(open("loop1/x", O_RDONLY), ELOOP);
	CHECK(lstat("loop1", &st) == 0);
	CHECK(symlink("self", "self") == 0);
	CHECK_ERR(stat("self", &st), ELOOP);
	/* a chain: c0 -> t, c1 -> c0, ...  40 links resolve, 41 do not */
	CHECK(symlink("t", "c0") == 0);
	for (int i = 1; i <= 40; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		snprintf(prev, sizeof(prev), "c%d", i - 1);
		CHECK(symlink(prev, name) == 0);
	}
	CHECK(stat("c39", &st) == 0);
	CHECK_ERR(stat("c40", &st), ELOOP);
}

static void removal(void)
{
	struct stat st;

	CHECK_ERR(unlink("d"), EISDIR);
	CHECK_ERR(unlink("nope"), ENOENT);
	CHECK_ERR(unlink("t/"), ENOTDIR);
	CHECK_ERR(unlink("t/x"), ENOTDIR);
	CHECK_ERR(unlink("."), EISDIR);
	CHECK_ERR(unlinkat(AT_FDCWD, "t", 0x1), EINVAL);
	CHECK_ERR(unlinkat(AT_FDCWD, "t", AT_REMOVEDIR), ENOTDIR);
	CHECK(unlink("ld") == 0 && stat("d", &st) == 0);	/* removes the link only */
	CHECK(unlinkat(AT_FDCWD, "d/lnk", 0) == 0);
	CHECK(unlink("d/in") == 0 && unlinkat(AT_FDCWD, "d", AT_REMOVEDIR) == 0);
	CHECK_ERR(stat("abs", &st), ENOENT);			/* now dangling */
	CHECK(lstat("abs", &st) == 0);
}

static void dots(void)
{
	struct stat a, b;

	CHECK(mkdir("p", 0755) == 0 && mkdir("p/q", 0755) == 0);
	CHECK(stat("p/q/..", &a) == 0 && stat("p", &b) == 0 && a.st_ino == b.st_ino);
	CHECK(stat("p/./q/./", &a) == 0 && stat("p//q", &b) == 0 && a.st_ino == b.st_ino);
	CHECK(stat("/../../tmp", &a) == 0 && stat("/tmp", &b) == 0 && a.st_ino == b.st_ino);
	CHECK(stat("///tmp///fs_links", &a) == 0);
	CHECK_ERR(stat("t/..", &a), ENOTDIR);
	CHECK_ERR(stat("nope/..", &a), ENOENT);
}

int main(void)
{
	fs_scratch("fs_links");
	hard_links();
	symlinks();
	loops();
	removal();
	dots();
	return 0;
}
