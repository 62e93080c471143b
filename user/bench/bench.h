/*
 * The benchmark runtime shared by every file in user/bench/.
 *
 * The driver (bench-init.c) runs a table of entries; each entry is one
 * function that does a fixed amount of work and reports one or more
 * figures.  Everything goes to the console as one line per fact, which
 * tests/bench/run.py parses:
 *
 *   BENCH <figure> <value> <unit>            a measurement
 *   BENCH <figure> unsupported <call>:<ERR>   the kernel lacks what it needs
 *   BENCH <figure> failed <why>               a wrong result: no number
 *
 * A benchmark checks every system call through must() and every result
 * through expect().  A failure reports all of the entry's figures not yet
 * reported and leaves the entry (longjmp back to the driver), so a broken
 * kernel never posts a number.  "unsupported" is reserved for errors that
 * mean "not implemented" (ENOSYS, EAFNOSUPPORT and friends); anything else
 * is "failed".
 *
 * Timing is clock_gettime(CLOCK_MONOTONIC) and nothing else.  When the
 * clock itself is missing the work still runs (so a missing system call is
 * still named), and each figure is reported as unsupported clock_gettime.
 *
 * Children forked by a benchmark never call back into this runtime: they
 * report through their exit status (see CHILD_* below).
 */
#ifndef BENCH_H
#define BENCH_H

#include <errno.h>
#include <stdint.h>
#include <sys/types.h>

#define BENCH_MAX_FIGURES 4

struct bench_entry {
	const char *name;
	const char *figures[BENCH_MAX_FIGURES];	/* NULL-terminated if short */
	void (*run)(void);
};

/* Exit statuses of a benchmark's own children. */
#define CHILD_OK	0
#define CHILD_ENOSYS	120	/* the call it needed is not implemented */
#define CHILD_FAILED	121	/* anything else went wrong (shells use 126+) */

/* Set by the driver before any entry runs: is there a clock, and if not why. */
extern int bench_have_clock;
extern int bench_clock_error;

/* Printing: one whole line per write(2), so lines never interleave. */
void bench_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *bench_errname(int err);

/* Run one entry; failures inside it end up as report lines. */
void bench_run_entry(const struct bench_entry *e);

/* Nanoseconds of CLOCK_MONOTONIC, or 0 when the kernel has no clock. */
uint64_t bench_now(void);

/*
 * Report a figure of the current entry.  bench_time() reports a timed
 * figure (value in unit) and turns into "unsupported clock_gettime" when
 * there is no clock; bench_count() reports a figure that needs no clock.
 */
void bench_time(const char *figure, double value, const char *unit);
void bench_count(const char *figure, double value, const char *unit);

/* Give up on the current entry; never return. */
void bench_fail_errno(const char *call, int err) __attribute__((noreturn));
void bench_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* ret == -1 means failure with errno set (every libc call we use). */
static inline long must(long ret, const char *call)
{
	if (ret == -1)
		bench_fail_errno(call, errno);
	return ret;
}

#define expect(cond, ...)                                                   \
	do {                                                                \
		if (!(cond))                                                \
			bench_fail(__VA_ARGS__);                            \
	} while (0)

/* Wait for pid and require a clean exit 0 (CHILD_* otherwise). */
void bench_reap(pid_t pid, const char *what);

/* Fork, exec path with argv, wait; fail on anything but exit 0. */
void bench_spawn_wait(const char *path, char *const argv[], const char *what);

/* Per-op figures: elapsed ns over n operations, in the given unit. */
double bench_per_op(uint64_t t0, uint64_t t1, long n, double unit_ns);
/* Throughput in MB/s (10^6 bytes per second). */
double bench_mbps(uint64_t t0, uint64_t t1, uint64_t bytes);

/* The entries, one per file in user/bench/. */
void bench_getppid(void);
void bench_clock_gettime(void);
void bench_mmap_munmap(void);
void bench_page_fault(void);
void bench_sysinfo(void);
void bench_fork(void);
void bench_fork_exec(void);
void bench_vfork_exec(void);
void bench_pipe_pingpong(void);
void bench_futex_pingpong(void);
void bench_pipe_throughput(void);
void bench_poll(void);
void bench_select(void);
void bench_epoll(void);
void bench_unix_pingpong(void);
void bench_create_unlink(void);
void bench_tmpfs_seq(void);
void bench_open_close(void);
void bench_stat(void);
void bench_sh_commands(void);
void bench_sh_pipelines(void);
void bench_untar_rm(void);

#define EXEC_TARGET "/bench/true"	/* tiny static binary, exits 0 */
#define BUSYBOX "/bin/busybox"
#define SCRATCH "/tmp"

#endif
