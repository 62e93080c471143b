/*
 * prctl options about the process, as Linux 6.1:
 *   PR_SET/GET_DUMPABLE: 0 or 1 only; inherited by fork, reset by exec;
 *     a change of effective uid clears it, and then the process's /proc
 *     files (not its directory) belong to root and it leaves no core dump;
 *   PR_SET/GET_NO_NEW_PRIVS: set once for good (arguments must be exact),
 *     kept by fork and exec;
 *   PR_SET/GET_CHILD_SUBREAPER: orphaned descendants are adopted by the
 *     subreaper instead of init;
 *   PR_SET/GET_TIMERSLACK: 50 us by default; 0 goes back to the default,
 *     which a child takes from its parent's slack at fork.
 */
#define _GNU_SOURCE
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "utest.h"

/* Re-executed: report dumpable and no_new_privs in the exit code. */
static int exec_child(void)
{
	return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) * 10 + prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
}

static int run_self(const char *self)
{
	pid_t pid = utest_fork();
	int st;

	if (pid == 0) {
		execl(self, self, "exec-child", (char *)NULL);
		_exit(127);
	}
	st = utest_wait(pid);
	CHECK(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static uid_t proc_owner(const char *path)
{
	struct stat st;

	CHECK(stat(path, &st) == 0);
	return st.st_uid;
}

static void check_dumpable(const char *self)
{
	pid_t pid;

	CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1);
	CHECK(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0) == -1 && errno == EINVAL);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0);
		CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
		pid = utest_fork();
		if (pid == 0)
			_exit(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : 1);
		CHECK_CHILD_OK(pid);
		CHECK(run_self(self) / 10 == 1);	/* exec makes it dumpable again */
		_exit(0);
	}
	CHECK_CHILD_OK(pid);

	/* A new effective uid: not dumpable, /proc/self is root's until it is again. */
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setresuid(1000, 1000, 1000) == 0);
		CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
		/* Files turn root's; the 0555 directory keeps its owner. */
		CHECK(proc_owner("/proc/self/status") == 0 && proc_owner("/proc/self") == 1000);
		CHECK(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0);
		CHECK(proc_owner("/proc/self/status") == 1000);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
}

static void check_no_core_when_not_dumpable(void)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	struct stat st;
	pid_t pid;
	int status;

	unlink("/tmp/core");
	pid = utest_fork();
	if (pid == 0) {
		CHECK(chdir("/tmp") == 0 && setrlimit(RLIMIT_CORE, &unlimited) == 0);
		CHECK(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0);
		abort();
	}
	status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && !WCOREDUMP(status));
	CHECK(stat("/tmp/core", &st) == -1 && errno == ENOENT);
}

static void check_no_new_privs(const char *self)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0);
		CHECK(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0) == -1 && errno == EINVAL);
		CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0) == -1 && errno == EINVAL);
		CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0);
		CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1);
		CHECK(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 && errno == EINVAL);
		pid = utest_fork();
		if (pid == 0)
			_exit(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ? 0 : 1);
		CHECK_CHILD_OK(pid);
		CHECK(run_self(self) % 10 == 1);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
}

static void check_subreaper(void)
{
	int v = -1, p[2];
	pid_t me = getpid(), child, grandchild = 0;

	CHECK(prctl(PR_GET_CHILD_SUBREAPER, (unsigned long)&v, 0, 0, 0) == 0 && v == 0);
	CHECK(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0);
	CHECK(prctl(PR_GET_CHILD_SUBREAPER, (unsigned long)&v, 0, 0, 0) == 0 && v == 1);
	CHECK(pipe(p) == 0);
	child = utest_fork();
	if (child == 0) {
		pid_t g = utest_fork();

		if (g == 0) {
			char c;

			close(p[1]);
			CHECK(read(p[0], &c, 1) == 0);	/* until the middle process is gone */
			while (getppid() != me)
				utest_sleep_ms(5);
			_exit(42);
		}
		_exit(g > 0 ? 0 : 1);
	}
	close(p[0]);
	CHECK_CHILD_OK(child);
	/* The middle process exited: the grandchild is now ours to wait for. */
	close(p[1]);
	{
		int st;
		pid_t got = waitpid(-1, &st, 0);

		grandchild = got;
		CHECK(got > 0 && got != child && WIFEXITED(st) && WEXITSTATUS(st) == 42);
	}
	CHECK(grandchild > 0);
	CHECK(prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0) == 0);
}

static void check_timer_slack(void)
{
	pid_t pid;

	CHECK(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 50000);
	CHECK(prctl(PR_SET_TIMERSLACK, 1000, 0, 0, 0) == 0);
	CHECK(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 1000);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 1000);
		CHECK(prctl(PR_SET_TIMERSLACK, 7, 0, 0, 0) == 0);
		CHECK(prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0) == 0);
		CHECK(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 1000);	/* its default */
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0) == 0);
	CHECK(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 50000);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return exec_child();
	check_dumpable(utest_self(argv[0]));
	check_no_core_when_not_dumpable();
	check_no_new_privs(utest_self(argv[0]));
	check_subreaper();
	check_timer_slack();
	return 0;
}
