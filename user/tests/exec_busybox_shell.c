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

/* Run busybox with argv; it must exit 0.  What it printed is in out. */
static void run(char *const argv[], char *out, size_t size)
{
	int status = utest_run_output(BUSYBOX, argv, NULL, out, size);

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
