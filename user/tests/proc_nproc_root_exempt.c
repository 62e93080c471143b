/*
 * RLIMIT_NPROC does not apply to root: with the limit at 1, root can still
 * fork (Linux exempts the root user and CAP_SYS_RESOURCE/CAP_SYS_ADMIN).
 * The same limit stops a non-root process's first fork with EAGAIN.
 */
#define _GNU_SOURCE
#include <sys/resource.h>
#include "utest.h"

int main(void)
{
	struct rlimit one = { 1, 1 };
	pid_t child, kids[3];

	child = utest_fork();
	if (child == 0) {
		CHECK(setrlimit(RLIMIT_NPROC, &one) == 0);
		for (int i = 0; i < 3; i++) {
			kids[i] = utest_fork();
			if (kids[i] == 0)
				_exit(0);
		}
		for (int i = 0; i < 3; i++)
			CHECK_CHILD_OK(kids[i]);
		CHECK(setresuid(1000, 1000, 1000) == 0);
		CHECK_ERRNO(fork(), EAGAIN);
		_exit(0);
	}
	CHECK_CHILD_OK(child);
	return 0;
}
