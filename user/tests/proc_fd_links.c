/*
 * The magic links of /proc/self: exe names the running program, cwd and
 * root the directories, fd/N each open file ("pipe:[ino]" for a pipe,
 * " (deleted)" after an unlink).  Opening fd/N reaches the very same
 * file, even a pipe or an unlinked file, and O_CREAT on it means the
 * existing file.
 */
#include <dirent.h>
#include <sys/stat.h>
#include "procfs.h"

static void link_of(const char *path, char *out, size_t size)
{
	ssize_t n = readlink(path, out, size - 1);

	CHECK(n > 0);
	out[n] = '\0';
}

static void fd_link(int fd, char *out, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	link_of(path, out, size);
}

/* Reopen fd through /proc/self/fd and check it is the same file. */
static int reopen(int fd, int flags)
{
	char path[64];
	struct stat a, b;
	int nfd;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	nfd = open(path, flags, 0600);
	CHECK(nfd >= 0);
	CHECK(fstat(fd, &a) == 0 && fstat(nfd, &b) == 0);
	CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	return nfd;
}

static void check_pipe(void)
{
	char text[64], want[64];
	struct stat st;
	int p[2], w;

	CHECK(pipe(p) == 0);
	CHECK(fstat(p[0], &st) == 0);
	snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
	fd_link(p[0], text, sizeof(text));
	CHECK(strcmp(text, want) == 0);
	w = reopen(p[1], O_WRONLY);
	CHECK(write(w, "via proc", 8) == 8);
	CHECK(read(p[0], text, sizeof(text)) == 8 && memcmp(text, "via proc", 8) == 0);
	close(w);
	close(p[0]);
	close(p[1]);
}

static void check_regular(void)
{
	char text[128];
	int fd, again;

	fd = open("/tmp/proc_fd_links", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0 && write(fd, "abc", 3) == 3);
	fd_link(fd, text, sizeof(text));
	CHECK(strcmp(text, "/tmp/proc_fd_links") == 0);
	/* O_CREAT through the magic link opens the existing file; O_EXCL refuses. */
	again = reopen(fd, O_WRONLY | O_CREAT | O_APPEND);
	CHECK(write(again, "d", 1) == 1);
	close(again);
	CHECK(read_file("/tmp/proc_fd_links", text, sizeof(text)) == 4 && strcmp(text, "abcd") == 0);
	snprintf(text, sizeof(text), "/proc/self/fd/%d", fd);
	CHECK_ERRNO(open(text, O_WRONLY | O_CREAT | O_EXCL, 0600), EEXIST);
	/* Unlinked: still reachable, and named "(deleted)". */
	CHECK(unlink("/tmp/proc_fd_links") == 0);
	fd_link(fd, text, sizeof(text));
	CHECK(strcmp(text, "/tmp/proc_fd_links (deleted)") == 0);
	again = reopen(fd, O_RDONLY);
	CHECK(read(again, text, sizeof(text)) == 4);
	close(again);
	close(fd);
	snprintf(text, sizeof(text), "/proc/self/fd/%d", fd);
	CHECK_ERRNO(open(text, O_RDONLY), ENOENT);
}

/* Readdir of /proc/self/fd lists exactly the open descriptors. */
static void check_listing(void)
{
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), count = 0, seen_fd = 0;
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	CHECK(fd >= 0 && d);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		CHECK(e->d_type == DT_LNK);
		seen_fd |= atoi(e->d_name) == fd;
		count++;
	}
	closedir(d);
	/* 0, 1, 2, fd, and the directory stream itself */
	CHECK(seen_fd && count == 5);
	close(fd);
}

int main(void)
{
	char text[256];

	link_of("/proc/self/exe", text, sizeof(text));
	CHECK(strcmp(text, "/tests/proc_fd_links") == 0);
	link_of("/proc/self/root", text, sizeof(text));
	CHECK(strcmp(text, "/") == 0);
	CHECK(chdir("/tmp") == 0);
	link_of("/proc/self/cwd", text, sizeof(text));
	CHECK(strcmp(text, "/tmp") == 0);
	/* The links lead where they say: cwd/.. is the root. */
	CHECK(access("/proc/self/cwd/../tests/proc_fd_links", X_OK) == 0);
	check_pipe();
	check_regular();
	check_listing();
	return 0;
}
