/*
 * kill(2) of a pid nobody has is ESRCH (signal 0 as well, and for a child
 * that has been reaped); kill(pid, 0) of a live process checks existence
 * and succeeds; an invalid signal number is EINVAL.
 */
#include <signal.h>
#include "utest.h"

int main(void)
{
	pid_t child;
	int status;

	CHECK(kill(getpid(), 0) == 0);
	CHECK(kill(1, 0) == 0);
	CHECK_ERRNO(kill(4000000, SIGTERM), ESRCH);
	CHECK_ERRNO(kill(4000000, 0), ESRCH);
	CHECK_ERRNO(kill(getpid(), 65), EINVAL);
	CHECK_ERRNO(kill(getpid(), -1), EINVAL);

	child = utest_fork();
	if (child == 0)
		_exit(0);
	status = utest_wait(child);
	CHECK(WIFEXITED(status));
	/* Reaped: the pid is free (nothing else was started since). */
	CHECK_ERRNO(kill(child, SIGTERM), ESRCH);
	CHECK_ERRNO(kill(child, 0), ESRCH);
	return 0;
}
