/*
 * A child killed by a signal whose default action is "core" (SIGABRT from
 * abort(), SIGSEGV from raise() and from a NULL store, SIGQUIT) reports
 * WIFSIGNALED with that signal.  With RLIMIT_CORE at 0 no core file is
 * written, and Linux then leaves WCOREDUMP (0x80) clear: the flag means a
 * core was really dumped.  A "terminate" signal (SIGTERM) never has it.
 */
#include <signal.h>
#include <sys/resource.h>
#include "utest.h"

static int die_by(int how)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		struct rlimit rl = { 0, 0 };

		CHECK(setrlimit(RLIMIT_CORE, &rl) == 0);
		switch (how) {
		case 0:
			abort();
		case 1:
			raise(SIGSEGV);
			break;
		case 2:
			*(volatile int *)0 = 1;
			break;
		case 3:
			raise(SIGQUIT);
			break;
		case 4:
			raise(SIGTERM);
			break;
		}
		_exit(99);
	}
	return utest_wait(pid);
}

int main(void)
{
	static const int sig[] = { SIGABRT, SIGSEGV, SIGSEGV, SIGQUIT, SIGTERM };

	for (int i = 0; i < 5; i++) {
		int status = die_by(i);

		if (!WIFSIGNALED(status) || WTERMSIG(status) != sig[i] || WCOREDUMP(status))
			fprintf(stderr, "case %d: status 0x%x\n", i, status);
		CHECK(WIFSIGNALED(status));
		CHECK(!WIFEXITED(status) && !WIFSTOPPED(status));
		CHECK(WTERMSIG(status) == sig[i]);
		CHECK(!WCOREDUMP(status));
		CHECK(status == sig[i]);
	}
	return 0;
}
