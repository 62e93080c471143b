/*
 * execve(2) of a "#!" script: /utest-data/shebang-script starts with
 * "#!/tests/exec_shebang_script  one-arg" and the kernel runs that
 * interpreter with argv = { interpreter path, "one-arg" (everything after
 * the path, one argument, trailing blanks dropped), the script path,
 * then the original argv[1..] }; argv[0] of the original call is dropped.
 * The environment is passed through.
 */
#include "utest.h"

int main(int argc, char **argv, char **envp)
{
	char *args[] = { "ignored-argv0", "first", "second", NULL };
	char *env[] = { "SHEBANG=yes", NULL };
	int status;
	pid_t pid;

	if (argc > 1) {
		/* Started through the script. */
		CHECK(argc == 5);
		CHECK(strcmp(argv[0], "/tests/exec_shebang_script") == 0);
		CHECK(strcmp(argv[1], "one-arg") == 0);
		CHECK(strcmp(argv[2], "/utest-data/shebang-script") == 0);
		CHECK(strcmp(argv[3], "first") == 0);
		CHECK(strcmp(argv[4], "second") == 0);
		CHECK(envp[0] && strcmp(envp[0], "SHEBANG=yes") == 0 && !envp[1]);
		_exit(42);
	}
	pid = utest_fork();
	if (pid == 0) {
		execve("/utest-data/shebang-script", args, env);
		perror("execve /utest-data/shebang-script");
		_exit(127);
	}
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
	return 0;
}
