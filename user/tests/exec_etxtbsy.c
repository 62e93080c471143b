/*
 * ETXTBSY both ways, as Linux: while a process runs a program, opening
 * its file for writing (O_WRONLY, O_RDWR) or truncate(2) fails with
 * ETXTBSY, reading is fine, and writing works again once it exited;
 * while a file is open for writing, execve of it fails with ETXTBSY and
 * works once that descriptor is closed.  The program is a copy of this
 * test in /tmp, run with arguments saying what to do.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "utest.h"

#define COPY	"/tmp/exec_etxtbsy_prog"

static void copy_self(void)
{
	static char data[1 << 16];
	int in = open("/proc/self/exe", O_RDONLY);
	int out = open(COPY, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	CHECK(in >= 0 && out >= 0);
	while ((n = read(in, data, sizeof(data))) > 0)
		CHECK(write(out, data, (size_t)n) == n);
	CHECK(n == 0);
	close(in);
	CHECK(close(out) == 0);
}

/* The copy, run: say so on fd ready_fd, then wait until stdin ends. */
static int run_child_role(char **argv)
{
	char c;

	if (strcmp(argv[1], "exit7") == 0)
		return 7;
	CHECK(write(atoi(argv[2]), "r", 1) == 1);
	while (read(0, &c, 1) > 0)
		;
	return 0;
}

static void check_running_file_is_busy(void)
{
	int ready[2], hold[2], fd;
	char c, arg[16];
	pid_t pid;

	CHECK(pipe(ready) == 0 && pipe(hold) == 0);
	pid = utest_fork();
	if (pid == 0) {
		snprintf(arg, sizeof(arg), "%d", ready[1]);
		CHECK(dup2(hold[0], 0) == 0);
		close(hold[1]);
		close(ready[0]);
		execl(COPY, COPY, "wait", arg, (char *)NULL);
		_exit(99);
	}
	close(ready[1]);
	close(hold[0]);
	CHECK(read(ready[0], &c, 1) == 1);
	CHECK_ERRNO(open(COPY, O_WRONLY), ETXTBSY);
	CHECK_ERRNO(open(COPY, O_RDWR), ETXTBSY);
	CHECK_ERRNO(truncate(COPY, 0), ETXTBSY);
	fd = open(COPY, O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	close(hold[1]);			/* the child's stdin ends: it exits */
	CHECK(utest_wait(pid) == 0);
	close(ready[0]);
	fd = open(COPY, O_WRONLY);	/* nobody runs it now */
	CHECK(fd >= 0);
	close(fd);
}

static void check_written_file_cannot_run(void)
{
	int fd = open(COPY, O_WRONLY);
	pid_t pid;

	CHECK(fd >= 0);
	pid = utest_fork();
	if (pid == 0) {
		execl(COPY, COPY, "exit7", (char *)NULL);
		_exit(errno == ETXTBSY ? 0 : 1);
	}
	CHECK(utest_wait(pid) == 0);
	close(fd);
	pid = utest_fork();
	if (pid == 0) {
		execl(COPY, COPY, "exit7", (char *)NULL);
		_exit(1);
	}
	{
		int status = utest_wait(pid);

		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	}
}

int main(int argc, char **argv)
{
	if (argc >= 2)
		return run_child_role(argv);
	copy_self();
	check_running_file_is_busy();
	check_written_file_cannot_run();
	CHECK(unlink(COPY) == 0);
	return 0;
}
