/*
 * Dynamically linked programs run: a musl one (its loader is musl's
 * libc.so at /lib/ld-musl-x86_64.so.1) and Debian's glibc env and false
 * (loader /lib64/ld-linux-x86-64.so.2, libc.so.6 from
 * /lib/x86_64-linux-gnu).  Each is exec'd with its output on a pipe; the
 * output and the exit status must be exactly what the program produces.
 */
#include <fcntl.h>
#include "utest.h"

/* Run path with argv/envp; returns its wait status, its stdout in out. */
static int run(const char *path, char *const argv[], char *const envp[], char *out, size_t len)
{
	int p[2], status;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	CHECK(pipe(p) == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(dup2(p[1], 1) == 1);
		close(p[0]);
		close(p[1]);
		execve(path, argv, envp);
		fprintf(stderr, "execve %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	while (got < len - 1 && (n = read(p[0], out + got, len - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(p[0]);
	status = utest_wait(pid);
	return status;
}

#define EXITED_WITH(st, code) (WIFEXITED(st) && WEXITSTATUS(st) == (code))

int main(void)
{
	char out[4096];
	int st;

	{
		char *argv[] = { "hello-musl", "one", "two", NULL };
		char *envp[] = { "DYN_TEST=yes", NULL };

		st = run("/utest-data/hello-musl", argv, envp, out, sizeof(out));
		if (strcmp(out, "hello-musl argc=3 one two env=yes sum=768\n") != 0)
			fprintf(stderr, "musl output: '%s'\n", out);
		CHECK(EXITED_WITH(st, 7));
		CHECK(strcmp(out, "hello-musl argc=3 one two env=yes sum=768\n") == 0);
	}
	{
		char *argv[] = { "env", NULL };
		char *envp[] = { "A=1", "B=two words", NULL };

		st = run("/utest-data/env", argv, envp, out, sizeof(out));
		if (strcmp(out, "A=1\nB=two words\n") != 0)
			fprintf(stderr, "env output: '%s'\n", out);
		CHECK(EXITED_WITH(st, 0));
		CHECK(strcmp(out, "A=1\nB=two words\n") == 0);
	}
	{
		char *argv[] = { "false", NULL };
		char *envp[] = { NULL };

		st = run("/utest-data/false", argv, envp, out, sizeof(out));
		CHECK(EXITED_WITH(st, 1) && out[0] == '\0');
	}
	{
		/* glibc's loader run directly as a program, naming the program. */
		char *argv[] = { "ld.so", "/utest-data/env", NULL };
		char *envp[] = { "C=3", NULL };

		st = run("/lib64/ld-linux-x86-64.so.2", argv, envp, out, sizeof(out));
		CHECK(EXITED_WITH(st, 0));
		CHECK(strcmp(out, "C=3\n") == 0);
	}
	return 0;
}
