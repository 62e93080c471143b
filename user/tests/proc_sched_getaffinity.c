/*
 * sched_getaffinity(2), the system call itself: the caller (pid 0, or
 * its own pid or a thread's tid) may run on every online CPU; the call
 * writes only the mask's bytes, leaves the rest of a larger buffer alone,
 * returns how many it wrote; an unknown pid is ESRCH; a length that is
 * not a multiple of a long, or too short, EINVAL.
 */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include "utest.h"

int main(void)
{
	unsigned long buf[4];
	long n, cpus = sysconf(_SC_NPROCESSORS_ONLN);
	pid_t child;

	memset(buf, 0xa5, sizeof(buf));
	n = syscall(SYS_sched_getaffinity, 0, sizeof(buf), buf);
	CHECK(n == sizeof(unsigned long));
	CHECK(buf[0] == (cpus >= 64 ? ~0ul : (1ul << cpus) - 1));
	CHECK(buf[1] == 0xa5a5a5a5a5a5a5a5ul && buf[3] == 0xa5a5a5a5a5a5a5a5ul);
	CHECK(syscall(SYS_sched_getaffinity, getpid(), sizeof(buf), buf) == n);
	CHECK(syscall(SYS_sched_getaffinity, 0, 4, buf) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_sched_getaffinity, 0, 12, buf) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_sched_getaffinity, 0, sizeof(buf), NULL) == -1 && errno == EFAULT);
	child = utest_fork();
	if (child == 0)
		_exit(0);
	CHECK(utest_wait(child) == 0);
	CHECK(syscall(SYS_sched_getaffinity, child, sizeof(buf), buf) == -1 && errno == ESRCH);
	CHECK(syscall(SYS_sched_getaffinity, -1, sizeof(buf), buf) == -1 && errno == ESRCH);
	return 0;
}
