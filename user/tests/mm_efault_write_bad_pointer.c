/*
 * A system call given a bad user pointer fails with EFAULT instead of
 * killing the caller: write(2) from address 1, from NULL, from a kernel
 * address and from an unmapped page.  Nothing is written.
 */
#include <stdint.h>
#include <sys/mman.h>
#include "utest.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *gone;

	CHECK_ERRNO(write(1, (void *)1, 10), EFAULT);
	CHECK_ERRNO(write(1, NULL, 10), EFAULT);
	CHECK_ERRNO(write(1, (void *)(uintptr_t)0xffffffff81000000ULL, 10), EFAULT);
	gone = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(gone != MAP_FAILED);
	CHECK(munmap(gone, pg) == 0);
	CHECK_ERRNO(write(1, gone, 10), EFAULT);
	/* A PROT_NONE page is just as unreadable to the kernel. */
	gone = mmap(NULL, pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(gone != MAP_FAILED);
	CHECK_ERRNO(write(1, gone, 10), EFAULT);
	/* A zero-length write does not look at the buffer. */
	CHECK(write(1, (void *)1, 0) == 0);
	return 0;
}
