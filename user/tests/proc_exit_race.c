/*
 * Reading /proc while processes come and go: one child keeps forking
 * short-lived processes (some exec busybox, swapping their address
 * space), while this process lists /proc and reads every file of every
 * pid it finds.  A vanishing process may only make a read fail with
 * ENOENT or ESRCH (EINVAL for its mount table), or give 0 bytes, and the kernel
 * must survive it (no use after free of the task, its mm or its files).
 */
#include <dirent.h>
#include <sys/wait.h>
#include "procfs.h"

#define CHURN_ROUNDS	80
#define READ_LIMIT_NS	2000000000ll

static char buf[65536];

static void churn(void)
{
	for (int i = 0; i < CHURN_ROUNDS; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			if (i % 4 == 0)
				execl("/utest-data/busybox", "true", (char *)NULL);
			_exit(0);
		}
		CHECK(pid > 0);
		CHECK(waitpid(pid, NULL, 0) == pid);
	}
	_exit(0);
}

static void expect_gone_ok(long ret, const char *path)
{
	/* Linux: the mount table of a process past its exit is EINVAL. */
	int einval_ok = strstr(path, "/mounts") != NULL;

	if (ret < 0 && errno != ENOENT && errno != ESRCH && !(einval_ok && errno == EINVAL))
		fprintf(stderr, "%s: unexpected errno %d\n", path, errno);
	CHECK(ret >= 0 || errno == ENOENT || errno == ESRCH || (einval_ok && errno == EINVAL));
}

static void read_pid(const char *pid)
{
	static const char *const files[] = { "stat", "status", "statm", "maps", "cmdline",
					     "environ", "comm", "mounts" };
	static const char *const links[] = { "exe", "cwd", "root" };
	char path[300];
	DIR *d;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "/proc/%s/%s", pid, files[i]);
		expect_gone_ok(read_file(path, buf, sizeof(buf)), path);
	}
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		snprintf(path, sizeof(path), "/proc/%s/%s", pid, links[i]);
		expect_gone_ok(readlink(path, buf, sizeof(buf)), path);
	}
	snprintf(path, sizeof(path), "/proc/%s/fd", pid);
	d = opendir(path);
	if (!d) {
		expect_gone_ok(-1, path);
		return;
	}
	while (readdir(d))
		;
	closedir(d);
}

int main(void)
{
	long long start = utest_now_ns();
	pid_t churner = utest_fork();
	int status, scans = 0;

	if (churner == 0)
		churn();
	while (waitpid(churner, &status, WNOHANG) == 0 && utest_now_ns() - start < READ_LIMIT_NS) {
		DIR *d = opendir("/proc");
		struct dirent *e;

		CHECK(d);
		while ((e = readdir(d)))
			if (e->d_name[0] >= '0' && e->d_name[0] <= '9')
				read_pid(e->d_name);
		closedir(d);
		scans++;
	}
	if (utest_now_ns() - start >= READ_LIMIT_NS)
		CHECK(utest_wait(churner) == 0);
	else
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(scans > 0);
	return 0;
}
