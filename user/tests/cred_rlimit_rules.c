/*
 * getrlimit/setrlimit/prlimit rules: a soft limit above the hard one is
 * EINVAL; anyone may lower limits and move the soft limit up to the hard
 * one; only root may raise a hard limit (non-root: EPERM, even back to
 * where it was); root cannot raise RLIMIT_NOFILE above nr_open (EPERM);
 * prlimit reads and sets another process's limits, which it sees at once;
 * an unknown pid is ESRCH and an unknown resource EINVAL.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "utest.h"

static int sys_prlimit(pid_t pid, int res, const struct rlimit *new, struct rlimit *old)
{
	return (int)syscall(SYS_prlimit64, pid, res, new, old);
}

int main(void)
{
	struct rlimit rl, orig, got;
	volatile int *seen;
	pid_t child;

	CHECK(getrlimit(RLIMIT_NOFILE, &orig) == 0);
	CHECK(orig.rlim_cur <= orig.rlim_max);
	CHECK(sys_prlimit(0, RLIMIT_NOFILE, NULL, &got) == 0);
	CHECK(got.rlim_cur == orig.rlim_cur && got.rlim_max == orig.rlim_max);

	rl.rlim_cur = orig.rlim_max + 1;
	rl.rlim_max = orig.rlim_max;
	CHECK_ERRNO(setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
	rl.rlim_cur = 64;
	CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &got) == 0 && got.rlim_cur == 64);
	rl.rlim_cur = rl.rlim_max = orig.rlim_max * 2;		/* root: fine */
	CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
	rl.rlim_cur = rl.rlim_max = 1u << 30;			/* above nr_open */
	CHECK_ERRNO(setrlimit(RLIMIT_NOFILE, &rl), EPERM);
	CHECK(setrlimit(RLIMIT_NOFILE, &orig) == 0);

	child = utest_fork();
	if (child == 0) {
		CHECK(setresuid(1000, 1000, 1000) == 0);
		rl.rlim_cur = 32;
		rl.rlim_max = orig.rlim_max / 2;
		CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
		rl.rlim_cur = rl.rlim_max;			/* soft up to hard: fine */
		CHECK(setrlimit(RLIMIT_NOFILE, &rl) == 0);
		rl.rlim_max = orig.rlim_max;			/* hard back up: no */
		CHECK_ERRNO(setrlimit(RLIMIT_NOFILE, &rl), EPERM);
		CHECK(getrlimit(RLIMIT_NOFILE, &got) == 0);
		CHECK(got.rlim_max == orig.rlim_max / 2);
		_exit(0);
	}
	CHECK_CHILD_OK(child);

	/* prlimit on a child. */
	seen = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(seen != MAP_FAILED);
	child = utest_fork();
	if (child == 0) {
		for (int i = 0; i < 10000; i++) {
			CHECK(getrlimit(RLIMIT_NOFILE, &got) == 0);
			if (got.rlim_cur == 100) {
				*seen = 1;
				break;
			}
			utest_sleep_ms(1);
		}
		_exit(0);
	}
	rl.rlim_cur = 100;
	rl.rlim_max = orig.rlim_max;
	CHECK(sys_prlimit(child, RLIMIT_NOFILE, &rl, &got) == 0);
	CHECK(got.rlim_cur == orig.rlim_cur && got.rlim_max == orig.rlim_max);
	CHECK_CHILD_OK(child);
	CHECK(*seen == 1);
	CHECK(getrlimit(RLIMIT_NOFILE, &got) == 0 && got.rlim_cur == orig.rlim_cur);

	CHECK_ERRNO(sys_prlimit(4000000, RLIMIT_NOFILE, NULL, &got), ESRCH);
	CHECK_ERRNO(sys_prlimit(0, 99, NULL, &got), EINVAL);
	CHECK_ERRNO(syscall(SYS_getrlimit, 99, &got), EINVAL);
	return 0;
}
