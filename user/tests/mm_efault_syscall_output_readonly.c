/*
 * A system call that stores its result into a read-only page, NULL or a
 * kernel address fails with EFAULT: uname(2), clock_gettime(2) and
 * getrusage(2), called directly (libc may answer clock_gettime from the
 * vDSO, which would fault in user mode instead).
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "utest.h"

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	void *kernel = (void *)(uintptr_t)0xffffffff81000000ULL;
	char *ro;

	ro = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(ro != MAP_FAILED);
	CHECK_ERRNO(syscall(SYS_uname, ro), EFAULT);
	CHECK_ERRNO(syscall(SYS_uname, NULL), EFAULT);
	CHECK_ERRNO(syscall(SYS_uname, kernel), EFAULT);
	CHECK_ERRNO(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, ro), EFAULT);
	CHECK_ERRNO(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, kernel), EFAULT);
	CHECK_ERRNO(syscall(SYS_getrusage, 0, ro + pg), EFAULT);
	for (long i = 0; i < 2 * pg; i++)
		CHECK(ro[i] == 0);
	return 0;
}
