/*
 * The counters procfs reports move with the work done: faulting in fresh
 * pages raises minflt in /proc/self/stat and getrusage's ru_minflt (a
 * reaped child's, cminflt and RUSAGE_CHILDREN);
 * sleeping raises voluntary_ctxt_switches and /proc/stat's ctxt; a fork
 * raises "processes"; we are among procs_running; and data written to a
 * tmpfs file shows in meminfo's Cached and Shmem until it is removed.
 */
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "procfs.h"

#define PAGES	64

static char buf[8192];

/* Field n (1-based) of /proc/self/stat, counted after the ")" of comm. */
static unsigned long stat_field(int n)
{
	const char *p;
	unsigned long v = 0;

	CHECK(read_file("/proc/self/stat", buf, sizeof(buf)) > 0);
	p = strrchr(buf, ')');
	CHECK(p);
	p += 2;				/* field 3, the state */
	for (int i = 3; i < n; i++) {
		p = strchr(p, ' ');
		CHECK(p);
		p++;
	}
	CHECK(sscanf(p, "%lu", &v) == 1);
	return v;
}

static unsigned long status_value(const char *name)
{
	char v[64];

	CHECK(read_file("/proc/self/status", buf, sizeof(buf)) > 0);
	CHECK(status_field(buf, name, v, sizeof(v)));
	return strtoul(v, NULL, 10);
}

/* "name N" of /proc/stat, or "name: N kB" of /proc/meminfo. */
static unsigned long file_value(const char *path, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	CHECK(read_file(path, buf, sizeof(buf)) > 0);
	for (p = buf; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, name, len) == 0 && (p[len] == ' ' || p[len] == ':'))
			return strtoul(p + len + 1, NULL, 10);
	}
	CHECK(!"line not found");
	return 0;
}

static void touch_pages(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, PAGES * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	CHECK(m != MAP_FAILED);
	for (int i = 0; i < PAGES; i++)
		m[i * page] = 1;
	CHECK(munmap(m, PAGES * page) == 0);
}

static long rusage_minflt(int who)
{
	struct rusage ru;

	CHECK(getrusage(who, &ru) == 0);
	return ru.ru_minflt;
}

static void check_faults(void)
{
	unsigned long min0 = stat_field(10), cmin0 = stat_field(11), maj0 = stat_field(12);
	long ru0 = rusage_minflt(RUSAGE_SELF), ruc0 = rusage_minflt(RUSAGE_CHILDREN);
	pid_t pid;

	CHECK(min0 > 0 && ru0 > 0);
	touch_pages();
	CHECK(stat_field(10) >= min0 + PAGES);
	CHECK(rusage_minflt(RUSAGE_SELF) >= ru0 + PAGES);
	CHECK(stat_field(12) >= maj0);
	pid = utest_fork();
	if (pid == 0) {
		touch_pages();
		_exit(0);
	}
	CHECK(utest_wait(pid) == 0);
	CHECK(stat_field(11) >= cmin0 + PAGES);
	CHECK(rusage_minflt(RUSAGE_CHILDREN) >= ruc0 + PAGES);
}

static void check_switches(void)
{
	unsigned long vol0 = status_value("voluntary_ctxt_switches");
	unsigned long invol0 = status_value("nonvoluntary_ctxt_switches");
	unsigned long ctxt0 = file_value("/proc/stat", "ctxt");
	unsigned long forks0 = file_value("/proc/stat", "processes");
	pid_t pid;

	for (int i = 0; i < 5; i++)
		usleep(2000);
	CHECK(status_value("voluntary_ctxt_switches") >= vol0 + 5);
	CHECK(status_value("nonvoluntary_ctxt_switches") >= invol0);
	CHECK(file_value("/proc/stat", "ctxt") >= ctxt0 + 5);
	pid = utest_fork();
	if (pid == 0)
		_exit(0);
	CHECK(utest_wait(pid) == 0);
	CHECK(file_value("/proc/stat", "processes") >= forks0 + 1);
	CHECK(file_value("/proc/stat", "procs_running") >= 1);
}

static void check_shmem(void)
{
	const char *dir = "/tmp/proc_counters_tmpfs", *path = "/tmp/proc_counters_tmpfs/f";
	static char data[1 << 20];
	unsigned long cached0, shmem0;
	int fd;

	CHECK(mkdir(dir, 0755) == 0 || errno == EEXIST);
	CHECK(mount("tmpfs", dir, "tmpfs", 0, NULL) == 0);
	cached0 = file_value("/proc/meminfo", "Cached");
	shmem0 = file_value("/proc/meminfo", "Shmem");
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	memset(data, 'x', sizeof(data));
	CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
	close(fd);
	/* 1024 kB more, give or take what other tasks did meanwhile. */
	CHECK(file_value("/proc/meminfo", "Cached") >= cached0 + 900);
	CHECK(file_value("/proc/meminfo", "Shmem") >= shmem0 + 900);
	CHECK(unlink(path) == 0);
	CHECK(file_value("/proc/meminfo", "Shmem") + 900 <= shmem0 + 1024);
	CHECK(umount(dir) == 0);
	CHECK(rmdir(dir) == 0);
}

int main(void)
{
	check_faults();
	check_switches();
	check_shmem();
	return 0;
}
