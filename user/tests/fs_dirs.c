/*
 * Directories: mkdir(2), mkdirat(2), rmdir(2), getdents64(2) and seeking
 * in a directory, chdir(2), fchdir(2), getcwd(2), chroot(2), umask(2).
 */
#include <dirent.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "fs_util.h"

struct dirent64_buf {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

static void make_and_remove(void)
{
	struct stat st;
	int dfd;

	CHECK(mkdir("a", 0755) == 0);
	CHECK_ERR(mkdir("a", 0755), EEXIST);
	CHECK_ERR(mkdir("a/", 0755), EEXIST);
	CHECK_ERR(mkdir(".", 0755), EEXIST);
	CHECK_ERR(mkdir("x/y", 0755), ENOENT);
	CHECK(mkdir("b/", 0755) == 0);				/* a trailing slash is fine */
	fs_put("file", "x");
	CHECK_ERR(mkdir("file/y", 0755), ENOTDIR);
	CHECK_ERR(mkdir("file", 0755), EEXIST);
	dfd = open("a", O_RDONLY | O_DIRECTORY);
	CHECK(mkdirat(dfd, "inner", 0700) == 0);
	CHECK(stat("a/inner", &st) == 0 && (st.st_mode & 0777) == 0700);
	CHECK_ERR(rmdir("a"), ENOTEMPTY);
	CHECK_ERR(rmdir("a/inner/."), EINVAL);
	CHECK_ERR(rmdir("a/inner/.."), ENOTEMPTY);
	CHECK_ERR(rmdir("file"), ENOTDIR);
	CHECK_ERR(rmdir("nope"), ENOENT);
	CHECK(unlinkat(dfd, "inner", AT_REMOVEDIR) == 0);
	CHECK(close(dfd) == 0);
	CHECK(rmdir("a") == 0 && rmdir("b/") == 0);
	CHECK_ERR(stat("a", &st), ENOENT);
}

/* Names getdents64 returns for dir, in a '/'-separated string. */
static int list(int fd, char *out, size_t len)
{
	char buf[256];
	int n, count = 0;

	out[0] = '\0';
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (int off = 0; off < n;) {
			struct dirent64_buf *d = (struct dirent64_buf *)(buf + off);

			strncat(out, d->d_name, len - strlen(out) - 2);
			strcat(out, "/");
			off += d->d_reclen;
			count++;
		}
	}
	CHECK(n == 0);
	return count;
}

static void reading(void)
{
	char names[1024], tiny[8];
	int fd, ffd;
	long pos;

	CHECK(mkdir("r", 0755) == 0);
	for (int i = 0; i < 20; i++) {
		char name[32];

		snprintf(name, sizeof(name), "r/entry-%02d", i);
		fs_put(name, "");
	}
	fd = open("r", O_RDONLY | O_DIRECTORY);
	CHECK(list(fd, names, sizeof(names)) == 22);
	CHECK(strstr(names, "./") && strstr(names, "../") && strstr(names, "entry-19/"));
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(list(fd, names, sizeof(names)) == 22);
	/* a deleted entry disappears, the others stay */
	CHECK(unlink("r/entry-05") == 0);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(list(fd, names, sizeof(names)) == 21 && !strstr(names, "entry-05"));
	/* resuming at a saved d_off */
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(syscall(SYS_getdents64, fd, names, 64) > 0);
	pos = lseek(fd, 0, SEEK_CUR);
	CHECK(pos > 0 && lseek(fd, pos, SEEK_SET) == pos);
	CHECK_ERR(syscall(SYS_getdents64, fd, tiny, sizeof(tiny)), EINVAL);
	CHECK_ERR(syscall(SYS_getdents64, fd, (void *)8, 4096), EFAULT);
	CHECK(close(fd) == 0);
	ffd = open("file", O_RDONLY);
	CHECK_ERR(syscall(SYS_getdents64, ffd, names, sizeof(names)), ENOTDIR);
	CHECK(close(ffd) == 0);
	CHECK_ERR(syscall(SYS_getdents64, -1, names, sizeof(names)), EBADF);
}

static void cwd(void)
{
	char buf[256];
	int fd;

	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, "/tmp/fs_dirs") == 0);
	CHECK(mkdir("c", 0755) == 0 && chdir("c") == 0);
	CHECK(getcwd(buf, sizeof(buf)) && strcmp(buf, "/tmp/fs_dirs/c") == 0);
	CHECK(chdir("..") == 0);
	CHECK_ERR(chdir("file"), ENOTDIR);
	CHECK_ERR(chdir("nope"), ENOENT);
	fd = open("c", O_RDONLY);
	CHECK(fchdir(fd) == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, "/tmp/fs_dirs/c") == 0);
	CHECK(close(fd) == 0);
	CHECK_ERR(syscall(SYS_getcwd, buf, 5), ERANGE);
	CHECK(syscall(SYS_getcwd, buf, sizeof(buf)) == (long)strlen("/tmp/fs_dirs/c") + 1);
	/* removing the working directory leaves getcwd nothing to report */
	CHECK(rmdir("/tmp/fs_dirs/c") == 0);
	CHECK_ERR(syscall(SYS_getcwd, buf, sizeof(buf)), ENOENT);
	CHECK_ERR(open("new", O_CREAT | O_RDWR, 0644), ENOENT);
	CHECK(chdir("/tmp/fs_dirs") == 0);
	fd = open("file", O_RDONLY);
	CHECK_ERR(fchdir(fd), ENOTDIR);
	CHECK(close(fd) == 0);
	CHECK_ERR(fchdir(-1), EBADF);
	/* "/.." is "/" */
	CHECK(chdir("/..") == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, "/") == 0);
	CHECK(chdir("/tmp/fs_dirs") == 0);
}

static void masks(void)
{
	struct stat st;
	mode_t old = umask(027);

	CHECK(umask(027) == 027);
	CHECK(mkdir("m", 0777) == 0 && stat("m", &st) == 0 && (st.st_mode & 0777) == 0750);
	CHECK(close(open("mf", O_CREAT | O_RDWR, 0666)) == 0);
	CHECK(stat("mf", &st) == 0 && (st.st_mode & 0777) == 0640);
	umask(old);
}

static void jail(void)
{
	char buf[64];
	pid_t pid = fork();
	int status;

	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK(mkdir("jail", 0755) == 0 && mkdir("jail/inside", 0755) == 0);
		CHECK(chroot("jail") == 0 && chdir("/") == 0);
		CHECK(access("/inside", F_OK) == 0 && access("/tmp", F_OK) != 0);
		CHECK(chdir("/../..") == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, "/") == 0);
		CHECK(access("inside", F_OK) == 0);	/* ".." stopped at the new root */
		CHECK_ERR(chroot("nope"), ENOENT);
		_exit(0);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	fs_scratch("fs_dirs");
	make_and_remove();
	reading();
	cwd();
	masks();
	jail();
	return 0;
}
