/*
 * getpid(2) and getppid(2) agree across fork: the child sees its parent's
 * pid as getppid(), a pid of its own, and the parent's wait4 returns it.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

int main(void)
{
	pid_t me = getpid(), child;
	int status;

	CHECK(me > 1);
	CHECK(getpid() == me);
	CHECK(getppid() == 1);	/* the test runner is init */
	child = fork();
	CHECK(child >= 0);
	if (child == 0) {
		/* Exit codes say which expectation broke. */
		if (getppid() != me)
			_exit(2);
		if (getpid() == me || getpid() <= 1)
			_exit(3);
		_exit(0);
	}
	CHECK(child != me);
	CHECK(waitpid(child, &status, 0) == child);
	CHECK(WIFEXITED(status));
	CHECK(WEXITSTATUS(status) == 0);
	return 0;
}
