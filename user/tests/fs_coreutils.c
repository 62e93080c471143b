/*
 * Debian's dynamically linked coreutils (glibc, libselinux, libacl) on a
 * fresh tmpfs: `ls -l` lists a directory of known files line by line
 * (mode string, link count, numeric owner and group since the image has
 * no /etc/passwd, size, name, symlink target), `stat -c` prints the same
 * attributes, and `cp -a` copies a tree keeping modes, owners, times,
 * symlinks and trusted.* attributes.  Each program must exit 0 with
 * nothing on stderr: ls reads security.selinux and the ACL attributes of
 * every file, which must fail the way Linux's do (ENODATA), not ENOSYS.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include "utest.h"

#define MNT "/tmp/coreutils-mnt"
#define DIR_ MNT "/dir"

/* Read fd to EOF into buf (NUL-terminated). */
static void read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len - 1 && (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(fd);
}

/* Run /utest-data/argv[0]; its exit status must be 0 and stderr empty; stdout in out. */
static void run(char *const argv[], char *out, size_t len)
{
	char path[64], err[1024];
	char *const envp[] = { "PATH=/utest-data", NULL };
	int o[2], e[2], st;
	pid_t pid;

	snprintf(path, sizeof(path), "/utest-data/%s", argv[0]);
	CHECK(pipe(o) == 0 && pipe(e) == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(dup2(o[1], 1) == 1 && dup2(e[1], 2) == 2);
		close(o[0]);
		close(o[1]);
		close(e[0]);
		close(e[1]);
		execve(path, argv, envp);
		_exit(127);
	}
	close(o[1]);
	close(e[1]);
	read_all(o[0], out, len);
	read_all(e[0], err, sizeof(err));
	st = utest_wait(pid);
	if (err[0] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fprintf(stderr, "%s: status 0x%x stderr '%s' stdout '%s'\n", argv[0], st, err, out);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(err[0] == '\0');
}

static void make_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);

	CHECK(fd >= 0);
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	CHECK(close(fd) == 0);
}

static void expect_output(const char *what, const char *out, const char *want)
{
	if (strcmp(out, want) != 0)
		fprintf(stderr, "%s printed:\n%s---- expected:\n%s----\n", what, out, want);
	CHECK(strcmp(out, want) == 0);
}

static void check_ls(void)
{
	char out[2048];
	char *argv[] = { "ls", "-l", "--time-style=+T", DIR_, NULL };

	run(argv, out, sizeof(out));
	/* tmpfs: a 5-byte file takes one 4 KiB page, a directory's size counts 20 per entry */
	expect_output("ls -l", out,
		      "total 4\n"
		      "-rw-r--r-- 1    0    0  5 T a\n"
		      "-rwxr-x--x 1 1000 1000  0 T b\n"
		      "drwx------ 2    0    0 40 T d\n"
		      "lrwxrwxrwx 1    0    0  1 T l -> a\n");
}

static void check_stat(void)
{
	char out[1024];
	char *argv[] = { "stat", "-c", "%A %h %u %g %s %F %n", DIR_ "/a", DIR_ "/b", DIR_ "/d",
			 DIR_ "/l", NULL };

	run(argv, out, sizeof(out));
	expect_output("stat -c", out,
		      "-rw-r--r-- 1 0 0 5 regular file " DIR_ "/a\n"
		      "-rwxr-x--x 1 1000 1000 0 regular empty file " DIR_ "/b\n"
		      "drwx------ 2 0 0 40 directory " DIR_ "/d\n"
		      "lrwxrwxrwx 1 0 0 1 symbolic link " DIR_ "/l\n");
}

static void same_attrs(const char *a, const char *b)
{
	struct stat sa, sb;

	CHECK(lstat(a, &sa) == 0 && lstat(b, &sb) == 0);
	CHECK(sa.st_mode == sb.st_mode && sa.st_uid == sb.st_uid && sa.st_gid == sb.st_gid);
	CHECK(sa.st_size == sb.st_size && sa.st_nlink == sb.st_nlink);
	CHECK(sa.st_mtim.tv_sec == sb.st_mtim.tv_sec && sa.st_mtim.tv_nsec == sb.st_mtim.tv_nsec);
	CHECK(sa.st_ino != sb.st_ino);
}

static void check_cp(void)
{
	char out[256], val[16];
	char *argv[] = { "cp", "-a", DIR_, MNT "/copy", NULL };
	int fd;

	run(argv, out, sizeof(out));
	CHECK(out[0] == '\0');
	same_attrs(DIR_ "/a", MNT "/copy/a");
	same_attrs(DIR_ "/b", MNT "/copy/b");
	same_attrs(DIR_ "/d", MNT "/copy/d");
	same_attrs(DIR_ "/l", MNT "/copy/l");
	CHECK(readlink(MNT "/copy/l", val, sizeof(val)) == 1 && val[0] == 'a');
	fd = open(MNT "/copy/a", O_RDONLY);
	CHECK(fd >= 0 && read(fd, val, sizeof(val)) == 5 && memcmp(val, "hello", 5) == 0);
	CHECK(close(fd) == 0);
	CHECK(getxattr(MNT "/copy/a", "trusted.tag", val, sizeof(val)) == 3);
	CHECK(memcmp(val, "red", 3) == 0);
}

int main(void)
{
	struct timespec t[2] = { { 1000000000, 5 }, { 1100000000, 123456789 } };

	umask(0);
	mkdir(MNT, 0755);
	CHECK(mount("tmpfs", MNT, "tmpfs", 0, NULL) == 0);
	CHECK(mkdir(DIR_, 0755) == 0);
	make_file(DIR_ "/a", "hello", 0644);
	make_file(DIR_ "/b", "", 0751);
	CHECK(chown(DIR_ "/b", 1000, 1000) == 0);
	CHECK(mkdir(DIR_ "/d", 0700) == 0);
	CHECK(symlink("a", DIR_ "/l") == 0);
	CHECK(setxattr(DIR_ "/a", "trusted.tag", "red", 3, 0) == 0);
	CHECK(utimensat(AT_FDCWD, DIR_ "/a", t, 0) == 0);
	CHECK(utimensat(AT_FDCWD, DIR_ "/l", t, AT_SYMLINK_NOFOLLOW) == 0);

	check_ls();
	check_stat();
	check_cp();

	CHECK(umount2(MNT, MNT_DETACH) == 0);
	CHECK(rmdir(MNT) == 0);
	return 0;
}
