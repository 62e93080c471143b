/*
 * prctl(PR_SET_NO_NEW_PRIVS): a sticky flag, inherited by fork and kept
 * by execve, under which a set-user-ID program runs with the caller's
 * ids; /proc/PID/status shows it.  Unused arguments must be 0 (EINVAL).
 * Also the capability prctls as Linux answers them for a process that
 * changed nothing: the bounding set has capabilities 0-40 (PR_CAPBSET_READ
 * is 1, EINVAL beyond), the ambient set is empty (IS_SET 0, RAISE EPERM
 * without inheritable capabilities, LOWER and CLEAR_ALL succeed).
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/prctl.h>
#include "fs_util.h"

#define PROG	"/tmp/nnp-prog"

static int status_nnp(void)
{
	char line[128];
	int v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	CHECK(f);
	while (fgets(line, sizeof(line), f))
		sscanf(line, "NoNewPrivs: %d", &v);
	fclose(f);
	return v;
}

static void copy_self_setuid_root(void)
{
	int in = open("/proc/self/exe", O_RDONLY), out = open(PROG, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	char buf[8192];
	ssize_t n;

	CHECK(in >= 0 && out >= 0);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		CHECK(write(out, buf, (size_t)n) == n);
	CHECK(n == 0 && close(in) == 0 && close(out) == 0);
	CHECK(chmod(PROG, 04755) == 0);
}

static void check_caps(void)
{
	CHECK(prctl(PR_CAPBSET_READ, 0, 0, 0, 0) == 1);
	CHECK(prctl(PR_CAPBSET_READ, 40, 0, 0, 0) == 1);
	CHECK_ERRNO(prctl(PR_CAPBSET_READ, 41, 0, 0, 0), EINVAL);
	CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 0, 0, 0) == 0);
	CHECK_ERRNO(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 41, 0, 0), EINVAL);
	CHECK_ERRNO(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, 0, 0, 0), EPERM);
	CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, 0, 0, 0) == 0);
	CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == 0);
	CHECK_ERRNO(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 1, 0, 0), EINVAL);
	CHECK_ERRNO(prctl(PR_CAP_AMBIENT, 9, 0, 0, 0), EINVAL);
}

int main(int argc, char **argv UTEST_UNUSED)
{
	char *again[] = { PROG, "after-exec", NULL };
	pid_t pid;

	if (argc == 2)		/* run set-user-ID root, but with no_new_privs */
		return geteuid() == 1000 && prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : 1;
	check_caps();
	CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0 && status_nnp() == 0);
	CHECK_ERRNO(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0), EINVAL);
	CHECK_ERRNO(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0), EINVAL);
	CHECK_ERRNO(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0), EINVAL);
	copy_self_setuid_root();
	pid = utest_fork();
	if (pid == 0) {
		CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0);
		CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 && status_nnp() == 1);
		CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0);	/* again: fine */
		CHECK(setgroups(0, NULL) == 0 && setgid(1000) == 0 && setuid(1000) == 0);
		execv(PROG, again);
		_exit(127);
	}
	CHECK_CHILD_OK(pid);
	CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0);	/* the parent never set it */
	CHECK(unlink(PROG) == 0);
	return 0;
}
