/*
 * FIFREEZE and FITHAW on file systems that cannot be frozen (tmpfs, the
 * initramfs root, proc): EOPNOTSUPP to freeze and EINVAL to thaw (it is
 * not frozen) for root, EPERM first for anyone else, as Linux's
 * ioctl_fsfreeze() and ioctl_fsthaw() check (busybox fsfreeze).
 */
#include <sys/ioctl.h>
#include "fs_util.h"

#define FIFREEZE	0xc0045877
#define FITHAW		0xc0045878

static void expect(const char *path, int freeze_err, int thaw_err)
{
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0);
	CHECK_ERRNO(ioctl(fd, FIFREEZE, 0), freeze_err);
	CHECK_ERRNO(ioctl(fd, FITHAW, 0), thaw_err);
	CHECK(close(fd) == 0);
}

int main(void)
{
	pid_t pid;

	expect("/", EOPNOTSUPP, EINVAL);
	expect("/proc", EOPNOTSUPP, EINVAL);
	expect("/tests", EOPNOTSUPP, EINVAL);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setuid(1000) == 0);
		expect("/", EPERM, EPERM);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	return 0;
}
