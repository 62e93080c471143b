/*
 * sendfile(2) from a file to a pipe: with an offset pointer the file
 * position stays put and the offset advances; without one the position
 * advances; count past EOF copies what there is; a write-only source is
 * EBADF and an O_APPEND destination EINVAL.
 */
#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>
#include "utest.h"

int main(void)
{
	const char msg[] = "0123456789abcdef";
	char buf[64];
	int fd, p[2], w;
	off_t off = 4;

	fd = open("/tmp/sendfile-src", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK(write(fd, msg, 16) == 16);
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	CHECK(pipe(p) == 0);

	CHECK(sendfile(p[1], fd, &off, 6) == 6);
	CHECK(off == 10);
	CHECK(lseek(fd, 0, SEEK_CUR) == 0);	/* position untouched */
	CHECK(read(p[0], buf, sizeof(buf)) == 6);
	CHECK(memcmp(buf, "456789", 6) == 0);

	CHECK(sendfile(p[1], fd, NULL, 100) == 16);	/* to EOF */
	CHECK(lseek(fd, 0, SEEK_CUR) == 16);
	CHECK(read(p[0], buf, sizeof(buf)) == 16);
	CHECK(memcmp(buf, msg, 16) == 0);
	CHECK(sendfile(p[1], fd, NULL, 100) == 0);	/* at EOF */

	w = open("/tmp/sendfile-src", O_WRONLY);
	CHECK(w >= 0);
	CHECK_ERRNO(sendfile(p[1], w, NULL, 4), EBADF);
	close(w);
	w = open("/tmp/sendfile-dst", O_WRONLY | O_CREAT | O_APPEND, 0600);
	CHECK(w >= 0);
	CHECK_ERRNO(sendfile(w, fd, &off, 4), EINVAL);
	close(w);
	CHECK(unlink("/tmp/sendfile-src") == 0);
	CHECK(unlink("/tmp/sendfile-dst") == 0);
	return 0;
}
