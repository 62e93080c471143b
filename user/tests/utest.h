/*
 * The one helper a user test needs.  A test is a static program that exits
 * 0 when everything held; CHECK() explains the first broken expectation on
 * stderr and exits 1.  Tests must pass on Debian's Linux (make check-linux):
 * they state Linux behaviour, not ours.
 *
 * A forked child that breaks an expectation exits 1 through CHECK() too,
 * after printing its own line; the parent then sees exit status 1 and says
 * so.  The small helpers below are what many tests repeat: fork and wait
 * with a checked status, "failed with this errno", millisecond sleeps and
 * the monotonic clock, and the path of the test itself for re-executing it.
 */
#ifndef UTEST_H
#define UTEST_H

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: CHECK(%s) failed (errno %d: %s)\n", \
				__FILE__, __LINE__, #cond, errno, strerror(errno)); \
			exit(1);                                            \
		}                                                           \
	} while (0)

/* expr failed with -1 and errno err (the libc convention for syscalls). */
#define CHECK_ERRNO(expr, err)                                                \
	do {                                                                \
		errno = 0;                                                  \
		long check_errno_ret_ = (long)(expr);                         \
		if (check_errno_ret_ != -1 || errno != (err)) {               \
			fprintf(stderr, "%s:%d: %s returned %ld errno %d (%s), " \
				"expected -1 errno %d (%s)\n", __FILE__, __LINE__, \
				#expr, check_errno_ret_, errno, strerror(errno), \
				(err), strerror(err));                      \
			exit(1);                                            \
		}                                                           \
	} while (0)

#define UTEST_UNUSED __attribute__((unused))

/* fork(), checked. */
static UTEST_UNUSED pid_t utest_fork(void)
{
	pid_t pid = fork();

	CHECK(pid >= 0);
	return pid;
}

/* Wait for child pid (blocking) and return its wait status. */
static UTEST_UNUSED int utest_wait(pid_t pid)
{
	int status = -1;

	CHECK(waitpid(pid, &status, 0) == pid);
	return status;
}

/*
 * Run path with argv and envp (NULL: ours), its standard output on a
 * pipe; return its wait status, with what it printed in out
 * (NUL-terminated, cut at size - 1 bytes).
 */
extern char **environ;
static UTEST_UNUSED int utest_run_output(const char *path, char *const argv[],
					 char *const envp[], char *out, size_t size)
{
	int p[2];
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	CHECK(pipe(p) == 0);
	pid = utest_fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execve(path, argv, envp ? envp : environ);
		fprintf(stderr, "execve %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	while (got + 1 < size && (n = read(p[0], out + got, size - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(p[0]);
	return utest_wait(pid);
}

/*
 * Probing memory: utest_probe(p, write) reads (or writes 'w' to) *p and
 * returns 0 when the access went through, else the si_code of the SIGSEGV
 * it raised, with the fault address left in utest_fault_addr.
 */
static sigjmp_buf utest_probe_env;
static volatile int utest_fault_code;
static void *volatile utest_fault_addr;

static UTEST_UNUSED void utest_probe_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	utest_fault_code = si->si_code;
	utest_fault_addr = si->si_addr;
	siglongjmp(utest_probe_env, 1);
}

static UTEST_UNUSED int utest_probe(volatile char *p, int write)
{
	struct sigaction sa = { .sa_sigaction = utest_probe_segv, .sa_flags = SA_SIGINFO };

	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	utest_fault_code = 0;
	utest_fault_addr = NULL;
	if (sigsetjmp(utest_probe_env, 1) == 0) {
		if (write)
			*p = 'w';
		else
			(void)*p;
		return 0;
	}
	return utest_fault_code;
}

/* The child exited with code 0: it checked its own expectations. */
#define CHECK_CHILD_OK(pid)                                                 \
	do {                                                                \
		int child_ok_st_ = utest_wait(pid);                         \
		if (!WIFEXITED(child_ok_st_) || WEXITSTATUS(child_ok_st_) != 0) \
			fprintf(stderr, "%s:%d: child status 0x%x\n",       \
				__FILE__, __LINE__, child_ok_st_);          \
		CHECK(WIFEXITED(child_ok_st_) && WEXITSTATUS(child_ok_st_) == 0); \
	} while (0)

static UTEST_UNUSED long long utest_now_ns(void)
{
	struct timespec t;

	CHECK(clock_gettime(CLOCK_MONOTONIC, &t) == 0);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Sleep ms milliseconds, resuming after signal handlers. */
static UTEST_UNUSED void utest_sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) != 0)
		CHECK(errno == EINTR);
}

/* The test's own path, for re-executing itself: tests live in /tests. */
static UTEST_UNUSED const char *utest_self(const char *argv0)
{
	static char path[256];
	const char *slash = strrchr(argv0, '/');

	snprintf(path, sizeof(path), "/tests/%s", slash ? slash + 1 : argv0);
	return path;
}

#endif
