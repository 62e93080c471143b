/*
 * /init of the test initramfs: run every program in /tests, in name order,
 * print one result line per program and a summary, then power off.
 *
 *   utest <name>: PASS
 *   utest <name>: FAIL (exit 1 | signal 11 | timeout)
 *   utest: N passed, M failed
 *
 * tests/qemu/run.py reads these lines.  A test passes when it exits with
 * status 0; it explains a failure on stderr.  A test still running after
 * TEST_TIMEOUT_S is killed; first, so that the log shows where it hung,
 * the kernel is asked for a dump of every task and CPU through
 * /proc/sysrq-trigger (SysRq t and q; on Linux the dump goes to the kernel
 * log, and root's writes work whatever kernel.sysrq says).  The same initramfs boots on
 * Debian's Linux (make check-linux) and on our kernel, so this file uses
 * only what both provide.  As PID 1 it must never exit: Linux would panic.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>

#define TEST_DIR "/tests"
/*
 * Generous: without -icount (the SMP cases) guest time is host time, and
 * on a loaded host the slowest tests (the busybox applet scripts) took
 * 15 s of the 20 s this used to be.
 */
#define TEST_TIMEOUT_S 60
#define MAX_TESTS 1024

/* The kernel may start us without fds 0-2 when /dev/console is missing. */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) != -1)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fill names[] with the entries of TEST_DIR, sorted; return their count. */
static int list_tests(char **names, int max)
{
	DIR *dir = opendir(TEST_DIR);
	struct dirent *d;
	int n = 0;

	if (!dir) {
		perror("utest: " TEST_DIR);
		return 0;
	}
	while ((d = readdir(dir)) != NULL && n < max) {
		if (d->d_name[0] != '.')
			names[n++] = strdup(d->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(names[0]), by_name);
	return n;
}

static void on_sigchld(int sig)
{
	(void)sig;	/* only to be sure SIGCHLD is never discarded; init waits for it */
}

/* SysRq commands for a hung test: every task and CPU, then the timers. */
static void dump_tasks(void)
{
	int fd = open("/proc/sysrq-trigger", O_WRONLY);

	if (fd < 0)
		return;		/* no SysRq in this kernel: the timeout is still reported */
	if (write(fd, "t", 1) != 1 || write(fd, "q", 1) != 1)
		perror("utest: /proc/sysrq-trigger");
	close(fd);
}

static long ms_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/*
 * Wait for the test pid, at most TEST_TIMEOUT_S; 1 when it timed out (it
 * is dumped, killed and reaped then), 0 when it ended, -1 on an error.
 * SIGCHLD stays blocked in init, so sigtimedwait() sees a child's exit
 * even when it comes before the call.  Orphaned grandchildren (reparented
 * to us) wake it too, and are left for the final collection.
 */
static int wait_test(pid_t pid, int *status)
{
	sigset_t chld;
	struct timespec start;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		long left = TEST_TIMEOUT_S * 1000L - ms_since(&start);
		struct timespec ts = { left / 1000, (left % 1000) * 1000000 };
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
		if (left <= 0)
			break;
		if (sigtimedwait(&chld, NULL, &ts) < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
	}
	dump_tasks();
	kill(pid, SIGKILL);
	return waitpid(pid, status, 0) == pid ? 1 : -1;
}

/* Run one test; return 0 when it passed, else write why into why[]. */
static int run_test(const char *name, const sigset_t *child_mask, char *why, size_t len)
{
	char path[512];
	int status, timed_out;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", TEST_DIR, name);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		snprintf(why, len, "fork failed");
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { (char *)name, NULL };

		sigprocmask(SIG_SETMASK, child_mask, NULL);
		execv(path, argv);
		perror(path);
		_exit(127);
	}
	timed_out = wait_test(pid, &status);
	if (timed_out < 0) {
		snprintf(why, len, "waitpid failed");
		return -1;
	}
	if (timed_out)
		snprintf(why, len, "timeout after %d s", TEST_TIMEOUT_S);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	else if (WIFSIGNALED(status))
		snprintf(why, len, "signal %d", WTERMSIG(status));
	else
		snprintf(why, len, "exit %d", WEXITSTATUS(status));
	return -1;
}

int main(void)
{
	static char *names[MAX_TESTS];
	struct sigaction sa = { .sa_handler = on_sigchld };
	sigset_t chld, child_mask;
	int passed = 0, failed = 0;
	int n;

	open_console();
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &child_mask);
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Tests read /proc and /sys as on any Linux system (both kernels mount them). */
	if (mount("proc", "/proc", "proc", 0, NULL) != 0)
		perror("utest: mount /proc");
	if (mount("sysfs", "/sys", "sysfs", 0, NULL) != 0)
		perror("utest: mount /sys");
	n = list_tests(names, MAX_TESTS);
	for (int i = 0; i < n; i++) {
		char why[64];

		if (run_test(names[i], &child_mask, why, sizeof(why)) == 0) {
			printf("utest %s: PASS\n", names[i]);
			passed++;
		} else {
			printf("utest %s: FAIL (%s)\n", names[i], why);
			failed++;
		}
	}
	/* Collect any grandchildren our tests left behind. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	printf("utest: %d passed, %d failed\n", passed, failed);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	perror("utest: reboot(RB_POWER_OFF)");
	for (;;)
		pause();
}
