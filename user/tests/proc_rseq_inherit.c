/*
 * rseq registration is per thread: a forked child keeps its parent's
 * (same area, same signature, cpu_id kept current), a new thread starts
 * unregistered, and exec drops it (Linux's rseq_fork and rseq_execve).
 */
#include "rseq_util.h"
#include <pthread.h>

static struct rseq area __attribute__((aligned(32)));
static struct rseq thread_area __attribute__((aligned(32)));

/* Registered here means: the same registration again is EBUSY. */
static void check_still_registered(void)
{
	CHECK_ERRNO(sys_rseq(&area, 32, 0, RSEQ_SIG), EBUSY);
	CHECK_ERRNO(sys_rseq(&thread_area, 32, 0, RSEQ_SIG), EINVAL);
	area.cpu_id = 0xdead;
	rseq_switch_out();
	CHECK(rseq_cpu_matches(&area));
}

static void check_fork_inherits(void)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		CHECK(rseq_cpu_matches(&area));
		check_still_registered();
		CHECK(sys_rseq(&area, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG) == 0);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	/* The child's unregistration was its own. */
	check_still_registered();
}

static void *thread_main(void *arg)
{
	(void)arg;
	CHECK(sys_rseq(&thread_area, 32, 0, RSEQ_SIG) == 0);
	CHECK(rseq_cpu_matches(&thread_area));
	CHECK(sys_rseq(&thread_area, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG) == 0);
	return NULL;
}

static void check_thread_starts_unregistered(void)
{
	pthread_t th;

	CHECK(pthread_create(&th, NULL, thread_main, NULL) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	check_still_registered();
}

/* The re-executed test: nothing registered, so the same area is free. */
static int exec_child(void)
{
	CHECK_ERRNO(sys_rseq(&area, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), EINVAL);
	CHECK(sys_rseq(&area, 32, 0, RSEQ_SIG) == 0);
	return 0;
}

static void check_exec_resets(const char *argv0)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		execl(utest_self(argv0), argv0, "exec-child", (char *)NULL);
		_exit(127);
	}
	CHECK_CHILD_OK(pid);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return exec_child();
	CHECK(sys_rseq(&area, 32, 0, RSEQ_SIG) == 0);
	check_fork_inherits();
	check_thread_starts_unregistered();
	check_exec_resets(argv[0]);
	return 0;
}
