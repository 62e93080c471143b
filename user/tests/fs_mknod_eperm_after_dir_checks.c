/*
 * Bug: mknod(2) of a device by a non-root process said EPERM before
 * looking at the name and the directory.  Linux checks CAP_MKNOD last:
 * an existing name is EEXIST, a directory the caller may not write is
 * EACCES, a missing parent ENOENT; only then EPERM.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/sysmacros.h>
#include "fs_util.h"

int main(void)
{
	pid_t pid;

	CHECK(mkdir("/tmp/mknod-root-dir", 0755) == 0 || errno == EEXIST);
	pid = utest_fork();
	if (pid == 0) {
		dev_t dev = makedev(1, 3);

		CHECK(setgroups(0, NULL) == 0 && setgid(1000) == 0 && setuid(1000) == 0);
		CHECK_ERR(mknod("/tmp", S_IFCHR | 0600, dev), EEXIST);
		CHECK_ERR(mknod("/tmp/mknod-root-dir/null", S_IFCHR | 0600, dev), EACCES);
		CHECK_ERR(mknod("/tmp/no-such-dir/null", S_IFBLK | 0600, dev), ENOENT);
		CHECK_ERR(mknod("/tmp/mknod-null", S_IFCHR | 0600, dev), EPERM);
		CHECK_ERR(mknod("/tmp/mknod-dir", S_IFDIR | 0700, 0), EPERM);
		CHECK_ERR(mknod("/tmp/mknod-bad", 0170000 | 0600, 0), EINVAL);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(rmdir("/tmp/mknod-root-dir") == 0);
	return 0;
}
