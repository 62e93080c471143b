/*
 * openat2(2): the strict argument checks (struct size, unknown flags, mode
 * rules, O_PATH combinations, RESOLVE_CACHED) and each RESOLVE_* walk
 * restriction: symlinks, magic links, mount crossings, BENEATH and IN_ROOT.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "utest.h"

struct open_how {
	uint64_t flags, mode, resolve;
};

#define RESOLVE_NO_XDEV		0x01
#define RESOLVE_NO_MAGICLINKS	0x02
#define RESOLVE_NO_SYMLINKS	0x04
#define RESOLVE_BENEATH		0x08
#define RESOLVE_IN_ROOT		0x10
#define RESOLVE_CACHED		0x20

static int openat2(int dirfd, const char *path, const struct open_how *how, size_t size)
{
	return (int)syscall(437, dirfd, path, how, size);
}

/* Open with flags and resolve; the fd is closed at once.  0 or errno. */
static int try_open(int dirfd, const char *path, uint64_t flags, uint64_t resolve)
{
	struct open_how how = { .flags = flags, .resolve = resolve };
	int fd = openat2(dirfd, path, &how, sizeof(how));

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static void check_argument_rules(void)
{
	struct open_how how = { .flags = O_RDONLY };
	unsigned char big[64] = { 0 };
	int fd;

	CHECK_ERRNO(openat2(AT_FDCWD, "/", &how, 0), EINVAL);
	CHECK_ERRNO(openat2(AT_FDCWD, "/", &how, 23), EINVAL);
	CHECK_ERRNO(openat2(AT_FDCWD, "/", &how, 4097), E2BIG);
	CHECK_ERRNO(openat2(AT_FDCWD, "/", (void *)8, sizeof(how)), EFAULT);
	/* A longer struct is fine while its extra bytes are zero. */
	fd = openat2(AT_FDCWD, "/", (struct open_how *)big, sizeof(big));
	CHECK(fd >= 0);
	close(fd);
	big[40] = 1;
	CHECK_ERRNO(openat2(AT_FDCWD, "/", (struct open_how *)big, sizeof(big)), E2BIG);

	CHECK(try_open(AT_FDCWD, "/", 1ull << 32, 0) == EINVAL);	/* unknown flag */
	CHECK(try_open(AT_FDCWD, "/", O_RDONLY, 0x40) == EINVAL);	/* unknown resolve */
	CHECK(try_open(AT_FDCWD, "/", O_RDONLY, RESOLVE_BENEATH | RESOLVE_IN_ROOT) == EINVAL);
	how = (struct open_how){ .flags = O_RDONLY, .mode = 0644 };	/* mode without O_CREAT */
	CHECK_ERRNO(openat2(AT_FDCWD, "/", &how, sizeof(how)), EINVAL);
	how = (struct open_how){ .flags = O_CREAT | O_WRONLY, .mode = 010644 };
	CHECK_ERRNO(openat2(AT_FDCWD, "/tmp/oa2/new", &how, sizeof(how)), EINVAL);
	CHECK(try_open(AT_FDCWD, "/", O_PATH | O_RDWR, 0) == EINVAL);
	CHECK(try_open(AT_FDCWD, "/", O_PATH | O_DIRECTORY, 0) == 0);
	CHECK(try_open(AT_FDCWD, "/tmp/oa2/new", O_CREAT | O_WRONLY, RESOLVE_CACHED) == EAGAIN);
	CHECK(try_open(AT_FDCWD, "/tmp/oa2/dir/file", O_RDONLY, RESOLVE_CACHED) == 0);

	how = (struct open_how){ .flags = O_RDONLY | O_CLOEXEC };
	fd = openat2(AT_FDCWD, "/tmp/oa2/dir/file", &how, sizeof(how));
	CHECK(fd >= 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	close(fd);
}

static void check_symlink_rules(void)
{
	char path[64];
	int fd = open("/tmp/oa2/dir/file", O_RDONLY);

	CHECK(try_open(AT_FDCWD, "/tmp/oa2/rel", O_RDONLY, 0) == 0);
	CHECK(try_open(AT_FDCWD, "/tmp/oa2/rel", O_RDONLY, RESOLVE_NO_SYMLINKS) == ELOOP);
	CHECK(try_open(AT_FDCWD, "/tmp/oa2/up/oa2/dir/file", O_RDONLY, RESOLVE_NO_SYMLINKS) == ELOOP);
	/* Not following the last component is not following a symlink. */
	CHECK(try_open(AT_FDCWD, "/tmp/oa2/rel", O_PATH | O_NOFOLLOW, RESOLVE_NO_SYMLINKS) == 0);
	/* /proc/self is an ordinary symlink; /proc/self/fd/N is a magic one. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	CHECK(try_open(AT_FDCWD, path, O_RDONLY, 0) == 0);
	CHECK(try_open(AT_FDCWD, path, O_RDONLY, RESOLVE_NO_MAGICLINKS) == ELOOP);
	CHECK(try_open(AT_FDCWD, "/proc/self/status", O_RDONLY, RESOLVE_NO_MAGICLINKS) == 0);
	CHECK(try_open(AT_FDCWD, path, O_RDONLY, RESOLVE_NO_SYMLINKS) == ELOOP);
	close(fd);
}

static void check_mount_rules(void)
{
	int root = open("/", O_PATH | O_DIRECTORY);
	int proc = open("/proc", O_PATH | O_DIRECTORY);

	CHECK(root >= 0 && proc >= 0);
	CHECK(try_open(root, "tmp/oa2/dir/file", O_RDONLY, RESOLVE_NO_XDEV) == 0);
	CHECK(try_open(root, "proc/uptime", O_RDONLY, 0) == 0);
	CHECK(try_open(root, "proc/uptime", O_RDONLY, RESOLVE_NO_XDEV) == EXDEV);
	CHECK(try_open(proc, "uptime", O_RDONLY, RESOLVE_NO_XDEV) == 0);
	CHECK(try_open(proc, "../tmp/oa2/dir/file", O_RDONLY, RESOLVE_NO_XDEV) == EXDEV);
	close(root);
	close(proc);
}

static void check_scoped_rules(void)
{
	int top = open("/tmp/oa2", O_PATH | O_DIRECTORY);
	int dir = open("/tmp/oa2/dir", O_PATH | O_DIRECTORY);

	CHECK(top >= 0 && dir >= 0);
	/* BENEATH: never leave dirfd, by "..", "/" or an absolute symlink. */
	CHECK(try_open(dir, "file", O_RDONLY, RESOLVE_BENEATH) == 0);
	CHECK(try_open(top, "dir/../dir/file", O_RDONLY, RESOLVE_BENEATH) == 0);
	CHECK(try_open(top, "rel", O_RDONLY, RESOLVE_BENEATH) == 0);
	CHECK(try_open(dir, "../dir/file", O_RDONLY, RESOLVE_BENEATH) == EXDEV);
	CHECK(try_open(dir, "/tmp/oa2/dir/file", O_RDONLY, RESOLVE_BENEATH) == EXDEV);
	CHECK(try_open(top, "abs", O_RDONLY, RESOLVE_BENEATH) == EXDEV);
	/* IN_ROOT: dirfd is "/", and ".." stops there. */
	CHECK(try_open(top, "/dir/file", O_RDONLY, RESOLVE_IN_ROOT) == 0);
	CHECK(try_open(top, "../../../dir/file", O_RDONLY, RESOLVE_IN_ROOT) == 0);
	CHECK(try_open(top, "abs", O_RDONLY, RESOLVE_IN_ROOT) == ENOENT);	/* /tmp/oa2 inside */
	CHECK(try_open(top, "rel", O_RDONLY, RESOLVE_IN_ROOT) == 0);
	close(top);
	close(dir);
}

int main(void)
{
	int fd;

	CHECK(mkdir("/tmp/oa2", 0755) == 0 && mkdir("/tmp/oa2/dir", 0755) == 0);
	fd = open("/tmp/oa2/dir/file", O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0 && write(fd, "x", 1) == 1);
	close(fd);
	CHECK(symlink("dir/file", "/tmp/oa2/rel") == 0);
	CHECK(symlink("/tmp/oa2/dir/file", "/tmp/oa2/abs") == 0);
	CHECK(symlink("..", "/tmp/oa2/up") == 0);

	check_argument_rules();
	check_symlink_rules();
	check_mount_rules();
	check_scoped_rules();
	return 0;
}
