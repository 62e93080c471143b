/*
 * /proc/sys/kernel/pid_max: root may set it within Linux's range
 * [301, 4194304] (anything else, or text that is not one number, is
 * EINVAL; an unprivileged writer cannot open it), new pids stay below it
 * and wrap, and a raised limit makes higher pids possible (clone3's
 * set_tid accepts a pid only below pid_max).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "utest.h"

#define PID_MAX_PATH "/proc/sys/kernel/pid_max"
#define HIGH_PID 39999

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

static long read_pid_max(void)
{
	char buf[32] = "";
	int fd = open(PID_MAX_PATH, O_RDONLY);

	CHECK(fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0);
	close(fd);
	return strtol(buf, NULL, 10);
}

/* Write text in one write(2); its result (or -errno). */
static long write_pid_max(const char *text)
{
	int fd = open(PID_MAX_PATH, O_WRONLY);
	long r;

	CHECK(fd >= 0);
	r = write(fd, text, strlen(text));
	if (r < 0)
		r = -errno;
	close(fd);
	return r;
}

/* A child with pid 'pid' through clone3's set_tid: its pid, or -errno. */
static long child_with_pid(pid_t pid)
{
	pid_t tid = pid;
	struct clone_args_ a = { .set_tid = (uintptr_t)&tid, .set_tid_size = 1,
				 .exit_signal = SIGCHLD };
	long r = syscall(SYS_clone3, &a, sizeof(a));

	if (r == 0)
		_exit(0);
	if (r < 0)
		return -errno;
	CHECK(utest_wait((pid_t)r) == 0);
	return r;
}

static void check_parsing(void)
{
	CHECK(write_pid_max("300\n") == -EINVAL);
	CHECK(write_pid_max("4194305") == -EINVAL);
	CHECK(write_pid_max("-40000") == -EINVAL);
	CHECK(write_pid_max("abc") == -EINVAL);
	CHECK(write_pid_max("40000x") == -EINVAL);
	CHECK(write_pid_max("") == 0 && read_pid_max() == 32768);
	CHECK(write_pid_max("\n") == -EINVAL);
	CHECK(read_pid_max() == 32768);
	CHECK(write_pid_max("4194304\n") == 8 && read_pid_max() == 4194304);
	CHECK(write_pid_max("0x9c40") == 6 && read_pid_max() == 40000);
	CHECK(write_pid_max("  32768 \n") == 9 && read_pid_max() == 32768);
}

static void check_new_pids_below(void)
{
	pid_t first = utest_fork(), pid;
	char text[32];
	long max;

	if (first == 0)
		_exit(0);
	CHECK(utest_wait(first) == 0);
	max = first + 3 > 1000 ? first + 3 : 1000;
	snprintf(text, sizeof(text), "%ld\n", max);
	CHECK(write_pid_max(text) == (long)strlen(text));
	for (int i = 0; i < 8; i++) {
		pid = utest_fork();
		if (pid == 0)
			_exit(0);
		CHECK(pid < max && pid >= 1);
		CHECK(utest_wait(pid) == 0);
	}
	CHECK(write_pid_max("32768") == 5);
}

static void check_raised_limit(void)
{
	CHECK(child_with_pid(HIGH_PID) == -EINVAL);
	CHECK(write_pid_max("40000") == 5);
	CHECK(child_with_pid(HIGH_PID) == HIGH_PID);
	CHECK(child_with_pid(40000) == -EINVAL);
	CHECK(write_pid_max("32768") == 5);
}

static void check_unprivileged(void)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		CHECK(setuid(1000) == 0);
		CHECK(open(PID_MAX_PATH, O_WRONLY) == -1 && errno == EACCES);
		CHECK(read_pid_max() == 32768);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
}

int main(void)
{
	struct stat st;

	CHECK(stat(PID_MAX_PATH, &st) == 0 && (st.st_mode & 0777) == 0644 && st.st_uid == 0);
	check_parsing();
	check_new_pids_below();
	check_raised_limit();
	check_unprivileged();
	CHECK(read_pid_max() == 32768);
	return 0;
}
