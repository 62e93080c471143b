/*
 * vfork(2): the child borrows the parent's memory and the parent stays
 * suspended until the child calls _exit, even when the child sleeps; the
 * parent then sees every store the child made, and waitpid gives the
 * child's exit code.
 */
#include "utest.h"

int main(void)
{
	volatile int step = 0;
	volatile pid_t child_pid = 0;
	pid_t me = getpid(), pid;
	int status;

	pid = vfork();
	if (pid == 0) {
		child_pid = getpid();
		step = 1;
		{
			struct timespec t = { 0, 100 * 1000000L };

			nanosleep(&t, NULL);	/* the parent must not run now */
		}
		step = getppid() == me ? 2 : -1;
		_exit(5);
	}
	CHECK(pid > 0);
	/* We only run again once the child is gone. */
	CHECK(step == 2);
	CHECK(child_pid == pid);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
	return 0;
}
