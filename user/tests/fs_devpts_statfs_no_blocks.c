/*
 * devpts has no space of its own: statfs(2) on it gives its magic and no
 * blocks or files (Linux's simple_statfs), which is how df knows to leave
 * it out.  A tmpfs next to it does report a size.
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include "utest.h"

#define DEVPTS_SUPER_MAGIC	0x1cd1
#define TMPFS_MAGIC		0x01021994

int main(void)
{
	struct statfs sf;

	CHECK(mkdir("/tmp/statfs_pts", 0755) == 0 || errno == EEXIST);
	CHECK(mount("devpts", "/tmp/statfs_pts", "devpts", 0, NULL) == 0);
	memset(&sf, 0xff, sizeof(sf));
	CHECK(statfs("/tmp/statfs_pts", &sf) == 0);
	CHECK(sf.f_type == DEVPTS_SUPER_MAGIC);
	CHECK(sf.f_blocks == 0 && sf.f_bfree == 0 && sf.f_bavail == 0);
	CHECK(sf.f_files == 0 && sf.f_ffree == 0);
	CHECK(sf.f_namelen == 255);
	CHECK(umount("/tmp/statfs_pts") == 0);

	CHECK(mount("tmpfs", "/tmp/statfs_pts", "tmpfs", 0, NULL) == 0);
	CHECK(statfs("/tmp/statfs_pts", &sf) == 0);
	CHECK(sf.f_type == TMPFS_MAGIC && sf.f_blocks > 0 && sf.f_files > 0);
	CHECK(umount("/tmp/statfs_pts") == 0);
	CHECK(rmdir("/tmp/statfs_pts") == 0);
	return 0;
}
