/*
 * A pending alarm(2) survives execve (the new program gets SIGALRM at the
 * same time) but is not inherited by a forked child, whose alarm(0)
 * returns 0.  (The test runner relies on the first half for timeouts.)
 */
#include <signal.h>
#include <stdlib.h>
#include "utest.h"

int main(int argc, char **argv)
{
	pid_t child;

	if (argc == 2 && strcmp(argv[1], "after-exec") == 0) {
		unsigned left = alarm(0);

		/* 10 s were set a moment ago: 10 after rounding, 9 at worst. */
		CHECK(left == 10 || left == 9);
		_exit(0);
	}
	alarm(10);
	child = utest_fork();
	if (child == 0) {
		CHECK(alarm(0) == 0);
		_exit(0);
	}
	CHECK_CHILD_OK(child);

	child = utest_fork();
	if (child == 0) {
		char *args[] = { argv[0], "after-exec", NULL };

		alarm(10);
		execv(utest_self(argv[0]), args);
		_exit(127);
	}
	CHECK_CHILD_OK(child);
	alarm(20);
	return 0;
}
