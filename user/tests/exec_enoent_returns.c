/*
 * execve(2) of a path that does not exist fails with ENOENT and returns to
 * the caller with everything intact: memory (data, heap, a mapping), the
 * signal handlers, the pid.  A path through a regular file is ENOTDIR, an
 * empty path ENOENT, a directory EACCES.
 */
#include <signal.h>
#include <sys/mman.h>
#include "utest.h"

static volatile sig_atomic_t got;
static int data_var = 1234;

static void on_usr1(int sig)
{
	got = sig;
}

int main(int argc, char **argv)
{
	char *args[] = { "nothing", NULL };
	char *env[] = { "A=1", NULL };
	char *heap = malloc(100);
	char *map;
	pid_t me = getpid();
	char path[300];

	(void)argc;
	CHECK(heap != NULL);
	strcpy(heap, "heap");
	map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(map != MAP_FAILED);
	map[0] = 'm';
	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);

	CHECK_ERRNO(execve("/no/such/program", args, env), ENOENT);
	CHECK_ERRNO(execve("/tests/no-such-test", args, env), ENOENT);
	CHECK_ERRNO(execve("", args, env), ENOENT);
	snprintf(path, sizeof(path), "%s/x", utest_self(argv[0]));
	CHECK_ERRNO(execve(path, args, env), ENOTDIR);
	CHECK_ERRNO(execve("/tests", args, env), EACCES);

	CHECK(getpid() == me);
	CHECK(data_var == 1234);
	CHECK(strcmp(heap, "heap") == 0);
	CHECK(map[0] == 'm');
	CHECK(raise(SIGUSR1) == 0);
	CHECK(got == SIGUSR1);
	return 0;
}
