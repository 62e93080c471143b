/*
 * The memory devices and device nodes: /dev/null, /dev/zero, /dev/full,
 * /dev/urandom and /dev/random, a node made with mknod(2) behaving like
 * the original, and the console being a terminal.
 */
#include <sys/ioctl.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include "fs_util.h"

static void memory_devices(void)
{
	char buf[64], zero[64] = { 0 };
	struct stat st;
	int fd;

	fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 0);
	CHECK(write(fd, buf, sizeof(buf)) == sizeof(buf));
	CHECK(lseek(fd, 100, SEEK_SET) == 0);
	CHECK(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3));
	CHECK(close(fd) == 0);
	fd = open("/dev/zero", O_RDWR);
	memset(buf, 1, sizeof(buf));
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) && !memcmp(buf, zero, 64));
	CHECK(write(fd, buf, 10) == 10 && close(fd) == 0);
	fd = open("/dev/full", O_RDWR);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf));
	CHECK_ERR(write(fd, buf, 1), ENOSPC);
	CHECK(close(fd) == 0);
	fd = open("/dev/urandom", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf));
	CHECK(memcmp(buf, zero, sizeof(buf)) != 0);
	CHECK(close(fd) == 0);
	fd = open("/dev/random", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, 16) == 16 && close(fd) == 0);
}

static void nodes(void)
{
	char buf[8];
	struct stat st;
	int fd;

	CHECK(mknod("mynull", S_IFCHR | 0666, makedev(1, 3)) == 0);
	CHECK(stat("mynull", &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1);
	fd = open("mynull", O_RDWR);
	CHECK(fd >= 0 && write(fd, "x", 1) == 1 && read(fd, buf, 1) == 0 && close(fd) == 0);
	CHECK(mknod("nodev", S_IFCHR | 0666, makedev(240, 77)) == 0);	/* nobody serves it */
	CHECK_ERR(open("nodev", O_RDWR), ENXIO);
	CHECK(mknod("plain", S_IFREG | 0600, 0) == 0);
	CHECK(stat("plain", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0);
	CHECK_ERR(mknod("dir", S_IFDIR | 0755, 0), EPERM);
	CHECK_ERR(mknod("bad", 0170000 | 0644, 0), EINVAL);
	CHECK_ERR(mknod("mynull", S_IFCHR | 0666, makedev(1, 3)), EEXIST);
}

static void console(void)
{
	struct termios t;
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);

	CHECK(fd >= 0);
	CHECK(isatty(fd) && tcgetattr(fd, &t) == 0);
	CHECK_ERR(lseek(fd, 0, SEEK_SET), ESPIPE);
	CHECK(close(fd) == 0);
}

int main(void)
{
	fs_need_dev();
	fs_scratch("fs_devices");
	memory_devices();
	nodes();
	console();
	return 0;
}
