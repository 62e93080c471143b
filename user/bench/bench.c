/*
 * The benchmark runtime: output lines, the clock, failure handling and the
 * fork/exec/wait helpers every process benchmark needs.  See bench.h for
 * the line format and the rules.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

int bench_have_clock;
int bench_clock_error = ENOSYS;

/* The entry being run, which of its figures are reported, where to escape. */
static const struct bench_entry *current;
static unsigned int reported;
static jmp_buf escape;

static void write_all(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(1, buf, len);

		if (n <= 0)
			return;	/* the console is gone: nowhere to say so */
		buf += n;
		len -= (size_t)n;
	}
}

void bench_say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	write_all(line, (size_t)n);
}

const char *bench_errname(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" },
		{ EINTR, "EINTR" }, { EIO, "EIO" }, { E2BIG, "E2BIG" },
		{ ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" }, { ECHILD, "ECHILD" },
		{ EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
		{ ENODEV, "ENODEV" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
		{ EINVAL, "EINVAL" }, { EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
		{ ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" }, { EROFS, "EROFS" },
		{ EPIPE, "EPIPE" }, { ERANGE, "ERANGE" }, { ENOSYS, "ENOSYS" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ELOOP, "ELOOP" },
		{ ENOTSOCK, "ENOTSOCK" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ EPROTONOSUPPORT, "EPROTONOSUPPORT" },
		{ ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT" },
		{ EAFNOSUPPORT, "EAFNOSUPPORT" },
	};
	static char other[16];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	snprintf(other, sizeof(other), "E%d", err);
	return other;
}

/* Errors that mean "the kernel does not have this", not "it is broken". */
static int means_unsupported(int err)
{
	return err == ENOSYS || err == EAFNOSUPPORT || err == EPROTONOSUPPORT ||
	       err == ESOCKTNOSUPPORT || err == EOPNOTSUPP;
}

static int figure_index(const char *figure)
{
	for (int i = 0; i < BENCH_MAX_FIGURES && current->figures[i]; i++)
		if (strcmp(current->figures[i], figure) == 0)
			return i;
	return -1;
}

/* Say "BENCH <fig> <verdict>" for every figure not reported yet. */
static void report_rest(const char *verdict)
{
	for (int i = 0; i < BENCH_MAX_FIGURES && current->figures[i]; i++)
		if (!(reported & (1u << i)))
			bench_say("BENCH %s %s", current->figures[i], verdict);
	reported = ~0u;
}

void bench_fail_errno(const char *call, int err)
{
	char verdict[128];

	snprintf(verdict, sizeof(verdict), "%s %s:%s",
		 means_unsupported(err) ? "unsupported" : "failed",
		 call, bench_errname(err));
	report_rest(verdict);
	longjmp(escape, 1);
}

void bench_fail(const char *fmt, ...)
{
	char why[256], verdict[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(verdict, sizeof(verdict), "failed %s", why);
	report_rest(verdict);
	longjmp(escape, 1);
}

static void report(const char *figure, double value, const char *unit, int timed)
{
	int i = figure_index(figure);

	if (i < 0) {
		bench_say("BENCH %s failed not declared by entry %s", figure, current->name);
		return;
	}
	reported |= 1u << i;
	if (timed && !bench_have_clock)
		bench_say("BENCH %s %s clock_gettime:%s", figure,
			  means_unsupported(bench_clock_error) ? "unsupported" : "failed",
			  bench_errname(bench_clock_error));
	else
		bench_say("BENCH %s %.3f %s", figure, value, unit);
}

void bench_time(const char *figure, double value, const char *unit)
{
	report(figure, value, unit, 1);
}

void bench_count(const char *figure, double value, const char *unit)
{
	report(figure, value, unit, 0);
}

void bench_run_entry(const struct bench_entry *e)
{
	current = e;
	reported = 0;
	if (setjmp(escape) == 0) {
		e->run();
		report_rest("failed entry reported nothing");
	}
	current = NULL;
}

uint64_t bench_now(void)
{
	struct timespec ts;

	if (!bench_have_clock)
		return 0;
	must(clock_gettime(CLOCK_MONOTONIC, &ts), "clock_gettime");
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

double bench_per_op(uint64_t t0, uint64_t t1, long n, double unit_ns)
{
	return (double)(t1 - t0) / (double)n / unit_ns;
}

double bench_mbps(uint64_t t0, uint64_t t1, uint64_t bytes)
{
	if (t1 <= t0)
		return 0;
	return (double)bytes * 1000.0 / (double)(t1 - t0);
}

/* Reap pid; a CHILD_ENOSYS exit means enosys_call was missing in the child. */
static void reap(pid_t pid, const char *enosys_call, const char *what)
{
	int status;

	expect(must(waitpid(pid, &status, 0), "wait4") == pid, "wait4 returned another pid");
	if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_OK)
		return;
	if (WIFEXITED(status) && WEXITSTATUS(status) == CHILD_ENOSYS)
		bench_fail_errno(enosys_call, ENOSYS);
	if (WIFSIGNALED(status))
		bench_fail("%s: child killed by signal %d", what, WTERMSIG(status));
	bench_fail("%s: child exited with %d", what, WEXITSTATUS(status));
}

void bench_reap(pid_t pid, const char *what)
{
	reap(pid, what, what);
}

void bench_spawn_wait(const char *path, char *const argv[], const char *what)
{
	static char *const envp[] = { "PATH=/bin:/sbin:/usr/bin:/usr/sbin", NULL };
	pid_t pid = must(fork(), "fork");

	if (pid == 0) {
		execve(path, argv, envp);
		_exit(errno == ENOSYS ? CHILD_ENOSYS : CHILD_FAILED);
	}
	reap(pid, "execve", what);
}
