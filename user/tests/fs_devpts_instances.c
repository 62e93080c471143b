/*
 * devpts as Linux (4.7 and later) has it: every mount is an instance of
 * its own, numbering its slaves from 0, with the options uid=, gid=,
 * mode= (new slaves; default 0600 and the opener's ids), ptmxmode= (its
 * ptmx node; default 000), max= (ENOSPC beyond) and newinstance;
 * anything else is EINVAL.  /proc/mounts shows them as Linux prints
 * them, a remount starts from the defaults, and a ptmx node outside
 * devpts opens pairs in the devpts mounted on "pts" beside it (ENOENT
 * without one, ENODEV when "pts" is something else).
 */
#include "pty_util.h"
#include <sys/sysmacros.h>

#define DIR_A "/tmp/devpts-a"
#define DIR_B "/tmp/devpts-b"
#define DIR_C "/tmp/devpts-c"

/* The options of the mount on dir in /proc/self/mounts, after "devpts ". */
static void mount_opts(const char *dir, char *out, size_t size)
{
	char line[512], want[128];
	FILE *f = fopen("/proc/self/mounts", "r");

	CHECK(f != NULL);
	snprintf(want, sizeof(want), "devpts %s devpts ", dir);
	out[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, want, strlen(want)) == 0)
			snprintf(out, size, "%s", line + strlen(want));	/* the last one wins */
	}
	fclose(f);
	CHECK(out[0] != '\0');
}

/* The mount options end with the filesystem's: "rw,...<tail> 0 0\n". */
static void check_tail(const char *dir, const char *tail)
{
	char opts[256];
	size_t n, t = strlen(tail);

	mount_opts(dir, opts, sizeof(opts));
	n = strlen(opts);
	if (n < t + 5 || strncmp(opts + n - t - 5, tail, t) != 0 || strcmp(opts + n - 5, " 0 0\n") != 0 ||
	    strncmp(opts, "rw", 2) != 0)
		fprintf(stderr, "%s: \"%s\", expected ...\"%s 0 0\"\n", dir, opts, tail);
	CHECK(n >= t + 5 && strncmp(opts + n - t - 5, tail, t) == 0);
}

static void check_node(const char *path, mode_t mode, uid_t uid, gid_t gid)
{
	struct stat st;

	CHECK(stat(path, &st) == 0);
	if (st.st_mode != mode || st.st_uid != uid || st.st_gid != gid)
		fprintf(stderr, "%s: mode %o uid %u gid %u\n", path, st.st_mode, st.st_uid, st.st_gid);
	CHECK(st.st_mode == mode && st.st_uid == uid && st.st_gid == gid);
}

static int ptn(int m)
{
	unsigned int n = 99;

	CHECK(ioctl(m, TIOCGPTN, &n) == 0);
	return (int)n;
}

/* Options, ENOSPC, and the owner of a non-root opener's slave. */
static void check_options(void)
{
	int m0, m1, status;
	pid_t pid;

	CHECK(mkdir(DIR_A, 0755) == 0);
	CHECK(mount("devpts", DIR_A, "devpts", 0, "newinstance,gid=5,mode=620,ptmxmode=666,max=2") == 0);
	check_tail(DIR_A, ",gid=5,mode=620,ptmxmode=666,max=2");
	check_node(DIR_A "/ptmx", S_IFCHR | 0666, 0, 0);
	m0 = open(DIR_A "/ptmx", O_RDWR | O_NOCTTY);
	m1 = open(DIR_A "/ptmx", O_RDWR | O_NOCTTY);
	CHECK(m0 >= 0 && m1 >= 0 && ptn(m0) == 0 && ptn(m1) == 1);
	CHECK_ERRNO(open(DIR_A "/ptmx", O_RDWR | O_NOCTTY), ENOSPC);
	check_node(DIR_A "/0", S_IFCHR | 0620, 0, 5);
	close(m1);
	pid = utest_fork();
	if (pid == 0) {
		int m;

		CHECK(setgid(1234) == 0 && setuid(1000) == 0);
		m = open(DIR_A "/ptmx", O_RDWR | O_NOCTTY);	/* ptmxmode=666 lets us */
		CHECK(m >= 0 && ptn(m) == 1);
		check_node(DIR_A "/1", S_IFCHR | 0620, 1000, 5);	/* gid= wins over ours */
		_exit(0);
	}
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(m0);
	/* max=0 wraps round to no limit in Linux (ida_alloc_max(max - 1)). */
	CHECK(mount("devpts", DIR_A, "devpts", MS_REMOUNT, "max=0") == 0);
	check_tail(DIR_A, ",mode=600,ptmxmode=000,max=0");
	m0 = open(DIR_A "/ptmx", O_RDWR | O_NOCTTY);
	CHECK(m0 >= 0);
	close(m0);
	CHECK(umount(DIR_A) == 0);
}

/* Defaults; a remount starts from them again; bad options. */
static void check_defaults_and_remount(void)
{
	int m, status;
	pid_t pid;

	CHECK(mkdir(DIR_B, 0755) == 0);
	CHECK_ERRNO(mount("devpts", DIR_B, "devpts", 0, "bogus"), EINVAL);
	CHECK_ERRNO(mount("devpts", DIR_B, "devpts", 0, "mode=8"), EINVAL);
	CHECK_ERRNO(mount("devpts", DIR_B, "devpts", 0, "max=-1"), EINVAL);
	CHECK_ERRNO(mount("devpts", DIR_B, "devpts", 0, "uid=x"), EINVAL);
	CHECK(mount("devpts", DIR_B, "devpts", 0, NULL) == 0);
	check_tail(DIR_B, "relatime,mode=600,ptmxmode=000");
	check_node(DIR_B "/ptmx", S_IFCHR, 0, 0);
	pid = utest_fork();
	if (pid == 0) {	/* the opener's ids (ptmx 000 is no obstacle: root opens it) */
		CHECK(setregid(1234, 1234) == 0);
		m = open(DIR_B "/ptmx", O_RDWR | O_NOCTTY);
		CHECK(m >= 0 && ptn(m) == 0);
		check_node(DIR_B "/0", S_IFCHR | 0600, 0, 1234);
		_exit(0);
	}
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(mount("devpts", DIR_B, "devpts", MS_REMOUNT, "uid=7,ptmxmode=644") == 0);
	check_tail(DIR_B, ",uid=7,mode=600,ptmxmode=644");
	check_node(DIR_B "/ptmx", S_IFCHR | 0644, 0, 0);
	CHECK(mount("devpts", DIR_B, "devpts", MS_REMOUNT, "mode=640") == 0);
	check_tail(DIR_B, "relatime,mode=640,ptmxmode=000");
	check_node(DIR_B "/ptmx", S_IFCHR, 0, 0);
	CHECK_ERRNO(mount("devpts", DIR_B, "devpts", MS_REMOUNT, "ptmxmode=622,junk"), EINVAL);
	check_tail(DIR_B, "relatime,mode=600,ptmxmode=622");	/* what came before the junk */
	m = open(DIR_B "/ptmx", O_RDWR | O_NOCTTY);
	CHECK(m >= 0 && ptn(m) == 0);
	check_node(DIR_B "/0", S_IFCHR | 0600, 0, 0);
	close(m);
	CHECK(umount(DIR_B) == 0);
}

/* A ptmx node elsewhere finds the devpts on "pts" beside it. */
static void check_ptmx_beside(void)
{
	char buf[8];
	int m, s;

	CHECK(mkdir(DIR_C, 0755) == 0);
	CHECK(mknod(DIR_C "/ptmx", S_IFCHR | 0666, makedev(5, 2)) == 0);
	CHECK_ERRNO(open(DIR_C "/ptmx", O_RDWR | O_NOCTTY), ENOENT);
	CHECK(mkdir(DIR_C "/pts", 0755) == 0);
	CHECK_ERRNO(open(DIR_C "/ptmx", O_RDWR | O_NOCTTY), ENODEV);
	CHECK(mount("devpts", DIR_C "/pts", "devpts", 0, "mode=666") == 0);
	m = open(DIR_C "/ptmx", O_RDWR | O_NOCTTY);
	CHECK(m >= 0 && ptn(m) == 0);
	check_node(DIR_C "/pts/0", S_IFCHR | 0666, 0, 0);
	CHECK(unlockpt(m) == 0);
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(write(m, "q\n", 2) == 2);
	CHECK(pty_read_for(s, buf, 2, 2000) == 2 && memcmp(buf, "q\n", 2) == 0);
	close(s);
	/* Unmounted under an open pair: the pair works on, TIOCGPTPEER no more. */
	CHECK(umount(DIR_C "/pts") == 0);
	CHECK(write(m, "r\n", 2) == 2);
	CHECK_ERRNO(ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY), ENODEV);
	close(m);
}

int main(void)
{
	pty_need_devpts();
	check_options();
	check_defaults_and_remount();
	check_ptmx_beside();
	return 0;
}
