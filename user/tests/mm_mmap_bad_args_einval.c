/*
 * mmap(2) argument rules for anonymous memory: length 0 is EINVAL, flags
 * with neither MAP_PRIVATE nor MAP_SHARED are EINVAL, an offset that is not
 * page aligned is EINVAL, and a file mapping of fd -1 is EBADF.
 */
#include <sys/mman.h>
#include <sys/syscall.h>
#include "utest.h"

/* The system call itself: musl's mmap() rejects some of these on its own. */
static void *raw_mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	int prot = PROT_READ | PROT_WRITE;

	CHECK(raw_mmap(NULL, 0, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK(errno == EINVAL);
	CHECK(raw_mmap(NULL, pg, prot, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK(errno == EINVAL);
	CHECK(raw_mmap(NULL, pg, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1) == MAP_FAILED);
	CHECK(errno == EINVAL);
	CHECK(raw_mmap(NULL, pg, prot, MAP_PRIVATE, -1, 0) == MAP_FAILED);
	CHECK(errno == EBADF);
	return 0;
}
