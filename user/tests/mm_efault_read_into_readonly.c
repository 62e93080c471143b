/*
 * read(2) from a pipe into a read-only page fails with EFAULT: the kernel
 * refuses to write where the process itself may not, and the caller lives.
 * The same read into a writable buffer then works.
 */
#include <sys/mman.h>
#include "utest.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *ro, buf[16];
	int fds[2];

	ro = mmap(NULL, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED);
	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], "hello", 5) == 5);
	CHECK_ERRNO(read(fds[0], ro, 5), EFAULT);
	CHECK(ro[0] == 0);
	CHECK(write(fds[1], "world", 5) == 5);
	CHECK(read(fds[0], buf, sizeof(buf)) >= 5);
	return 0;
}
