/*
 * rename(2), renameat(2), renameat2(2): replacing files and empty
 * directories, the type rules (ENOTDIR, EISDIR, ENOTEMPTY), moving a
 * directory into itself (EINVAL), RENAME_NOREPLACE and RENAME_EXCHANGE,
 * hard links to one file, and open files surviving a replace.
 */
#include <sys/syscall.h>
#include "fs_util.h"

#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2

static int renameat2_(const char *a, const char *b, unsigned int flags)
{
	return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void read_is(const char *path, const char *want)
{
	char buf[32] = { 0 };
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0 && read(fd, buf, sizeof(buf) - 1) >= 0 && close(fd) == 0);
	CHECK(strcmp(buf, want) == 0);
}

static void files(void)
{
	struct stat st;
	int fd;

	fs_put("a", "A");
	fs_put("b", "B");
	CHECK(rename("a", "c") == 0);
	CHECK_ERR(stat("a", &st), ENOENT);
	read_is("c", "A");
	fd = open("b", O_RDONLY);			/* replaced while open */
	CHECK(rename("c", "b") == 0);
	read_is("b", "A");
	CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0);
	CHECK(close(fd) == 0);
	CHECK_ERR(rename("nope", "x"), ENOENT);
	CHECK_ERR(rename("b", "nodir/x"), ENOENT);
	CHECK_ERR(rename("b/", "x"), ENOTDIR);
	CHECK_ERR(rename("b", "x/"), ENOTDIR);
	CHECK(rename("b", "b") == 0);
	CHECK(link("b", "b2") == 0);
	CHECK(rename("b", "b2") == 0);			/* same file: nothing happens */
	CHECK(stat("b", &st) == 0 && st.st_nlink == 2);
	CHECK(unlink("b2") == 0);
}

static void directories(void)
{
	struct stat st;

	CHECK(mkdir("d1", 0755) == 0 && mkdir("d2", 0755) == 0);
	fs_put("d1/f", "F");
	CHECK(rename("d1", "d2") == 0);			/* over an empty directory */
	read_is("d2/f", "F");
	CHECK(mkdir("d3", 0755) == 0);
	CHECK_ERR(rename("d3", "d2"), ENOTEMPTY);
	CHECK_ERR(rename("d3", "b"), ENOTDIR);
	CHECK_ERR(rename("b", "d3"), EISDIR);
	CHECK_ERR(rename("d2", "d2/sub"), EINVAL);
	CHECK(mkdir("d2/sub", 0755) == 0);
	CHECK_ERR(rename("d2", "d2/sub/deeper"), EINVAL);
	CHECK_ERR(rename("d3", "d2/sub/.."), EBUSY);
	CHECK_ERR(rename(".", "x"), EBUSY);
	/* moving a directory changes both parents' link counts */
	CHECK(stat("d2", &st) == 0 && st.st_nlink == 3);
	CHECK(rename("d2/sub", "d3/sub") == 0);
	CHECK(stat("d2", &st) == 0 && st.st_nlink == 2);
	CHECK(stat("d3", &st) == 0 && st.st_nlink == 3);
	CHECK(rename("d3/", "d4/") == 0 && stat("d4/sub", &st) == 0);
	CHECK(chdir("d4/sub") == 0 && rename("../../d4", "../../d5") == 0);
	CHECK(chdir("/tmp/fs_rename/d5/sub") == 0 && chdir("/tmp/fs_rename") == 0);
}

static void flags(void)
{
	fs_put("x", "X");
	fs_put("y", "Y");
	CHECK_ERR(renameat2_("x", "y", RENAME_NOREPLACE), EEXIST);
	CHECK(renameat2_("x", "z", RENAME_NOREPLACE) == 0);
	CHECK(renameat2_("z", "y", RENAME_EXCHANGE) == 0);
	read_is("y", "X");
	read_is("z", "Y");
	CHECK_ERR(renameat2_("z", "absent", RENAME_EXCHANGE), ENOENT);
	CHECK(mkdir("ed", 0755) == 0);
	CHECK(renameat2_("z", "ed", RENAME_EXCHANGE) == 0);	/* file <-> directory */
	read_is("ed", "Y");
	CHECK_ERR(renameat2_("x", "y", RENAME_NOREPLACE | RENAME_EXCHANGE), EINVAL);
	CHECK_ERR(renameat2_("y", "q", 0x80), EINVAL);
}

int main(void)
{
	fs_scratch("fs_rename");
	files();
	directories();
	flags();
	return 0;
}
