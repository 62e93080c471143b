/*
 * Process creation: fork + exit + wait, fork + execve + wait and vfork +
 * execve + wait of a tiny static binary (EXEC_TARGET).  Each child's exit
 * status is checked, so a kernel that loses a child or its status fails.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define FORKS	200
#define EXECS	100
#define FORK_STATUS 7		/* what each forked child exits with */

void bench_fork(void)
{
	uint64_t t0, t1;

	t0 = bench_now();
	for (long i = 0; i < FORKS; i++) {
		pid_t pid = must(fork(), "fork");
		int status;

		if (pid == 0)
			_exit(FORK_STATUS);
		expect(must(waitpid(pid, &status, 0), "wait4") == pid, "wait4 returned another pid");
		expect(WIFEXITED(status) && WEXITSTATUS(status) == FORK_STATUS,
		       "child status 0x%x, expected exit %d", status, FORK_STATUS);
	}
	t1 = bench_now();
	bench_time("fork_exit_wait", bench_per_op(t0, t1, FORKS, 1000), "us");
}

static char *const exec_argv[] = { "true", NULL };
static char *const exec_envp[] = { NULL };

void bench_fork_exec(void)
{
	uint64_t t0, t1;

	t0 = bench_now();
	for (long i = 0; i < EXECS; i++) {
		pid_t pid = must(fork(), "fork");

		if (pid == 0) {
			execve(EXEC_TARGET, exec_argv, exec_envp);
			_exit(errno == ENOSYS ? CHILD_ENOSYS : CHILD_FAILED);
		}
		bench_reap(pid, "execve");
	}
	t1 = bench_now();
	bench_time("fork_exec_wait", bench_per_op(t0, t1, EXECS, 1000), "us");
}

/* The vfork child may only call execve or _exit: it borrows our memory. */
void bench_vfork_exec(void)
{
	uint64_t t0, t1;

	t0 = bench_now();
	for (long i = 0; i < EXECS; i++) {
		pid_t pid = must(vfork(), "vfork");

		if (pid == 0) {
			execve(EXEC_TARGET, exec_argv, exec_envp);
			_exit(errno == ENOSYS ? CHILD_ENOSYS : CHILD_FAILED);
		}
		bench_reap(pid, "execve");
	}
	t1 = bench_now();
	bench_time("vfork_exec_wait", bench_per_op(t0, t1, EXECS, 1000), "us");
}
