/*
 * fallocate(2) and lseek SEEK_DATA/SEEK_HOLE on tmpfs (a fresh tmpfs
 * mount, the same on both kernels).  Mode 0 extends the size and reads
 * as zeroes, keeping what was written; FALLOC_FL_KEEP_SIZE keeps the
 * size; PUNCH_HOLE|KEEP_SIZE zeroes a range and frees its whole pages;
 * other modes are EOPNOTSUPP and bad arguments EINVAL, EBADF, ESPIPE,
 * EFBIG as Linux checks them; more than memory holds is ENOSPC.  SEEK_DATA/SEEK_HOLE see pages: written
 * ones are data, missing ones holes, and so are pages fallocate added
 * that nobody wrote yet (tmpfs: not uptodate); past the end is ENXIO.
 */
#define _GNU_SOURCE
#include <sys/mount.h>
#include "fs_util.h"

/* musl names only the first two modes; the values are Linux's. */
#ifndef FALLOC_FL_COLLAPSE_RANGE
#define FALLOC_FL_COLLAPSE_RANGE	0x08
#define FALLOC_FL_ZERO_RANGE		0x10
#define FALLOC_FL_INSERT_RANGE		0x20
#endif

#define MNT "/tmp/falloc-mnt"
#define PG 4096

static int new_file(void)
{
	int fd = open(MNT "/f", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	return fd;
}

static off_t size_of(int fd)
{
	struct stat st;

	CHECK(fstat(fd, &st) == 0);
	return st.st_size;
}

static void expect_zero(int fd, off_t at, size_t len)
{
	static char buf[4 * PG];

	CHECK(len <= sizeof(buf));
	CHECK(pread(fd, buf, len, at) == (ssize_t)len);
	for (size_t i = 0; i < len; i++)
		CHECK(buf[i] == 0);
}

static void test_allocate(void)
{
	int fd = new_file();
	char c;

	CHECK(write(fd, "abc", 3) == 3);
	CHECK(fallocate(fd, 0, 0, 10000) == 0);
	CHECK(size_of(fd) == 10000);
	CHECK(pread(fd, &c, 1, 2) == 1 && c == 'c');
	expect_zero(fd, 3, 9997);
	CHECK(fallocate(fd, FALLOC_FL_KEEP_SIZE, 9000, 8000) == 0);
	CHECK(size_of(fd) == 10000);
	CHECK(fallocate(fd, 0, 5, 10) == 0);	/* inside: size stays */
	CHECK(size_of(fd) == 10000);
	CHECK(fallocate(fd, 0, 20000, 100) == 0);
	CHECK(size_of(fd) == 20100);
	expect_zero(fd, 10000, 10100);
	CHECK(close(fd) == 0);
}

static void test_errors(void)
{
	int fd = new_file(), rd, dir, p[2];

	CHECK_ERR(fallocate(fd, 0, 0, 0), EINVAL);
	CHECK_ERR(fallocate(fd, 0, -1, 10), EINVAL);
	CHECK_ERR(fallocate(fd, 0, 0, -10), EINVAL);
	CHECK_ERR(fallocate(fd, 0x80, 0, 10), EOPNOTSUPP);
	CHECK_ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10), EOPNOTSUPP);
	CHECK_ERR(fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, 10), EOPNOTSUPP);
	CHECK_ERR(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE, 0, PG), EOPNOTSUPP);
	CHECK_ERR(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_KEEP_SIZE, 0, 10), EINVAL);
	CHECK_ERR(fallocate(fd, FALLOC_FL_INSERT_RANGE | FALLOC_FL_KEEP_SIZE, 0, 10), EINVAL);
	CHECK_ERR(fallocate(-1, 0, 0, 10), EBADF);
	rd = open(MNT "/f", O_RDONLY);
	CHECK(rd >= 0);
	CHECK_ERR(fallocate(rd, 0, 0, 10), EBADF);
	dir = open(MNT, O_RDONLY | O_DIRECTORY);
	CHECK(dir >= 0);
	CHECK_ERR(fallocate(dir, 0, 0, 10), EBADF);	/* the write check comes first */
	CHECK(pipe(p) == 0);
	CHECK_ERR(fallocate(p[1], 0, 0, 10), ESPIPE);
	CHECK_ERR(fallocate(fd, 0, 0x7fffffffffffff00LL, 0x1000), EFBIG);
	CHECK_ERR(fallocate(fd, 0, 0, 1LL << 30), ENOSPC);	/* more than RAM holds */
	CHECK(size_of(fd) == 0);
	close(p[0]);
	close(p[1]);
	close(dir);
	close(rd);
	CHECK(close(fd) == 0);
}

static void test_seek(void)
{
	int fd = new_file();
	off_t size = 3 * PG + 100;

	CHECK(ftruncate(fd, size) == 0);	/* all hole */
	CHECK_ERR(lseek(fd, 0, SEEK_DATA), ENXIO);
	CHECK(lseek(fd, 0, SEEK_HOLE) == 0);
	CHECK(lseek(fd, 5000, SEEK_HOLE) == 5000);
	CHECK(pwrite(fd, "d", 1, PG + 10) == 1);
	CHECK(lseek(fd, 0, SEEK_DATA) == PG);
	CHECK(lseek(fd, 0, SEEK_CUR) == PG);	/* the position moved */
	CHECK(lseek(fd, 5000, SEEK_DATA) == 5000);
	CHECK(lseek(fd, PG, SEEK_HOLE) == 2 * PG);
	CHECK_ERR(lseek(fd, 2 * PG, SEEK_DATA), ENXIO);
	CHECK(lseek(fd, 2 * PG, SEEK_HOLE) == 2 * PG);
	CHECK(pwrite(fd, "e", 1, 3 * PG + 50) == 1);
	CHECK(lseek(fd, 2 * PG, SEEK_DATA) == 3 * PG);
	CHECK(lseek(fd, 3 * PG, SEEK_HOLE) == size);	/* the end counts as a hole */
	CHECK_ERR(lseek(fd, size, SEEK_DATA), ENXIO);
	CHECK_ERR(lseek(fd, size, SEEK_HOLE), ENXIO);
	CHECK_ERR(lseek(fd, -1, SEEK_HOLE), ENXIO);
	CHECK(lseek(fd, 0, SEEK_CUR) == size);	/* failures leave it */

	/* fallocated but never written: still a hole; a write makes it data. */
	CHECK(fallocate(fd, 0, 0, PG) == 0);
	CHECK(lseek(fd, 0, SEEK_HOLE) == 0);
	CHECK(lseek(fd, 0, SEEK_DATA) == PG);
	CHECK(pwrite(fd, "f", 1, 100) == 1);
	CHECK(lseek(fd, 0, SEEK_DATA) == 0);
	CHECK(lseek(fd, 0, SEEK_HOLE) == 2 * PG);
	CHECK(close(fd) == 0);
}

static void test_punch(void)
{
	static char page[3 * PG];
	int fd = new_file();
	char c;

	memset(page, 'a', sizeof(page));
	CHECK(write(fd, page, sizeof(page)) == (ssize_t)sizeof(page));
	CHECK(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 100, 2 * PG) == 0);
	CHECK(size_of(fd) == 3 * PG);
	CHECK(pread(fd, &c, 1, 99) == 1 && c == 'a');
	expect_zero(fd, 100, 2 * PG);
	CHECK(pread(fd, &c, 1, 2 * PG + 100) == 1 && c == 'a');
	CHECK(lseek(fd, 0, SEEK_HOLE) == PG);	/* only the whole page went */
	CHECK(lseek(fd, PG, SEEK_DATA) == 2 * PG);
	/* Punching past the end changes nothing visible. */
	CHECK(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 3 * PG, PG) == 0);
	CHECK(size_of(fd) == 3 * PG);
	CHECK(close(fd) == 0);
}

int main(void)
{
	CHECK(mkdir(MNT, 0755) == 0 || errno == EEXIST);
	CHECK(mount("tmpfs", MNT, "tmpfs", 0, NULL) == 0);
	test_allocate();
	test_errors();
	test_seek();
	test_punch();
	CHECK(unlink(MNT "/f") == 0);
	CHECK(umount(MNT) == 0);
	CHECK(rmdir(MNT) == 0);
	return 0;
}
