/*
 * An anonymous mapping larger than the user address space fails with
 * ENOMEM (128 TiB, and a length that overflows when rounded to pages);
 * the process carries on and small mappings still work.
 */
#include <stdint.h>
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
	int prot = PROT_READ | PROT_WRITE;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	char *a;

	CHECK(raw_mmap(NULL, (size_t)1 << 47, prot, flags, -1, 0) == MAP_FAILED);
	CHECK(errno == ENOMEM);
	CHECK(raw_mmap(NULL, (size_t)1 << 62, prot, flags, -1, 0) == MAP_FAILED);
	CHECK(errno == ENOMEM);
	CHECK(raw_mmap(NULL, SIZE_MAX - 100, prot, flags, -1, 0) == MAP_FAILED);
	CHECK(errno == ENOMEM);
	a = raw_mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	a[0] = 1;
	return 0;
}
