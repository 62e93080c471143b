/*
 * vfork + execve: the parent resumes once the child has executed a new
 * program (it does not wait for that program to end), the child keeps its
 * pid and parent across execve, and a store the child made before execve
 * (in the borrowed memory) is seen by the parent.  The new program is this
 * test again, with arguments saying what to check.
 */
#include <stdlib.h>
#include "utest.h"

int main(int argc, char **argv)
{
	volatile int before = 1;
	char ppid[16];
	pid_t pid;
	int status;

	if (argc == 3 && strcmp(argv[1], "child") == 0) {
		/* The new image: same parent; it outlives the parent's resume. */
		CHECK(getppid() == atoi(argv[2]));
		utest_sleep_ms(300);
		_exit(9);
	}
	snprintf(ppid, sizeof(ppid), "%d", getpid());
	{
		char *args[] = { argv[0], "child", ppid, NULL };

		pid = vfork();
		if (pid == 0) {
			before = 2;	/* the vfork child shares our stack frame */
			execv(utest_self(argv[0]), args);
			_exit(127);
		}
	}
	CHECK(pid > 0);
	CHECK(before == 2);
	/* Resumed at execve: the child is still sleeping in its new image. */
	CHECK(waitpid(pid, &status, WNOHANG) == 0);
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9);
	return 0;
}
