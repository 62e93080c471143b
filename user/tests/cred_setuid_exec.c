/*
 * execve of a set-user-ID or set-group-ID program: the effective id
 * becomes the file's owner (group), the saved ids follow the effective
 * ones, and the auxiliary vector tells libc (AT_UID, AT_EUID, AT_GID,
 * AT_EGID, AT_SECURE).  Set-group-ID needs group execute; a nosuid mount
 * ignores both bits; a plain program resets the saved ids to the
 * effective ones.  The program is a copy of this test, which re-executed
 * as "report" compares its ids with the ones it is told to expect.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include "fs_util.h"

#define DIR_	"/tmp/setuid-exec"
#define PROG	DIR_ "/prog"
#define NOSUID	DIR_ "/nosuid"

/* argv: report ruid euid suid rgid egid sgid secure */
static int report(char **argv)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;
	unsigned long want[7];

	for (int i = 0; i < 7; i++)
		want[i] = strtoul(argv[i + 2], NULL, 10);
	CHECK(getresuid(&r, &e, &s) == 0 && getresgid(&rg, &eg, &sg) == 0);
	if (r != want[0] || e != want[1] || s != want[2] || rg != want[3] || eg != want[4] ||
	    sg != want[5])
		fprintf(stderr, "report: uids %u %u %u gids %u %u %u\n", r, e, s, rg, eg, sg);
	CHECK(r == want[0] && e == want[1] && s == want[2]);
	CHECK(rg == want[3] && eg == want[4] && sg == want[5]);
	CHECK((unsigned long)setfsuid(-1) == e && (unsigned long)setfsgid(-1) == eg);
	CHECK(getauxval(AT_UID) == r && getauxval(AT_EUID) == e);
	CHECK(getauxval(AT_GID) == rg && getauxval(AT_EGID) == eg);
	CHECK(getauxval(AT_SECURE) == want[6]);
	return 0;
}

static void copy_self(const char *to, uid_t uid, gid_t gid, mode_t mode)
{
	int in = open("/proc/self/exe", O_RDONLY), out;
	char buf[8192];
	ssize_t n;

	CHECK(in >= 0);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	CHECK(out >= 0);
	while ((n = read(in, buf, sizeof(buf))) > 0)
		CHECK(write(out, buf, (size_t)n) == n);
	CHECK(n == 0 && close(in) == 0 && close(out) == 0);
	CHECK(chown(to, uid, gid) == 0);
	CHECK(chmod(to, mode) == 0);	/* after chown, which clears the set-id bits */
}

/* Run prog in a child with ids (r, e, s) for both users and groups. */
static void run_as(const char *prog, uid_t r, uid_t e, uid_t s, gid_t g, const char *want)
{
	char cmd[256], *args[10], *save = NULL;
	int n = 0;
	pid_t pid;

	snprintf(cmd, sizeof(cmd), "%s report %s", prog, want);
	for (char *w = strtok_r(cmd, " ", &save); w && n < 9; w = strtok_r(NULL, " ", &save))
		args[n++] = w;
	args[n] = NULL;
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setgroups(0, NULL) == 0);
		CHECK(setresgid(g, g, g) == 0);
		CHECK(setresuid(r, e, s) == 0);
		execv(prog, args);
		CHECK(!"execv");
	}
	CHECK_CHILD_OK(pid);
}

int main(int argc, char **argv)
{
	if (argc == 9 && strcmp(argv[1], "report") == 0)
		return report(argv);
	CHECK(getuid() == 0);
	umask(022);
	CHECK(mkdir(DIR_, 0755) == 0 || errno == EEXIST);

	/* Plain program: everything stays, the saved uid follows the effective. */
	copy_self(PROG, 0, 0, 0755);
	run_as(PROG, 1000, 1000, 1000, 1000, "1000 1000 1000 1000 1000 1000 0");
	run_as(PROG, 0, 1000, 0, 1000, "0 1000 1000 1000 1000 1000 1");
	/* Set-user-ID root, run by uid 1000. */
	copy_self(PROG, 0, 0, 04755);
	run_as(PROG, 1000, 1000, 1000, 1000, "1000 0 0 1000 1000 1000 1");
	/* Set-user-ID of uid 2000, run by root. */
	copy_self(PROG, 2000, 0, 04755);
	run_as(PROG, 0, 0, 0, 0, "0 2000 2000 0 0 0 1");
	/* Set-group-ID: only with group execute. */
	copy_self(PROG, 0, 0, 02755);
	run_as(PROG, 1000, 1000, 1000, 1000, "1000 1000 1000 1000 0 0 1");
	copy_self(PROG, 0, 0, 02745);
	run_as(PROG, 1000, 1000, 1000, 1000, "1000 1000 1000 1000 1000 1000 0");
	/* Both bits on a nosuid mount: nothing changes. */
	CHECK(mkdir(NOSUID, 0755) == 0 || errno == EEXIST);
	CHECK(mount("tmpfs", NOSUID, "tmpfs", MS_NOSUID, "mode=0755") == 0);
	copy_self(NOSUID "/prog", 0, 0, 06755);
	run_as(NOSUID "/prog", 1000, 1000, 1000, 1000, "1000 1000 1000 1000 1000 1000 0");
	CHECK(umount(NOSUID) == 0);
	CHECK(rmdir(NOSUID) == 0);
	CHECK(unlink(PROG) == 0);
	CHECK(rmdir(DIR_) == 0);
	return 0;
}
