/*
 * /init of the benchmark initramfs: say hello, probe what the kernel has,
 * run every benchmark entry in order, then power off.
 *
 * The first line it prints is "BENCH-INIT tsc <n>": the host runner times
 * QEMU start to this line (boot time), and under -icount the time stamp
 * counter counts guest time since reset, i.e. instructions to /init.
 *
 * Each entry runs in a forked child when fork and wait4 work, so a crash
 * or a hang (alarm) costs that entry only; otherwise entries run in this
 * process one after another.  Around each entry:
 *
 *   BENCH-BEGIN <entry> <figure>[,<figure>...]
 *   BENCH ...                    (bench.h)
 *   BENCH-END <entry> ok | exit <n> | signal <n>
 *
 * so the runner can tell which figures a dead or hung entry owed.  The last
 * line before power-off is "BENCH-DONE".  The same binary runs on Debian's
 * Linux and on ours; as PID 1 it must never exit (Linux would panic).
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define ENTRY_TIMEOUT_S 300

static const struct bench_entry entries[] = {
	{ "getppid", { "syscall_getppid" }, bench_getppid },
	{ "clock_gettime", { "clock_gettime_libc", "clock_gettime_syscall" }, bench_clock_gettime },
	{ "mmap", { "mmap_munmap" }, bench_mmap_munmap },
	{ "page_fault", { "anon_page_fault" }, bench_page_fault },
	{ "open_close", { "open_close" }, bench_open_close },
	{ "stat", { "stat" }, bench_stat },
	{ "create_unlink", { "file_create_write_unlink" }, bench_create_unlink },
	{ "tmpfs_seq", { "tmpfs_seq_write", "tmpfs_seq_read" }, bench_tmpfs_seq },
	{ "poll", { "poll_16_pipes" }, bench_poll },
	{ "select", { "select_16_pipes" }, bench_select },
	{ "epoll", { "epoll_16_pipes" }, bench_epoll },
	{ "pipe_pingpong", { "pipe_pingpong" }, bench_pipe_pingpong },
	{ "futex_pingpong", { "futex_pingpong" }, bench_futex_pingpong },
	{ "pipe_throughput", { "pipe_throughput_64k" }, bench_pipe_throughput },
	{ "unix_pingpong", { "unix_pingpong" }, bench_unix_pingpong },
	{ "fork", { "fork_exit_wait" }, bench_fork },
	{ "fork_exec", { "fork_exec_wait" }, bench_fork_exec },
	{ "vfork_exec", { "vfork_exec_wait" }, bench_vfork_exec },
	{ "sh_commands", { "sh_200_commands" }, bench_sh_commands },
	{ "sh_pipelines", { "sh_100_pipelines" }, bench_sh_pipelines },
	{ "untar_rm", { "untar_500_files", "rm_500_files" }, bench_untar_rm },
};

static const struct bench_entry sysinfo_entry = {
	"sysinfo", { "mem_free_at_init" }, bench_sysinfo
};

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Linux gives init the console as fds 0-2 only if /dev/console exists. */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) != -1 || errno != EBADF)
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

static void say_result(const char *what, int ret)
{
	if (ret == 0)
		bench_say("BENCH-INFO %s ok", what);
	else
		bench_say("BENCH-INFO %s %s", what, bench_errname(errno));
}

/* procfs for busybox (/proc/self/exe), a fresh tmpfs as scratch space. */
static void mount_filesystems(void)
{
	say_result("mount-proc", mount("proc", "/proc", "proc", 0, NULL));
	say_result("mount-tmpfs", mount("tmpfs", SCRATCH, "tmpfs", 0, "mode=1777"));
}

/*
 * musl turns ENOSYS from clock_gettime into EINVAL for every clock but
 * CLOCK_REALTIME, so the probe asks the kernel directly to name the real
 * error.  Timing itself goes through libc, which uses Linux's vDSO when the
 * kernel offers one: that is part of what is compared.
 */
static void probe_clock(void)
{
	struct timespec a, b;

	if (syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a) != 0 ||
	    clock_gettime(CLOCK_MONOTONIC, &a) != 0) {
		bench_clock_error = errno;
		bench_say("BENCH clock unsupported clock_gettime:%s", bench_errname(errno));
		return;
	}
	if (clock_gettime(CLOCK_MONOTONIC, &b) != 0 ||
	    b.tv_sec < a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec < a.tv_nsec)) {
		bench_clock_error = EINVAL;
		bench_say("BENCH clock failed CLOCK_MONOTONIC went backwards");
		return;
	}
	bench_have_clock = 1;
	bench_say("BENCH-INFO clock ok");
}

/* Can entries run in children?  Needs fork and wait4 both. */
static int probe_fork(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		bench_say("BENCH-INFO isolation none fork:%s", bench_errname(errno));
		return 0;
	}
	if (pid == 0)
		_exit(CHILD_OK);
	if (waitpid(pid, &status, 0) != pid) {
		bench_say("BENCH-INFO isolation none wait4:%s", bench_errname(errno));
		return 0;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != CHILD_OK) {
		bench_say("BENCH-INFO isolation none child status 0x%x", status);
		return 0;
	}
	bench_say("BENCH-INFO isolation fork");
	return 1;
}

static void begin(const struct bench_entry *e)
{
	char figs[256] = "";

	for (int i = 0; i < BENCH_MAX_FIGURES && e->figures[i]; i++) {
		if (i)
			strncat(figs, ",", sizeof(figs) - strlen(figs) - 1);
		strncat(figs, e->figures[i], sizeof(figs) - strlen(figs) - 1);
	}
	bench_say("BENCH-BEGIN %s %s", e->name, figs);
}

static void run_isolated(const struct bench_entry *e)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		alarm(ENTRY_TIMEOUT_S);	/* no signals yet: ENOSYS, and fine */
		bench_run_entry(e);
		_exit(CHILD_OK);
	}
	if (pid < 0) {
		bench_say("BENCH-END %s fork %s", e->name, bench_errname(errno));
		return;
	}
	if (waitpid(pid, &status, 0) != pid)
		bench_say("BENCH-END %s wait4 %s", e->name, bench_errname(errno));
	else if (WIFSIGNALED(status))
		bench_say("BENCH-END %s signal %d", e->name, WTERMSIG(status));
	else if (WEXITSTATUS(status) != CHILD_OK)
		bench_say("BENCH-END %s exit %d", e->name, WEXITSTATUS(status));
	else
		bench_say("BENCH-END %s ok", e->name);
}

static void say_kernel(void)
{
	struct utsname u;

	if (uname(&u) == 0)
		bench_say("BENCH-INFO kernel %s %s", u.sysname, u.release);
	else
		bench_say("BENCH-INFO kernel unknown %s", bench_errname(errno));
}

int main(void)
{
	uint64_t tsc = rdtsc();
	int isolate;

	open_console();
	bench_say("BENCH-INIT tsc %llu", (unsigned long long)tsc);
	say_kernel();
	/* Memory first, before the mounts and benchmarks allocate any. */
	begin(&sysinfo_entry);
	bench_run_entry(&sysinfo_entry);
	bench_say("BENCH-END %s ok", sysinfo_entry.name);
	mount_filesystems();
	probe_clock();
	isolate = probe_fork();
	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		begin(&entries[i]);
		if (isolate) {
			run_isolated(&entries[i]);
		} else {
			bench_run_entry(&entries[i]);
			bench_say("BENCH-END %s ok", entries[i].name);
		}
	}
	bench_say("BENCH-DONE");
	reboot(RB_POWER_OFF);
	bench_say("BENCH-INFO reboot %s", bench_errname(errno));
	for (;;)
		pause();
}
