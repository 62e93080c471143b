/*
 * copy_file_range(2) between tmpfs files: with offset pointers the file
 * positions stay and the offsets advance; without them the positions
 * advance; the count stops at the source's end; a hole copies as zeroes;
 * a copy inside one file works when the ranges are apart and is EINVAL
 * when they overlap.  Errors as Linux 6.1: flags EINVAL, bad descriptors
 * and access modes EBADF (O_APPEND too), directories EISDIR, pipes
 * EINVAL, another filesystem EXDEV, bad pointers EFAULT, negative
 * offsets EINVAL, a range wrapping around EOVERFLOW.
 */
#define _GNU_SOURCE
#include <sys/mount.h>
#include "fs_util.h"

#define SRC "/tmp/cfr-src"
#define DST "/tmp/cfr-dst"

static int open_new(const char *path, int flags)
{
	int fd = open(path, flags | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	return fd;
}

static void check_content(int fd, off_t at, const char *want, size_t len)
{
	char buf[64];

	CHECK(len <= sizeof(buf));
	CHECK(pread(fd, buf, len, at) == (ssize_t)len);
	CHECK(memcmp(buf, want, len) == 0);
}

static void test_offsets_and_positions(void)
{
	int in = open_new(SRC, O_RDWR), out = open_new(DST, O_RDWR);
	loff_t oin = 4, oout = 0;

	CHECK(write(in, "0123456789abcdef", 16) == 16);
	CHECK(lseek(in, 0, SEEK_SET) == 0);
	CHECK(copy_file_range(in, &oin, out, &oout, 6, 0) == 6);
	CHECK(oin == 10 && oout == 6);
	CHECK(lseek(in, 0, SEEK_CUR) == 0 && lseek(out, 0, SEEK_CUR) == 0);
	check_content(out, 0, "456789", 6);

	CHECK(copy_file_range(in, NULL, out, NULL, 100, 0) == 16);	/* cut at EOF */
	CHECK(lseek(in, 0, SEEK_CUR) == 16 && lseek(out, 0, SEEK_CUR) == 16);
	check_content(out, 0, "0123456789abcdef", 16);
	CHECK(copy_file_range(in, NULL, out, NULL, 100, 0) == 0);	/* at EOF */
	oin = 100;
	CHECK(copy_file_range(in, &oin, out, NULL, 5, 0) == 0);	/* past EOF */
	CHECK(oin == 100);
	CHECK(copy_file_range(in, NULL, out, NULL, 0, 0) == 0);

	/* Mixed: an offset for the source, the position for the destination. */
	oin = 10;
	CHECK(lseek(out, 20, SEEK_SET) == 20);
	CHECK(copy_file_range(in, &oin, out, NULL, 3, 0) == 3);
	CHECK(oin == 13 && lseek(out, 0, SEEK_CUR) == 23);
	check_content(out, 16, "\0\0\0\0abc", 7);
	CHECK(close(in) == 0);
	CHECK(close(out) == 0);
}

static void test_pages_and_holes(void)
{
	int in = open_new(SRC, O_RDWR), out = open_new(DST, O_RDWR);
	static char big[3 * 4096 + 100], back[sizeof(big)];
	loff_t oin = 50, oout = 7;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + i % 23);
	CHECK(write(in, big, sizeof(big)) == (ssize_t)sizeof(big));
	CHECK(copy_file_range(in, &oin, out, &oout, sizeof(big), 0) == (ssize_t)sizeof(big) - 50);
	CHECK(pread(out, back, sizeof(big) - 50, 7) == (ssize_t)sizeof(big) - 50);
	CHECK(memcmp(back, big + 50, sizeof(big) - 50) == 0);

	/* A sparse source: the hole arrives as zeroes. */
	CHECK(ftruncate(in, 0) == 0);
	CHECK(pwrite(in, "x", 1, 8191) == 1);
	CHECK(ftruncate(out, 0) == 0);
	oin = 0;
	oout = 0;
	CHECK(copy_file_range(in, &oin, out, &oout, 10000, 0) == 8192);
	CHECK(pread(out, back, 8192, 0) == 8192);
	for (int i = 0; i < 8191; i++)
		CHECK(back[i] == 0);
	CHECK(back[8191] == 'x');
	CHECK(close(in) == 0);
	CHECK(close(out) == 0);
}

static void test_same_file(void)
{
	int fd = open_new(SRC, O_RDWR);
	loff_t a = 0, b = 4;

	CHECK(write(fd, "0123456789abcdef", 16) == 16);
	CHECK_ERR(copy_file_range(fd, &a, fd, &b, 8, 0), EINVAL);	/* overlap */
	b = 16;
	CHECK(copy_file_range(fd, &a, fd, &b, 8, 0) == 8);
	check_content(fd, 0, "0123456789abcdef01234567", 24);
	a = 20;
	b = 0;
	CHECK(copy_file_range(fd, &a, fd, &b, 100, 0) == 4);	/* cut at EOF: no overlap */
	check_content(fd, 0, "4567", 4);
	CHECK(close(fd) == 0);
}

static void test_errors(void)
{
	int in = open_new(SRC, O_RDWR), out = open_new(DST, O_RDWR);
	int rd, wr, app, dir, p[2], other;
	loff_t off = 0;

	CHECK(write(in, "0123456789", 10) == 10);
	CHECK_ERR(copy_file_range(in, NULL, out, NULL, 4, 1), EINVAL);
	CHECK_ERR(copy_file_range(-1, NULL, out, NULL, 4, 0), EBADF);
	CHECK_ERR(copy_file_range(in, NULL, 999, NULL, 4, 0), EBADF);
	wr = open(SRC, O_WRONLY);
	rd = open(DST, O_RDONLY);
	app = open(DST, O_WRONLY | O_APPEND);
	CHECK(wr >= 0 && rd >= 0 && app >= 0);
	CHECK_ERR(copy_file_range(wr, &off, out, NULL, 4, 0), EBADF);
	CHECK_ERR(copy_file_range(in, &off, rd, NULL, 4, 0), EBADF);
	CHECK_ERR(copy_file_range(in, &off, app, NULL, 4, 0), EBADF);
	dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(dir >= 0);
	CHECK_ERR(copy_file_range(dir, NULL, out, NULL, 4, 0), EISDIR);
	CHECK_ERR(copy_file_range(in, &off, dir, NULL, 4, 0), EISDIR);
	CHECK(pipe(p) == 0);
	CHECK_ERR(copy_file_range(in, &off, p[1], NULL, 4, 0), EINVAL);
	CHECK_ERR(copy_file_range(p[0], NULL, out, NULL, 4, 0), EINVAL);
	CHECK_ERR(copy_file_range(in, (loff_t *)8, out, NULL, 4, 0), EFAULT);
	CHECK_ERR(copy_file_range(in, NULL, out, (loff_t *)8, 4, 0), EFAULT);
	off = -4096;
	CHECK_ERR(copy_file_range(in, &off, out, NULL, 4, 0), EINVAL);
	CHECK_ERR(copy_file_range(in, NULL, out, &off, 4, 0), EINVAL);
	off = -1;
	CHECK_ERR(copy_file_range(in, &off, out, NULL, 4, 0), EOVERFLOW);
	CHECK(off == -1);

	CHECK(mkdir("/tmp/cfr-mnt", 0755) == 0 || errno == EEXIST);
	CHECK(mount("tmpfs", "/tmp/cfr-mnt", "tmpfs", 0, NULL) == 0);
	other = open_new("/tmp/cfr-mnt/f", O_RDWR);
	CHECK_ERR(copy_file_range(in, NULL, other, NULL, 4, 0), EXDEV);
	CHECK_ERR(copy_file_range(other, NULL, in, NULL, 4, 0), EXDEV);
	CHECK(close(other) == 0);
	CHECK(umount("/tmp/cfr-mnt") == 0);
	CHECK(rmdir("/tmp/cfr-mnt") == 0);
	close(p[0]);
	close(p[1]);
	close(dir);
	close(app);
	close(rd);
	close(wr);
	close(in);
	close(out);
}

int main(void)
{
	test_offsets_and_positions();
	test_pages_and_holes();
	test_same_file();
	test_errors();
	unlink(SRC);
	unlink(DST);
	return 0;
}
