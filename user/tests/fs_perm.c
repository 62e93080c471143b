/*
 * Permissions: chmod(2) family, chown(2) family, access(2) family, and
 * what a non-root user meets: EACCES from mode bits, EPERM from chmod and
 * chown on other people's files, the sticky bit of /tmp-like directories.
 * Root bypasses read/write checks but still needs an x bit to execute.
 */
#include <sys/syscall.h>
#include <sys/wait.h>
#include "fs_util.h"

#define USER	1000
#define OTHER	1001

static void modes_and_owners(void)
{
	struct stat st;
	int fd;

	fs_put("f", "x");
	CHECK(chmod("f", 04755) == 0 && stat("f", &st) == 0 && (st.st_mode & 07777) == 04755);
	CHECK(chown("f", USER, -1) == 0 && stat("f", &st) == 0 && st.st_uid == USER);
	CHECK((st.st_mode & 04000) == 0);		/* chown drops setuid */
	CHECK(chown("f", -1, 50) == 0 && stat("f", &st) == 0 && st.st_gid == 50 && st.st_uid == USER);
	fd = open("f", O_RDONLY);
	CHECK(fchmod(fd, 0600) == 0 && fchown(fd, 0, 0) == 0);
	CHECK(fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0600 && st.st_uid == 0);
	CHECK(close(fd) == 0);
	CHECK(symlink("f", "l") == 0);
	CHECK(lchown("l", 7, 8) == 0 && lstat("l", &st) == 0 && st.st_uid == 7);
	CHECK(stat("l", &st) == 0 && st.st_uid == 0);
	CHECK(fchownat(AT_FDCWD, "l", 9, 9, AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(lstat("l", &st) == 0 && st.st_uid == 9);
	CHECK(fchmodat(AT_FDCWD, "l", 0644, 0) == 0 && stat("f", &st) == 0);
	CHECK((st.st_mode & 0777) == 0644);
	CHECK_ERR(fchownat(AT_FDCWD, "f", 0, 0, 0x1), EINVAL);
	CHECK_ERR(chmod("nope", 0644), ENOENT);
	CHECK_ERR(fchmod(-1, 0644), EBADF);
	fd = open("f", O_PATH);
	CHECK_ERR(syscall(SYS_fchmod, fd, 0644), EBADF);	/* musl retries via /proc */
	CHECK(close(fd) == 0);
}

static void access_checks(void)
{
	fs_put("noexec", "");
	CHECK(chmod("noexec", 0644) == 0);
	CHECK(access("noexec", R_OK | W_OK) == 0);
	CHECK_ERR(access("noexec", X_OK), EACCES);	/* even for root */
	CHECK(chmod("noexec", 0001) == 0 && access("noexec", X_OK | R_OK | W_OK) == 0);
	CHECK(access("noexec", F_OK) == 0);
	CHECK_ERR(access("nope", F_OK), ENOENT);
	CHECK_ERR(access("noexec", 8), EINVAL);
	CHECK(faccessat(AT_FDCWD, "noexec", R_OK, AT_EACCESS) == 0);
	CHECK_ERR(syscall(SYS_faccessat2, AT_FDCWD, "noexec", R_OK, 0x1), EINVAL);
	CHECK(mkdir("d", 0) == 0 && access("d", X_OK) == 0);	/* directories: root may search */
}

/* Run fn as uid/gid USER in a child; it exits non-zero on failure. */
static void as_user(void (*fn)(void))
{
	int status;
	pid_t pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK(setgid(USER) == 0 && setuid(USER) == 0);
		fn();
		_exit(0);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void user_side(void)
{
	struct stat st;
	int fd;

	CHECK_ERR(open("secret", O_RDONLY), EACCES);
	CHECK_ERR(open("secret", O_WRONLY), EACCES);
	CHECK_ERR(open("locked/x", O_RDONLY), EACCES);	/* no search permission */
	CHECK_ERR(stat("locked/x", &st), EACCES);
	CHECK_ERR(open("ro/new", O_CREAT | O_WRONLY, 0644), EACCES);
	CHECK_ERR(mkdir("ro/sub", 0755), EACCES);
	CHECK_ERR(unlink("ro/file"), EACCES);
	CHECK_ERR(access("secret", R_OK), EACCES);
	CHECK_ERR(chmod("secret", 0777), EPERM);
	CHECK_ERR(chown("mine", OTHER, -1), EPERM);
	CHECK(chmod("mine", 0600) == 0);		/* the owner may */
	CHECK(chown("mine", -1, USER) == 0);		/* to a group it is in */
	fd = open("mine", O_RDWR);
	CHECK(fd >= 0 && close(fd) == 0);
	CHECK(chmod("mine", 0000) == 0);
	CHECK_ERR(open("mine", O_RDONLY), EACCES);	/* owner bits apply to the owner */
	/* sticky: others' files in a +t directory cannot be removed or renamed */
	CHECK_ERR(unlink("sticky/roots"), EPERM);
	CHECK_ERR(rename("sticky/roots", "sticky/moved"), EPERM);
	CHECK(unlink("sticky/users") == 0);
	CHECK_ERR(mount("none", "/tmp", "tmpfs", 0, NULL), EPERM);
}

static void unprivileged(void)
{
	fs_put("secret", "s");
	CHECK(chmod("secret", 0600) == 0);
	CHECK(mkdir("locked", 0700) == 0);
	fs_put("locked/x", "");
	CHECK(mkdir("ro", 0755) == 0);
	fs_put("ro/file", "");
	fs_put("mine", "");
	CHECK(chown("mine", USER, USER) == 0);
	CHECK(mkdir("sticky", 01777) == 0 && chmod("sticky", 01777) == 0);
	fs_put("sticky/roots", "");
	fs_put("sticky/users", "");
	CHECK(chown("sticky/users", USER, USER) == 0);
	as_user(user_side);
}

int main(void)
{
	fs_scratch("fs_perm");
	CHECK(chmod(".", 0755) == 0);
	modes_and_owners();
	access_checks();
	unprivileged();
	return 0;
}
