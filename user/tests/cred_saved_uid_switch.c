/*
 * The saved set-user-ID lets an unprivileged process switch its effective
 * uid back and forth: with ids (1000, 1000, 0), seteuid(0) works and even
 * setuid(0) only changes the effective id (POSIX: unprivileged setuid
 * sets euid to ruid or suid); as euid 0, setuid(1000) then sets all three,
 * after which seteuid(0) is EPERM.  setreuid(-1, suid) likewise.
 */
#define _GNU_SOURCE
#include "utest.h"

static void ids(uid_t r, uid_t e, uid_t s)
{
	uid_t gr, ge, gs;

	CHECK(getresuid(&gr, &ge, &gs) == 0);
	if (gr != r || ge != e || gs != s)
		fprintf(stderr, "ids %d %d %d, expected %d %d %d\n", gr, ge, gs, r, e, s);
	CHECK(gr == r && ge == e && gs == s);
}

int main(void)
{
	pid_t child = utest_fork();

	if (child == 0) {
		CHECK(setresuid(1000, 1000, 0) == 0);
		ids(1000, 1000, 0);
		CHECK(seteuid(0) == 0);
		ids(1000, 0, 0);
		CHECK(seteuid(1000) == 0);
		ids(1000, 1000, 0);
		CHECK(setuid(0) == 0);		/* unprivileged: euid only */
		ids(1000, 0, 0);
		CHECK(setuid(1000) == 0);	/* privileged: all three */
		ids(1000, 1000, 1000);
		CHECK_ERRNO(seteuid(0), EPERM);
		CHECK_ERRNO(setuid(0), EPERM);

		/* setresuid(2000, ...) as an unprivileged process: EPERM. */
		CHECK_ERRNO(setresuid(2000, -1, -1), EPERM);
		_exit(0);
	}
	CHECK_CHILD_OK(child);

	child = utest_fork();
	if (child == 0) {
		CHECK(setresuid(1000, 2000, 0) == 0);
		CHECK(setreuid(-1, 0) == 0);	/* to the saved id */
		ids(1000, 0, 0);		/* euid != ruid: suid = new euid (0) */
		CHECK(setreuid(-1, 2000) == 0);	/* privileged now, any value */
		/* ruid unchanged and euid != old ruid: suid = new euid */
		ids(1000, 2000, 2000);
		CHECK_ERRNO(setreuid(-1, 0), EPERM);
		_exit(0);
	}
	CHECK_CHILD_OK(child);
	return 0;
}
