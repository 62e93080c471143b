/*
 * Dropping root for good: setgroups(0), setresgid(1000, 1000, 1000), then
 * setresuid(1000, 1000, 1000).  Afterwards every id reads 1000, and
 * getting root back fails with EPERM: setuid(0), seteuid(0),
 * setresuid(-1, 0, -1), setgid(0), setgroups; signalling a root process
 * (init, our parent) is EPERM too.  Setting the ids one already has
 * succeeds, and so does a fork, whose child has the same ids.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <signal.h>
#include "utest.h"

static void check_all(uid_t want)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;

	CHECK(getresuid(&r, &e, &s) == 0);
	CHECK(r == want && e == want && s == want);
	CHECK(getresgid(&gr, &ge, &gs) == 0);
	CHECK(gr == want && ge == want && gs == want);
	CHECK(getuid() == want && geteuid() == want);
}

int main(void)
{
	pid_t parent = getpid(), child;

	child = utest_fork();
	if (child == 0) {
		gid_t g = 0;
		pid_t grandchild;

		CHECK(setgroups(0, NULL) == 0);
		CHECK(setresgid(1000, 1000, 1000) == 0);
		CHECK(setresuid(1000, 1000, 1000) == 0);
		check_all(1000);
		CHECK(getgroups(0, NULL) == 0);

		CHECK_ERRNO(setuid(0), EPERM);
		CHECK_ERRNO(seteuid(0), EPERM);
		CHECK_ERRNO(setresuid(-1, 0, -1), EPERM);
		CHECK_ERRNO(setreuid(0, -1), EPERM);
		CHECK_ERRNO(setgid(0), EPERM);
		CHECK_ERRNO(setgroups(1, &g), EPERM);
		CHECK_ERRNO(kill(1, 0), EPERM);
		CHECK_ERRNO(kill(parent, 0), EPERM);
		check_all(1000);

		CHECK(setuid(1000) == 0);
		CHECK(setresuid(-1, -1, -1) == 0);
		CHECK(kill(getpid(), 0) == 0);
		grandchild = utest_fork();
		if (grandchild == 0) {
			check_all(1000);
			_exit(0);
		}
		CHECK_CHILD_OK(grandchild);
		_exit(0);
	}
	CHECK_CHILD_OK(child);
	CHECK(getuid() == 0 && geteuid() == 0);
	return 0;
}
