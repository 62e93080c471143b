/*
 * Debian's busybox procps and mount tools read /proc as on Linux: ps
 * finds this process with its parent, state and name, pidof finds it by
 * name, free reads meminfo, mount and df the mount table, top and
 * uptime the load and CPU counters.
 */
#include "procfs.h"

#define BUSYBOX "/utest-data/busybox"

static char out[65536];

/* Run busybox with argv, stdout on a pipe; return what it printed. */
static const char *run(char *const argv[])
{
	int status = utest_run_output(BUSYBOX, argv, NULL, out, sizeof(out));

	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "%s printed:\n%s\n", argv[0], out);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return out;
}

static void check_ps(void)
{
	char *argv[] = { "ps", "-o", "pid,ppid,stat,comm", NULL };
	char want[128];

	run(argv);
	CHECK(strncmp(out, "PID   PPID  STAT COMMAND\n", 25) == 0);
	snprintf(want, sizeof(want), "\n%5d %5d S    proc_busybox_ps\n", getpid(), getppid());
	if (!strstr(out, want))
		fprintf(stderr, "ps printed:\n%s", out);
	CHECK(strstr(out, want));
	CHECK(strstr(out, "\n    1     0 S    init\n"));
}

static void check_pidof(void)
{
	char *argv[] = { "pidof", "proc_busybox_ps", NULL };
	char want[32];

	snprintf(want, sizeof(want), "%d\n", getpid());
	CHECK(strcmp(run(argv), want) == 0);
}

static void check_memory_and_mounts(void)
{
	char *free_argv[] = { "free", NULL };
	char *mount_argv[] = { "mount", NULL };
	char *df_argv[] = { "df", "/proc", NULL };
	char *status_argv[] = { "cat", "/proc/self/status", NULL };
	unsigned long total, used, avail;

	run(free_argv);
	CHECK(strstr(out, "total") && strstr(out, "\nMem:"));
	CHECK(sscanf(strstr(out, "\nMem:") + 5, "%lu %lu %lu", &total, &used, &avail) == 3);
	CHECK(total > 100000 && used < total);
	CHECK(strstr(run(mount_argv), "proc on /proc type proc (rw,"));
	CHECK(strstr(run(mount_argv), "sysfs on /sys type sysfs (rw,"));
	CHECK(strncmp(run(df_argv), "Filesystem", 10) == 0);
	/* A busybox applet is still the program "busybox" to the kernel. */
	CHECK(strncmp(run(status_argv), "Name:\tbusybox\n", 14) == 0);
}

static void check_top_uptime(void)
{
	char *top_argv[] = { "top", "-b", "-n", "1", NULL };
	char *uptime_argv[] = { "uptime", NULL };

	run(top_argv);
	CHECK(strncmp(out, "Mem: ", 5) == 0 && strstr(out, "\nCPU:") && strstr(out, "\nLoad average: "));
	CHECK(strstr(out, "  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND\n"));
	CHECK(strstr(run(uptime_argv), " load average: "));
}

int main(void)
{
	check_ps();
	check_pidof();
	check_memory_and_mounts();
	check_top_uptime();
	return 0;
}
