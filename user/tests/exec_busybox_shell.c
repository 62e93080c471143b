/*
 * Debian's unmodified busybox-static (glibc, static) as a real workload:
 * `busybox echo`, a shell with command substitution and arithmetic via an
 * external applet, and a pipeline of external commands, each checked by
 * its output through a pipe.
 */
#include <sys/wait.h>
#include <unistd.h>
#include "utest.h"

#define BUSYBOX "/utest-data/busybox"

/* Run argv with stdout on a pipe; return what it printed (NUL-terminated). */
static void run(char *const argv[], char *out, size_t size)
{
	int p[2], status;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	CHECK(pipe(p) == 0);
	pid = utest_fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execv(BUSYBOX, argv);
		_exit(127);
	}
	close(p[1]);
	while (got + 1 < size && (n = read(p[0], out + got, size - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(p[0]);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	char out[256];
	char *echo[] = { "busybox", "echo", "hello", "world", NULL };
	char *subst[] = { "busybox", "sh", "-c",
			  "a=$(" BUSYBOX " expr 2 + 3); echo $a $((a * 7))", NULL };
	char *pipeline[] = { "busybox", "sh", "-c",
			     BUSYBOX " seq 1 20 | " BUSYBOX " grep 1 | " BUSYBOX " wc -l", NULL };

	run(echo, out, sizeof(out));
	CHECK(strcmp(out, "hello world\n") == 0);
	run(subst, out, sizeof(out));
	CHECK(strcmp(out, "5 35\n") == 0);
	run(pipeline, out, sizeof(out));
	CHECK(strcmp(out, "11\n") == 0);	/* 1, 10-19 */
	return 0;
}
