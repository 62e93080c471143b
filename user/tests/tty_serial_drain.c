/*
 * Output queued for the serial line: tcdrain() waits until it is sent,
 * after which TIOCOUTQ reports nothing queued; tcflush(TCOFLUSH) drops
 * queued output; bad tcflush and tcflow arguments are EINVAL.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "utest.h"

int main(void)
{
	char line[2048];
	int fd = open("/dev/console", O_WRONLY | O_NOCTTY);
	int queued = -1;

	CHECK(fd >= 0);
	memset(line, '.', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	CHECK(write(fd, line, sizeof(line)) == (ssize_t)sizeof(line));
	CHECK(tcdrain(fd) == 0);
	CHECK(ioctl(fd, TIOCOUTQ, &queued) == 0 && queued == 0);

	CHECK(write(fd, line, sizeof(line)) == (ssize_t)sizeof(line));
	CHECK(tcflush(fd, TCOFLUSH) == 0);
	CHECK(tcdrain(fd) == 0);
	CHECK(ioctl(fd, TIOCOUTQ, &queued) == 0 && queued == 0);
	write(fd, "\n", 1);	/* end whatever part of the dots got out */

	CHECK_ERRNO(tcflush(fd, 3), EINVAL);
	CHECK_ERRNO(tcflow(fd, 4), EINVAL);
	close(fd);
	return 0;
}
