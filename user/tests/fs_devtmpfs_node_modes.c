/*
 * The modes devtmpfs gives device nodes without udev: 0600 unless the
 * driver says otherwise, so the serial line /dev/ttyS0 and /dev/console
 * are root's alone, while /dev/tty, /dev/ptmx, /dev/null and /dev/zero
 * are for everyone (0666).  Mounted on a directory of our own, so the
 * test sees devtmpfs whatever /dev holds.
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "utest.h"

#define DIR "/tmp/devtmpfs_modes"

static void check_node(const char *name, unsigned major, unsigned minor, unsigned mode)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), DIR "/%s", name);
	CHECK(stat(path, &st) == 0);
	if (!S_ISCHR(st.st_mode) || (st.st_mode & 07777) != mode ||
	    major(st.st_rdev) != major || minor(st.st_rdev) != minor ||
	    st.st_uid != 0 || st.st_gid != 0) {
		fprintf(stderr, "%s: mode %o, dev %u:%u, owner %u:%u\n", name,
			st.st_mode, major(st.st_rdev), minor(st.st_rdev), st.st_uid, st.st_gid);
		exit(1);
	}
}

int main(void)
{
	CHECK(mkdir(DIR, 0755) == 0 || errno == EEXIST);
	CHECK(mount("devtmpfs", DIR, "devtmpfs", 0, NULL) == 0);
	check_node("ttyS0", 4, 64, 0600);
	check_node("console", 5, 1, 0600);
	check_node("tty", 5, 0, 0666);
	check_node("ptmx", 5, 2, 0666);
	check_node("null", 1, 3, 0666);
	check_node("zero", 1, 5, 0666);
	CHECK(umount(DIR) == 0);
	CHECK(rmdir(DIR) == 0);
	return 0;
}
