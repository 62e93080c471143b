/*
 * With RLIMIT_CORE unlimited, a process killed by SIGSEGV (raise) or
 * SIGABRT (abort) dumps core into a file named "core" in its working
 * directory (Linux's default core_pattern), and its wait status has
 * WCOREDUMP (0x80) set next to the signal number.
 */
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "utest.h"

static int die_by(int sig)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };

		CHECK(setrlimit(RLIMIT_CORE, &rl) == 0);
		CHECK(chdir("/tmp") == 0);
		if (sig == SIGABRT)
			abort();
		raise(sig);
		_exit(99);
	}
	return utest_wait(pid);
}

int main(void)
{
	static const int sig[] = { SIGSEGV, SIGABRT };
	struct stat st;

	for (int i = 0; i < 2; i++) {
		int status;

		unlink("/tmp/core");
		status = die_by(sig[i]);
		if (status != (sig[i] | 0x80))
			fprintf(stderr, "signal %d: status 0x%x\n", sig[i], status);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == sig[i]);
		CHECK(WCOREDUMP(status));
		CHECK(status == (sig[i] | 0x80));
		CHECK(stat("/tmp/core", &st) == 0);
		CHECK(S_ISREG(st.st_mode) && st.st_size > 0);
		CHECK(unlink("/tmp/core") == 0);
	}
	return 0;
}
