/*
 * A process that dropped root (setgroups, setgid, setuid to 1000) gets
 * Linux's errno for what only root may do: open a root 0600 file (EACCES),
 * write a root 0644 file (EACCES, while reading it works), signal a root
 * process or init (EPERM), reboot(2) with any command and even bad magic
 * (EPERM: the privilege is checked first), sethostname (EPERM), chown
 * (EPERM), mknod of a device (EPERM) while a FIFO is fine, mount and
 * umount (EPERM).
 */
#define _GNU_SOURCE
#include <grp.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include "fs_util.h"

#define DIR_ "/tmp/nonroot"

static void drop_root(void)
{
	CHECK(setgroups(0, NULL) == 0);
	CHECK(setgid(1000) == 0);
	CHECK(setuid(1000) == 0);
	CHECK(getuid() == 1000 && geteuid() == 1000 && getegid() == 1000);
}

static void check_files(void)
{
	int fd;

	CHECK_ERR(open(DIR_ "/secret", O_RDONLY), EACCES);
	CHECK_ERR(open(DIR_ "/public", O_WRONLY), EACCES);
	CHECK_ERR(open(DIR_ "/public", O_RDWR | O_TRUNC), EACCES);
	CHECK_ERR(truncate(DIR_ "/public", 0), EACCES);
	CHECK_ERR(unlink(DIR_ "/public"), EACCES);	/* root's 0755 directory */
	CHECK_ERR(open(DIR_ "/new", O_WRONLY | O_CREAT, 0644), EACCES);
	fd = open(DIR_ "/public", O_RDONLY);
	CHECK(fd >= 0);
	CHECK(close(fd) == 0);
	CHECK_ERR(chown(DIR_ "/public", 1000, 1000), EPERM);
	CHECK_ERR(chmod(DIR_ "/public", 0666), EPERM);
	/* Our own file: giving it away is root's privilege too. */
	fd = open("/tmp/nonroot-own", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(close(fd) == 0);
	CHECK_ERR(chown("/tmp/nonroot-own", 0, -1), EPERM);
	CHECK(chown("/tmp/nonroot-own", 1000, 1000) == 0);	/* no change is allowed */
	CHECK(unlink("/tmp/nonroot-own") == 0);
	CHECK_ERR(mknod("/tmp/nonroot-null", S_IFCHR | 0666, makedev(1, 3)), EPERM);
	CHECK_ERR(mknod("/tmp/nonroot-blk", S_IFBLK | 0666, makedev(7, 0)), EPERM);
	CHECK(mknod("/tmp/nonroot-fifo", S_IFIFO | 0666, 0) == 0);
	CHECK(unlink("/tmp/nonroot-fifo") == 0);
}

static void check_system(pid_t root_child)
{
	CHECK_ERR(kill(root_child, SIGTERM), EPERM);
	CHECK_ERR(kill(root_child, 0), EPERM);
	CHECK_ERR(kill(1, SIGTERM), EPERM);
	CHECK_ERR(syscall(SYS_reboot, 0, 0, 0, NULL), EPERM);	/* bad magic: still EPERM */
	CHECK_ERR(reboot(RB_DISABLE_CAD), EPERM);
	CHECK_ERR(reboot(RB_POWER_OFF), EPERM);
	CHECK_ERR(sethostname("intruder", 8), EPERM);
	CHECK_ERR(setdomainname("intruder", 8), EPERM);
	CHECK_ERR(mount("none", DIR_ "/mnt", "tmpfs", 0, NULL), EPERM);
	CHECK_ERR(umount("/tmp"), EPERM);
	CHECK_ERR(setuid(0), EPERM);
}

int main(void)
{
	pid_t root_child, child;
	int fd;

	umask(022);
	CHECK(mkdir(DIR_, 0755) == 0 || errno == EEXIST);
	CHECK(mkdir(DIR_ "/mnt", 0777) == 0 || errno == EEXIST);
	fd = open(DIR_ "/secret", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && write(fd, "s", 1) == 1 && close(fd) == 0);
	fd = open(DIR_ "/public", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, "p", 1) == 1 && close(fd) == 0);

	root_child = utest_fork();
	if (root_child == 0) {
		pause();
		_exit(0);
	}
	child = utest_fork();
	if (child == 0) {
		drop_root();
		check_files();
		check_system(root_child);
		_exit(0);
	}
	CHECK_CHILD_OK(child);
	/* The root child was never touched: root can still signal it. */
	CHECK(kill(root_child, SIGTERM) == 0);
	CHECK(WIFSIGNALED(utest_wait(root_child)));
	CHECK(unlink(DIR_ "/secret") == 0);
	CHECK(unlink(DIR_ "/public") == 0);
	CHECK(rmdir(DIR_ "/mnt") == 0);
	CHECK(rmdir(DIR_) == 0);
	return 0;
}
