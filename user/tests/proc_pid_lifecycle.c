/*
 * Another process seen through /proc/PID: its cmdline (NUL-separated
 * arguments, read from its memory) and environ, then the same directory
 * while it is a zombie (state Z, empty cmdline), and after it is reaped:
 * the directory is gone (ENOENT), a file opened before fails cleanly
 * with ESRCH, and so does a lookup in a directory opened before.
 */
#include <dirent.h>
#include "procfs.h"

static char buf[4096];

/* The child's part: wait for a byte on fd 0, then exit 3. */
static int child_main(void)
{
	char c;

	read(0, &c, 1);
	return 3;
}

static pid_t start_child(const char *self, int *wake)
{
	int p[2];
	pid_t pid;

	CHECK(pipe(p) == 0);
	pid = utest_fork();
	if (pid == 0) {
		char *argv[] = { "proc_pid_lifecycle", "child", "a", "", "b c", NULL };
		char *envp[] = { "PROC_TEST=xyz", "EMPTY=", NULL };

		dup2(p[0], 0);
		close(p[1]);
		execve(self, argv, envp);
		_exit(127);
	}
	close(p[0]);
	*wake = p[1];
	return pid;
}

static char state_of(pid_t pid)
{
	char path[64], state = '?';

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	CHECK(read_file(path, buf, sizeof(buf)) > 0);
	CHECK(sscanf(strrchr(buf, ')') + 1, " %c", &state) == 1);
	return state;
}

/* Wait (at most 2 s) until pid's state is want. */
static void wait_state(pid_t pid, char want)
{
	for (int i = 0; i < 200 && state_of(pid) != want; i++)
		utest_sleep_ms(10);
	CHECK(state_of(pid) == want);
}

int main(int argc, char **argv)
{
	static const char want_cmd[] = "proc_pid_lifecycle\0child\0a\0\0b c";
	static const char want_env[] = "PROC_TEST=xyz\0EMPTY=";
	char path[64];
	int wake, status_fd, dir_fd;
	pid_t pid;
	long n;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child_main();
	pid = start_child(utest_self(argv[0]), &wake);
	wait_state(pid, 'S');		/* blocked in read(), past exec */
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_file(path, buf, sizeof(buf));
	CHECK(n == (long)sizeof(want_cmd) && memcmp(buf, want_cmd, sizeof(want_cmd)) == 0);
	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	n = read_file(path, buf, sizeof(buf));
	CHECK(n == (long)sizeof(want_env) && memcmp(buf, want_env, sizeof(want_env)) == 0);
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	CHECK(read_file(path, buf, sizeof(buf)) > 0 && strcmp(buf, "proc_pid_lifecy\n") == 0);

	/* A zombie keeps its directory; its memory is gone. */
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	status_fd = open(path, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/%d", pid);
	dir_fd = open(path, O_RDONLY | O_DIRECTORY);
	CHECK(status_fd >= 0 && dir_fd >= 0);
	CHECK(write(wake, "x", 1) == 1);
	wait_state(pid, 'Z');
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	CHECK(read_file(path, buf, sizeof(buf)) == 0);
	CHECK(read(status_fd, buf, sizeof(buf)) > 0 && strstr(buf, "State:\tZ (zombie)\n"));

	/* Reaped: the name is gone, and what was open fails cleanly. */
	CHECK(WIFEXITED(utest_wait(pid)) );
	snprintf(path, sizeof(path), "/proc/%d", pid);
	CHECK_ERRNO(access(path, F_OK), ENOENT);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	CHECK_ERRNO(open(path, O_RDONLY), ENOENT);
	CHECK(lseek(status_fd, 0, SEEK_SET) == 0);
	CHECK_ERRNO(read(status_fd, buf, sizeof(buf)), ESRCH);
	CHECK_ERRNO(openat(dir_fd, "stat", O_RDONLY), ESRCH);	/* Linux: from the permission check */
	close(status_fd);
	close(dir_fd);
	close(wake);
	return 0;
}
