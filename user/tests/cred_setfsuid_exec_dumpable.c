/*
 * execve(2) after setfsuid(2): the new program's fs id goes back to its
 * effective id, and Linux's commit_creds() treats that change of fs id
 * like a change of effective id: the process is no longer dumpable
 * (fs.suid_dumpable, 0 by default) and its parent-death signal is reset.
 * A plain exec keeps both.
 */
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include "utest.h"

static int after(const char *mode)
{
	int sig = -1;

	CHECK(prctl(PR_GET_PDEATHSIG, &sig) == 0);
	if (strcmp(mode, "plain") == 0) {
		CHECK(prctl(PR_GET_DUMPABLE) == 1);
		CHECK(sig == SIGUSR1);
	} else {
		CHECK(prctl(PR_GET_DUMPABLE) == 0);
		CHECK(sig == 0);
	}
	return 0;
}

static void run(const char *self, const char *mode)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		char *args[] = { "cred_setfsuid_exec_dumpable", "after", (char *)mode, NULL };

		CHECK(prctl(PR_SET_PDEATHSIG, SIGUSR1) == 0);
		if (strcmp(mode, "fsuid") == 0) {
			setfsuid(1000);
			CHECK(setfsuid(-1) == 1000);
		} else if (strcmp(mode, "fsgid") == 0) {
			setfsgid(1000);
			CHECK(setfsgid(-1) == 1000);
		}
		execv(self, args);
		_exit(127);
	}
	CHECK(utest_wait(pid) == 0);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "after") == 0)
		return after(argv[2]);
	CHECK(geteuid() == 0);
	run(utest_self(argv[0]), "plain");
	run(utest_self(argv[0]), "fsuid");
	run(utest_self(argv[0]), "fsgid");
	return 0;
}
