/*
 * Shell workloads, run by Debian's busybox-static (BUSYBOX): 200 external
 * commands, 100 three-stage pipelines, and extracting then removing a
 * 500-file tree (/bench/tree.tar, made by tests/bench/mktree.py).
 *
 * Each script runs under "set -e" and the driver requires exit 0; results
 * are checked by a second, untimed script, so the timed part is only the
 * workload.  The external command is EXEC_TARGET, not a busybox applet:
 * busybox runs its own applets without execve, and here we want the real
 * fork + execve.
 *
 * A shell that hits a missing system call only says so on stderr and exits
 * non-zero, so the calls each workload needs are first tried here, where
 * a missing one becomes a clean "unsupported" line.
 */
#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define TREE_TAR	"/bench/tree.tar"
#define TREE_DIR	SCRATCH "/bench-tree"
#define TREE_FILES	"500"

static void sh(const char *script, const char *what)
{
	char *argv[] = { "sh", "-c", (char *)script, NULL };

	bench_spawn_wait(BUSYBOX, argv, what);
}

static double timed_sh(const char *script, const char *what)
{
	uint64_t t0 = bench_now();

	sh(script, what);
	return bench_per_op(t0, bench_now(), 1, 1e6);
}

/* The file system calls redirection, tar and rm make. */
static void probe_files(void)
{
	static const char dir[] = SCRATCH "/bench-probe-dir";
	static const char file[] = SCRATCH "/bench-probe-dir/f";
	struct stat st;
	int fd;

	must(mkdir(dir, 0755), "mkdir");
	fd = must(open(file, O_CREAT | O_EXCL | O_WRONLY, 0644), "open");
	expect(must(write(fd, "x", 1), "write") == 1, "short write");
	must(close(fd), "close");
	must(stat(file, &st), "stat");
	must(unlink(file), "unlink");
	must(rmdir(dir), "rmdir");
}

static void probe_pipe(void)
{
	int fds[2];

	must(pipe(fds), "pipe");
	must(close(fds[0]), "close");
	must(close(fds[1]), "close");
}

void bench_sh_commands(void)
{
	double ms = timed_sh("set -e; i=0; while [ $i -lt 200 ]; do "
			     EXEC_TARGET "; i=$((i + 1)); done",
			     "sh 200 commands");

	bench_time("sh_200_commands", ms, "ms");
}

void bench_sh_pipelines(void)
{
	double ms;

	probe_pipe();
	probe_files();
	ms = timed_sh("set -e; i=0; while [ $i -lt 100 ]; do "
		      "echo hello | cat | wc -c > " SCRATCH "/bench-pipe.out; "
		      "i=$((i + 1)); done",
		      "sh 100 pipelines");
	sh("set -e; [ $(cat " SCRATCH "/bench-pipe.out) = 6 ]; rm " SCRATCH "/bench-pipe.out",
	   "pipeline output check");
	bench_time("sh_100_pipelines", ms, "ms");
}

void bench_untar_rm(void)
{
	struct stat st;
	double untar, rm;

	probe_files();
	untar = timed_sh("set -e; mkdir " TREE_DIR "; tar -xf " TREE_TAR " -C " TREE_DIR,
			 "tar -x");
	sh("set -e; [ $(find " TREE_DIR " -type f | wc -l) = " TREE_FILES " ]",
	   "untar check");
	rm = timed_sh("rm -rf " TREE_DIR, "rm -rf");
	expect(stat(TREE_DIR, &st) == -1 && errno == ENOENT, "tree survived rm -rf");
	bench_time("untar_500_files", untar, "ms");
	bench_time("rm_500_files", rm, "ms");
}
