/*
 * open(2), openat(2), creat(2), close(2): creation flags, access modes,
 * lookups relative to directory descriptors, and the errors Linux gives.
 */
#include <limits.h>
#include <sys/syscall.h>
#include "fs_util.h"

static void creation_flags(void)
{
	char buf[16];
	int fd;

	CHECK_ERR(open("f", O_RDONLY), ENOENT);
	fd = open("f", O_RDWR | O_CREAT | O_EXCL, 0640);
	CHECK(fd >= 0);
	CHECK(write(fd, "hello", 5) == 5);
	CHECK(close(fd) == 0);
	CHECK_ERR(open("f", O_RDWR | O_CREAT | O_EXCL, 0640), EEXIST);
	fd = open("f", O_RDWR | O_CREAT, 0600);		/* exists: just opens */
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 5);
	CHECK(close(fd) == 0);
	fd = open("f", O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	CHECK(lseek(fd, 0, SEEK_END) == 0);
	CHECK(close(fd) == 0);
	fd = creat("g", 0600);
	CHECK(fd >= 0);
	CHECK_ERR(read(fd, buf, 1), EBADF);		/* creat is O_WRONLY */
	CHECK(close(fd) == 0);
}

static void append(void)
{
	char buf[16];
	int fd = open("a", O_WRONLY | O_CREAT | O_APPEND, 0644);

	CHECK(fd >= 0);
	CHECK(write(fd, "ab", 2) == 2);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(write(fd, "cd", 2) == 2);			/* still at the end */
	CHECK(lseek(fd, 0, SEEK_CUR) == 4);
	CHECK(close(fd) == 0);
	fd = open("a", O_RDONLY);
	CHECK(read(fd, buf, sizeof(buf)) == 4 && memcmp(buf, "abcd", 4) == 0);
	CHECK(close(fd) == 0);
}

static void types(void)
{
	int fd;

	CHECK(mkdir("d", 0755) == 0);
	CHECK_ERR(open("d", O_WRONLY), EISDIR);
	CHECK_ERR(open("d", O_RDWR), EISDIR);
	CHECK_ERR(open("d", O_RDONLY | O_CREAT, 0644), EISDIR);
	fd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0 && close(fd) == 0);
	CHECK_ERR(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(open("f/x", O_RDONLY), ENOTDIR);
	CHECK_ERR(open("f/", O_RDONLY), ENOTDIR);
	CHECK_ERR(open("new/", O_RDWR | O_CREAT, 0644), EISDIR);
	CHECK_ERR(open("nodir/x", O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_ERR(open("", O_RDONLY), ENOENT);
	fd = open("d/", O_RDONLY);
	CHECK(fd >= 0 && close(fd) == 0);
}

static void symlinks(void)
{
	char buf[8];
	int fd;

	CHECK(symlink("f", "lf") == 0);
	CHECK_ERR(open("lf", O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = open("lf", O_RDONLY);
	CHECK(fd >= 0 && close(fd) == 0);
	/* O_CREAT through a dangling link creates its target, O_EXCL refuses. */
	CHECK(symlink("target", "dangling") == 0);
	CHECK_ERR(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	fd = open("dangling", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0 && write(fd, "t", 1) == 1 && close(fd) == 0);
	fd = open("target", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 1 && close(fd) == 0);
	/* O_PATH|O_NOFOLLOW opens the link itself. */
	fd = open("lf", O_PATH | O_NOFOLLOW);
	CHECK(fd >= 0);
	CHECK(readlinkat(fd, "", buf, sizeof(buf)) == 1 && buf[0] == 'f');
	CHECK(close(fd) == 0);
}

static void dirfds(void)
{
	struct stat st;
	int dfd = open("d", O_RDONLY | O_DIRECTORY), fd, ffd;

	CHECK(dfd >= 0);
	fd = openat(dfd, "inner", O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0 && close(fd) == 0);
	CHECK(stat("d/inner", &st) == 0);
	fd = openat(dfd, "../f", O_RDONLY);		/* ".." from the dirfd */
	CHECK(fd >= 0 && close(fd) == 0);
	fd = openat(AT_FDCWD, "d/inner", O_RDONLY);
	CHECK(fd >= 0 && close(fd) == 0);
	fd = openat(-1, "/tmp", O_RDONLY);		/* absolute: dirfd ignored */
	CHECK(fd >= 0 && close(fd) == 0);
	CHECK_ERR(openat(-1, "f", O_RDONLY), EBADF);
	CHECK_ERR(openat(999, "f", O_RDONLY), EBADF);
	ffd = open("f", O_RDONLY);
	CHECK_ERR(openat(ffd, "x", O_RDONLY), ENOTDIR);
	CHECK(close(ffd) == 0);
	CHECK(close(dfd) == 0);
}

static void o_path(void)
{
	struct stat st;
	char c;
	int fd = open("f", O_PATH);

	CHECK(fd >= 0);
	CHECK_ERR(read(fd, &c, 1), EBADF);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode));
	CHECK((fcntl(fd, F_GETFL) & O_PATH) == O_PATH);
	CHECK(close(fd) == 0);
	fd = open("d", O_PATH | O_DIRECTORY);
	CHECK(fd >= 0 && fchdir(fd) == 0 && chdir("..") == 0);
	CHECK(close(fd) == 0);
}

static void names(void)
{
	static char longname[NAME_MAX + 2], longpath[PATH_MAX + 8];

	memset(longname, 'n', NAME_MAX + 1);
	CHECK_ERR(open(longname, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG);
	longname[NAME_MAX] = '\0';			/* exactly NAME_MAX: fine */
	CHECK(close(open(longname, O_RDONLY | O_CREAT, 0644)) == 0);
	for (size_t i = 0; i + 2 < sizeof(longpath); i += 2)
		memcpy(longpath + i, "./", 2);
	CHECK_ERR(open(longpath, O_RDONLY), ENAMETOOLONG);
	CHECK_ERR(open((const char *)1, O_RDONLY), EFAULT);
	CHECK_ERR(syscall(SYS_open, NULL, O_RDONLY), EFAULT);
}

static void closing(void)
{
	int fd = open("f", O_RDONLY);

	CHECK(fd >= 0);
	CHECK(close(fd) == 0);
	CHECK_ERR(close(fd), EBADF);
	CHECK_ERR(close(-1), EBADF);
	CHECK(open("f", O_RDONLY) == fd);		/* lowest free number again */
	CHECK(close(fd) == 0);
}

int main(void)
{
	fs_scratch("fs_open");
	creation_flags();
	append();
	types();
	symlinks();
	dirfds();
	o_path();
	names();
	closing();
	return 0;
}
