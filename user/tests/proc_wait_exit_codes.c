/*
 * wait4's status word for a normal exit: WIFEXITED with the low 8 bits of
 * the exit code (0, 1, 42, 255, and 256 reads as 0), never WIFSIGNALED or
 * WIFSTOPPED; the raw word is code << 8.  Children are reaped in whatever
 * order wait(-1) reports them, each exactly once.
 */
#include "utest.h"

static const int codes[] = { 0, 1, 42, 255, 256, 300 };
#define N (int)(sizeof(codes) / sizeof(codes[0]))

int main(void)
{
	pid_t pids[N];
	int seen[N] = { 0 };

	for (int i = 0; i < N; i++) {
		pids[i] = utest_fork();
		if (pids[i] == 0)
			_exit(codes[i]);
	}
	for (int n = 0; n < N; n++) {
		int status, i;
		pid_t pid = wait(&status);

		CHECK(pid > 0);
		for (i = 0; i < N && pids[i] != pid; i++)
			;
		CHECK(i < N);
		CHECK(!seen[i]);
		seen[i] = 1;
		CHECK(WIFEXITED(status));
		CHECK(!WIFSIGNALED(status) && !WIFSTOPPED(status));
		CHECK(WEXITSTATUS(status) == (codes[i] & 0xff));
		CHECK(status == (codes[i] & 0xff) << 8);
	}
	CHECK_ERRNO(wait(NULL), ECHILD);
	return 0;
}
