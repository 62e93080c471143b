/*
 * read(2), write(2) and their vector and positioned forms, lseek(2):
 * positions shared by dup'ed descriptors, holes reading as zeroes, and
 * the errors for bad descriptors, bad buffers and unseekable files.
 */
#include <sys/uio.h>
#include "fs_util.h"

static void basic_io(void)
{
	char buf[32];
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644), fd2;

	CHECK(fd >= 0);
	CHECK(write(fd, "0123456789", 10) == 10);
	CHECK(write(fd, "", 0) == 0);
	CHECK(lseek(fd, 0, SEEK_CUR) == 10);
	CHECK(read(fd, buf, sizeof(buf)) == 0);			/* at EOF */
	CHECK(lseek(fd, 2, SEEK_SET) == 2);
	CHECK(read(fd, buf, 3) == 3 && memcmp(buf, "234", 3) == 0);
	CHECK(lseek(fd, -2, SEEK_CUR) == 3);
	CHECK(lseek(fd, -1, SEEK_END) == 9);
	CHECK(read(fd, buf, 5) == 1 && buf[0] == '9');
	CHECK_ERR(lseek(fd, -20, SEEK_END), EINVAL);
	CHECK_ERR(lseek(fd, 0, 42), EINVAL);
	/* dup shares the position */
	fd2 = dup(fd);
	CHECK(lseek(fd, 4, SEEK_SET) == 4);
	CHECK(lseek(fd2, 0, SEEK_CUR) == 4);
	CHECK(close(fd2) == 0);
	/* a second open has its own */
	fd2 = open("f", O_RDONLY);
	CHECK(lseek(fd2, 0, SEEK_CUR) == 0);
	CHECK(close(fd2) == 0);
	CHECK(close(fd) == 0);
}

static void positioned(void)
{
	char buf[16];
	int fd = open("f", O_RDWR);

	CHECK(fd >= 0);
	CHECK(pwrite(fd, "AB", 2, 1) == 2);
	CHECK(lseek(fd, 0, SEEK_CUR) == 0);			/* pwrite keeps the position */
	CHECK(pread(fd, buf, 4, 0) == 4 && memcmp(buf, "0AB3", 4) == 0);
	CHECK(pread(fd, buf, 4, 100) == 0);
	CHECK_ERR(pread(fd, buf, 4, -1), EINVAL);
	CHECK(close(fd) == 0);
}

static void holes(void)
{
	char buf[8192];
	struct stat st;
	int fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK(pwrite(fd, "x", 1, 100000) == 1);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 100001);
	CHECK(pread(fd, buf, sizeof(buf), 50000) == (ssize_t)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK(buf[i] == 0);
	CHECK(lseek(fd, 0, SEEK_DATA) >= 0);
	CHECK(lseek(fd, 100000, SEEK_HOLE) == 100001);
	CHECK_ERR(lseek(fd, 200000, SEEK_DATA), ENXIO);
	CHECK(ftruncate(fd, 10) == 0);
	CHECK(ftruncate(fd, 5000) == 0);			/* grows back with zeroes */
	CHECK(pread(fd, buf, 10, 4000) == 10 && buf[0] == 0 && buf[9] == 0);
	CHECK(close(fd) == 0);
}

static void vectors(void)
{
	char a[3], b[4];
	struct iovec w[3] = { { "abc", 3 }, { NULL, 0 }, { "defg", 4 } };
	struct iovec r[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	int fd = open("v", O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	CHECK(writev(fd, w, 3) == 7);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(readv(fd, r, 2) == 7);
	CHECK(memcmp(a, "abc", 3) == 0 && memcmp(b, "defg", 4) == 0);
	CHECK(pwritev(fd, w, 1, 10) == 3);
	CHECK(preadv(fd, r, 1, 10) == 3 && memcmp(a, "abc", 3) == 0);
	CHECK_ERR(readv(fd, r, -1), EINVAL);
	CHECK_ERR(writev(fd, w, 1025), EINVAL);
	CHECK_ERR(readv(fd, (struct iovec *)8, 1), EFAULT);
	CHECK(close(fd) == 0);
}

static void errors(void)
{
	char buf[4];
	int fds[2], fd = open("f", O_RDONLY), d = open(".", O_RDONLY);

	CHECK_ERR(write(fd, "x", 1), EBADF);
	CHECK_ERR(read(-1, buf, 1), EBADF);
	CHECK_ERR(read(fd, (void *)8, 4), EFAULT);
	CHECK_ERR(read(d, buf, sizeof(buf)), EISDIR);
	CHECK(pipe(fds) == 0);
	CHECK_ERR(lseek(fds[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERR(pread(fds[0], buf, 1, 0), ESPIPE);
	CHECK_ERR(pwrite(fds[1], "x", 1, 0), ESPIPE);
	CHECK(close(fds[0]) == 0 && close(fds[1]) == 0);
	fd = open("f", O_WRONLY);
	CHECK_ERR(read(fd, buf, 1), EBADF);
	CHECK(close(fd) == 0 && close(d) == 0);
}

/* A file bigger than a few pages survives a write/read round trip. */
static void big(void)
{
	static char out[300000], in[300000];
	int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);

	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7 + i / 4096);
	CHECK(fd >= 0 && write(fd, out, sizeof(out)) == (ssize_t)sizeof(out));
	CHECK(pread(fd, in, sizeof(in), 0) == (ssize_t)sizeof(in));
	CHECK(memcmp(in, out, sizeof(in)) == 0);
	CHECK(close(fd) == 0);
}

int main(void)
{
	fs_scratch("fs_rw");
	basic_io();
	positioned();
	holes();
	vectors();
	errors();
	big();
	return 0;
}
