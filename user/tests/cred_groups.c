/*
 * Supplementary groups: root sets them with setgroups and reads them back
 * with getgroups (same order); getgroups(0, NULL) returns the count, a
 * too-small buffer is EINVAL; more than NGROUPS_MAX (65536) is EINVAL; a
 * forked child inherits them; a non-root process cannot set them (EPERM)
 * but can read them.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/syscall.h>
#include "utest.h"

int main(void)
{
	gid_t set[3] = { 10, 20, 30 }, got[8];
	static gid_t many[65537];
	pid_t child;

	CHECK(setgroups(3, set) == 0);
	CHECK(getgroups(0, NULL) == 3);
	CHECK(getgroups(8, got) == 3);
	CHECK(got[0] == 10 && got[1] == 20 && got[2] == 30);
	CHECK_ERRNO(getgroups(2, got), EINVAL);
	CHECK_ERRNO(syscall(SYS_setgroups, 65537, many), EINVAL);

	child = utest_fork();
	if (child == 0) {
		CHECK(getgroups(8, got) == 3 && got[2] == 30);
		CHECK(setresgid(1000, 1000, 1000) == 0);
		CHECK(setresuid(1000, 1000, 1000) == 0);
		CHECK(getgroups(8, got) == 3);		/* kept: we did not drop them */
		CHECK_ERRNO(setgroups(1, set), EPERM);
		CHECK_ERRNO(setgroups(0, NULL), EPERM);
		_exit(0);
	}
	CHECK_CHILD_OK(child);

	CHECK(setgroups(0, NULL) == 0);
	CHECK(getgroups(0, NULL) == 0);
	return 0;
}
