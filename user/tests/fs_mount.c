/*
 * Mounts: mount(2) of tmpfs with options, crossing mount points with
 * ".." and in getcwd, EXDEV for links and renames across them, EBUSY for
 * a busy umount or removing a mount point, bind mounts, lazy umount
 * (MNT_DETACH), read-only mounts (EROFS), and unknown types (ENODEV).
 */
#include <sys/statfs.h>
#include <sys/syscall.h>
#include "fs_util.h"

static void basic(void)
{
	struct statfs sf;
	struct stat root, mnt, st;
	char buf[128];
	int fd;

	CHECK(mkdir("m", 0755) == 0 && stat("m", &root) == 0);
	CHECK(mount("none", "m", "tmpfs", 0, "mode=0700") == 0);
	CHECK(stat("m", &mnt) == 0 && mnt.st_dev != root.st_dev);
	CHECK((mnt.st_mode & 07777) == 0700);
	CHECK(statfs("m", &sf) == 0 && sf.f_type == 0x01021994);
	fs_put("m/file", "data");
	CHECK(stat("m/..", &st) == 0 && st.st_dev == root.st_dev);	/* ".." leaves the mount */
	CHECK(chdir("m") == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, "/tmp/fs_mount/m") == 0);
	CHECK(chdir("..") == 0);
	/* nothing crosses a mount */
	fs_put("outside", "o");
	CHECK_ERR(link("outside", "m/in"), EXDEV);
	CHECK_ERR(rename("outside", "m/in"), EXDEV);
	CHECK_ERR(rename("m/file", "moved"), EXDEV);
	/* busy */
	CHECK_ERR(rmdir("m"), EBUSY);
	fd = open("m/file", O_RDONLY);
	CHECK_ERR(umount("m"), EBUSY);
	CHECK(close(fd) == 0);
	CHECK(chdir("m") == 0);
	CHECK_ERR(umount("/tmp/fs_mount/m"), EBUSY);
	CHECK(chdir("..") == 0);
	CHECK_ERR(umount("outside"), EINVAL);		/* not a mount point */
	CHECK(umount("m") == 0);
	CHECK_ERR(stat("m/file", &st), ENOENT);		/* the tmpfs is gone */
	CHECK(stat("m", &st) == 0 && st.st_dev == root.st_dev);
}

static void stacking_and_binds(void)
{
	struct stat a, b;

	CHECK(mkdir("b", 0755) == 0 && mkdir("src", 0755) == 0);
	fs_put("src/f", "bound");
	CHECK(mount("src", "b", NULL, MS_BIND, NULL) == 0);
	CHECK(stat("b/f", &a) == 0 && stat("src/f", &b) == 0 && a.st_ino == b.st_ino);
	fs_put("b/g", "");
	CHECK(stat("src/g", &a) == 0);			/* one tree, two places */
	CHECK(umount("b") == 0 && stat("b/f", &a) != 0);
	/* a mount on a mount */
	CHECK(mount("none", "b", "tmpfs", 0, NULL) == 0);
	CHECK(mount("none", "b", "tmpfs", 0, NULL) == 0);
	fs_put("b/top", "");
	CHECK(umount("b") == 0 && stat("b/top", &a) != 0);
	CHECK(umount("b") == 0);
}

static void lazy_and_readonly(void)
{
	struct stat st;
	int dfd, fd;

	CHECK(mkdir("z", 0755) == 0);
	CHECK(mount("none", "z", "tmpfs", 0, NULL) == 0);
	fs_put("z/kept", "k");
	dfd = open("z", O_RDONLY | O_DIRECTORY);
	CHECK(umount2("z", MNT_DETACH) == 0);
	CHECK_ERR(stat("z/kept", &st), ENOENT);
	fd = openat(dfd, "kept", O_RDONLY);		/* still reachable through dfd */
	CHECK(fd >= 0 && close(fd) == 0 && close(dfd) == 0);
	CHECK(mount("none", "z", "tmpfs", MS_RDONLY, NULL) == 0);
	CHECK_ERR(open("z/new", O_CREAT | O_WRONLY, 0644), EROFS);
	CHECK_ERR(mkdir("z/d", 0755), EROFS);
	CHECK(mount("none", "z", NULL, MS_REMOUNT, NULL) == 0);
	fs_put("z/new", "");
	CHECK(umount("z") == 0);
	CHECK_ERR(mount("none", "z", "nosuchfs", 0, NULL), ENODEV);
	CHECK_ERR(mount("none", "nope", "tmpfs", 0, NULL), ENOENT);
	CHECK_ERR(umount2("z", 0x100), EINVAL);
}

int main(void)
{
	fs_scratch("fs_mount");
	basic();
	stacking_and_binds();
	lazy_and_readonly();
	return 0;
}
