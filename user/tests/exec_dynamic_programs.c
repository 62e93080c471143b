/*
 * Dynamically linked programs run: a musl one (its loader is musl's
 * libc.so at /lib/ld-musl-x86_64.so.1) and Debian's glibc env and false
 * (loader /lib64/ld-linux-x86-64.so.2, libc.so.6 from
 * /lib/x86_64-linux-gnu).  Each is exec'd with its output on a pipe; the
 * output and the exit status must be exactly what the program produces.
 */
#include <fcntl.h>
#include "utest.h"

#define EXITED_WITH(st, code) (WIFEXITED(st) && WEXITSTATUS(st) == (code))

int main(void)
{
	char out[4096];
	int st;

	{
		char *argv[] = { "hello-musl", "one", "two", NULL };
		char *envp[] = { "DYN_TEST=yes", NULL };

		st = utest_run_output("/utest-data/hello-musl", argv, envp, out, sizeof(out));
		if (strcmp(out, "hello-musl argc=3 one two env=yes sum=768\n") != 0)
			fprintf(stderr, "musl output: '%s'\n", out);
		CHECK(EXITED_WITH(st, 7));
		CHECK(strcmp(out, "hello-musl argc=3 one two env=yes sum=768\n") == 0);
	}
	{
		char *argv[] = { "env", NULL };
		char *envp[] = { "A=1", "B=two words", NULL };

		st = utest_run_output("/utest-data/env", argv, envp, out, sizeof(out));
		if (strcmp(out, "A=1\nB=two words\n") != 0)
			fprintf(stderr, "env output: '%s'\n", out);
		CHECK(EXITED_WITH(st, 0));
		CHECK(strcmp(out, "A=1\nB=two words\n") == 0);
	}
	{
		char *argv[] = { "false", NULL };
		char *envp[] = { NULL };

		st = utest_run_output("/utest-data/false", argv, envp, out, sizeof(out));
		CHECK(EXITED_WITH(st, 1) && out[0] == '\0');
	}
	{
		/* glibc's loader run directly as a program, naming the program. */
		char *argv[] = { "ld.so", "/utest-data/env", NULL };
		char *envp[] = { "C=3", NULL };

		st = utest_run_output("/lib64/ld-linux-x86-64.so.2", argv, envp, out, sizeof(out));
		CHECK(EXITED_WITH(st, 0));
		CHECK(strcmp(out, "C=3\n") == 0);
	}
	return 0;
}
