/*
 * More of what only root may do, with Linux's errno for uid 1000 (the
 * file and signal basics are in cred_nonroot_denied): setting the clock
 * (settimeofday, clock_settime: EPERM), reading and clearing the kernel
 * log (syslog READ_CLEAR and CLEAR: EPERM), writing /dev/kmsg (root's 0644
 * node: EACCES), nice(-1) (EPERM from libc, the EACCES of setpriority),
 * another user's limits (prlimit: EPERM), root's process group (EPERM),
 * chroot (EPERM), taking root's ids back (EPERM), removing or re-dating
 * root's file in a sticky directory (EPERM), and touching it to now
 * without write access (EACCES).
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/klog.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "fs_util.h"

#define STICKY	"/tmp/nonroot-sticky"
#define ROOTS	STICKY "/roots"

#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5

static void drop_root(void)
{
	CHECK(setgroups(0, NULL) == 0);
	CHECK(setresgid(1000, 1000, 1000) == 0);
	CHECK(setresuid(1000, 1000, 1000) == 0);
}

static void check_time_and_log(void)
{
	struct timeval tv;
	struct timespec ts;
	char buf[64];

	CHECK(gettimeofday(&tv, NULL) == 0);
	CHECK_ERRNO(settimeofday(&tv, NULL), EPERM);
	CHECK(clock_gettime(CLOCK_REALTIME, &ts) == 0);
	CHECK_ERRNO(clock_settime(CLOCK_REALTIME, &ts), EPERM);
	CHECK_ERRNO(klogctl(SYSLOG_ACTION_READ_CLEAR, buf, sizeof(buf)), EPERM);
	CHECK_ERRNO(klogctl(SYSLOG_ACTION_CLEAR, NULL, 0), EPERM);
	CHECK_ERRNO(open("/dev/kmsg", O_WRONLY), EACCES);
}

static void check_processes(pid_t root_child)
{
	struct rlimit rl;

	CHECK_ERRNO(nice(-1), EPERM);
	CHECK_ERRNO(setpriority(PRIO_PROCESS, 0, -1), EACCES);
	CHECK_ERRNO(setpriority(PRIO_PROCESS, root_child, 10), EPERM);
	CHECK_ERRNO(prlimit(root_child, RLIMIT_NOFILE, NULL, &rl), EPERM);
	CHECK(prlimit(0, RLIMIT_NOFILE, NULL, &rl) == 0);	/* our own: fine */
	CHECK_ERRNO(kill(-root_child, SIGTERM), EPERM);		/* its own group */
	CHECK_ERRNO(setresuid(-1, 0, -1), EPERM);
	CHECK_ERRNO(setgid(0), EPERM);
	CHECK_ERRNO(setgroups(0, NULL), EPERM);
	CHECK_ERRNO(chroot("/"), EPERM);
}

static void check_sticky(void)
{
	struct timespec when[2] = { { .tv_sec = 1 }, { .tv_sec = 1 } };

	CHECK_ERRNO(unlink(ROOTS), EPERM);
	CHECK_ERRNO(rename(ROOTS, STICKY "/mine"), EPERM);
	CHECK_ERRNO(utimensat(AT_FDCWD, ROOTS, when, 0), EPERM);
	CHECK_ERRNO(utimensat(AT_FDCWD, ROOTS, NULL, 0), EACCES);
	fs_put(STICKY "/mine", "m");		/* our own file there is ours to remove */
	CHECK(utimensat(AT_FDCWD, STICKY "/mine", when, 0) == 0);
	CHECK(unlink(STICKY "/mine") == 0);
}

int main(void)
{
	pid_t root_child, child;

	fs_need_dev();
	CHECK(mkdir(STICKY, 01777) == 0 || errno == EEXIST);
	CHECK(chmod(STICKY, 01777) == 0);
	fs_put(ROOTS, "r");
	root_child = utest_fork();
	if (root_child == 0) {
		CHECK(setpgid(0, 0) == 0);
		pause();
		_exit(0);
	}
	CHECK(setpgid(root_child, root_child) == 0 || errno == EACCES);
	child = utest_fork();
	if (child == 0) {
		drop_root();
		check_time_and_log();
		check_processes(root_child);
		check_sticky();
		_exit(0);
	}
	CHECK_CHILD_OK(child);
	CHECK(kill(root_child, SIGKILL) == 0);
	CHECK(WIFSIGNALED(utest_wait(root_child)));
	CHECK(unlink(ROOTS) == 0);
	CHECK(rmdir(STICKY) == 0);
	return 0;
}
