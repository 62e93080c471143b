/*
 * fadvise64 on memory-backed files (tmpfs here, as Linux's initramfs):
 * every valid advice is accepted and changes nothing; a negative length
 * or an unknown advice is EINVAL, a pipe ESPIPE (even with bad advice),
 * a bad descriptor EBADF.  The file's contents are untouched by
 * POSIX_FADV_DONTNEED (tmpfs pages are the data).
 */
#include <fcntl.h>
#include <sys/syscall.h>
#include "utest.h"

static long fadvise(int fd, long off, long len, int advice)
{
	return syscall(SYS_fadvise64, fd, off, len, advice);
}

int main(void)
{
	int fd = open("/tmp/mm_fadvise", O_RDWR | O_CREAT | O_TRUNC, 0644), p[2];
	char buf[5];

	CHECK(fd >= 0 && write(fd, "hello", 5) == 5);
	for (int advice = POSIX_FADV_NORMAL; advice <= POSIX_FADV_NOREUSE; advice++)
		CHECK(fadvise(fd, 0, 0, advice) == 0);
	CHECK(fadvise(fd, 1 << 20, 4096, POSIX_FADV_WILLNEED) == 0);	/* past EOF */
	CHECK(pread(fd, buf, 5, 0) == 5 && memcmp(buf, "hello", 5) == 0);
	CHECK_ERRNO(fadvise(fd, 0, -1, POSIX_FADV_NORMAL), EINVAL);
	CHECK_ERRNO(fadvise(fd, 0, 0, 6), EINVAL);
	CHECK_ERRNO(fadvise(fd, 0, 0, -1), EINVAL);
	CHECK(pipe(p) == 0);
	CHECK_ERRNO(fadvise(p[0], 0, 0, POSIX_FADV_NORMAL), ESPIPE);
	CHECK_ERRNO(fadvise(p[1], 0, 0, 99), ESPIPE);
	CHECK_ERRNO(fadvise(1000, 0, 0, POSIX_FADV_NORMAL), EBADF);
	CHECK(close(fd) == 0);
	CHECK_ERRNO(fadvise(fd, 0, 0, POSIX_FADV_NORMAL), EBADF);
	CHECK(unlink("/tmp/mm_fadvise") == 0);
	return 0;
}
