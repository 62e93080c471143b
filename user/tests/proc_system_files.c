/*
 * The system-wide files of /proc in Linux's formats: meminfo (plausible
 * MemTotal and MemFree), uptime (advancing), loadavg, stat, cpuinfo,
 * version, filesystems, cmdline and the mount table.
 */
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include "procfs.h"

#define PROC_SUPER_MAGIC	0x9fa0

static char buf[65536];

static unsigned long meminfo_kb(const char *name)
{
	char v[64];
	unsigned long kb = 0;

	CHECK(status_field(buf, name, v, sizeof(v)));
	CHECK(sscanf(v, "%lu kB", &kb) == 1 && strcmp(v + strlen(v) - 3, " kB") == 0);
	return kb;
}

static void check_meminfo(void)
{
	unsigned long total, free;
	struct sysinfo si;

	CHECK(read_file("/proc/meminfo", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, "MemTotal:", 9) == 0);
	total = meminfo_kb("MemTotal");
	free = meminfo_kb("MemFree");
	/* The same memory sysinfo(2) reports, and at least the 64 MiB we boot with. */
	CHECK(sysinfo(&si) == 0);
	CHECK(total == (unsigned long)((unsigned long long)si.totalram * si.mem_unit / 1024));
	CHECK(total >= 64 * 1024);
	CHECK(free > 0 && free < total);
	CHECK(meminfo_kb("MemAvailable") <= total);
	meminfo_kb("SwapTotal");
	meminfo_kb("Cached");
}

static double uptime_now(void)
{
	double up, idle;

	CHECK(read_file("/proc/uptime", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%lf %lf", &up, &idle) == 2);
	CHECK(up > 0 && idle >= 0);
	return up;
}

static void check_loadavg_stat(void)
{
	double l1, l5, l15;
	int running, total, last;
	unsigned long long user, nice, sys, idle;

	CHECK(read_file("/proc/loadavg", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &total, &last) == 6);
	CHECK(l1 >= 0 && running >= 1 && total >= running && last > 0);
	CHECK(read_file("/proc/stat", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "cpu  %llu %llu %llu %llu", &user, &nice, &sys, &idle) == 4);
	CHECK(strstr(buf, "\ncpu0 ") && strstr(buf, "\nbtime ") && strstr(buf, "\nprocesses "));
	CHECK(strstr(buf, "\nprocs_running "));
}

static void check_text_files(void)
{
	struct utsname u;
	struct statfs st;
	char want[128];

	CHECK(uname(&u) == 0);
	snprintf(want, sizeof(want), "Linux version %s ", u.release);
	CHECK(read_file("/proc/version", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, want, strlen(want)) == 0 && buf[strlen(buf) - 1] == '\n');
	CHECK(read_file("/proc/cpuinfo", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, "processor\t: 0\n", 14) == 0 && strstr(buf, "\nflags\t\t: "));
	CHECK(read_file("/proc/filesystems", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "nodev\tproc\n") && strstr(buf, "nodev\tsysfs\n"));
	CHECK(read_file("/proc/cmdline", buf, sizeof(buf)) > 1 && buf[strlen(buf) - 1] == '\n');
	CHECK(strstr(buf, "console=ttyS0"));
	CHECK(read_file("/proc/mounts", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, "proc /proc proc rw,"));
	CHECK(read_file("/proc/self/mountinfo", buf, sizeof(buf)) > 0);
	CHECK(strstr(buf, " /proc rw,") && strstr(buf, " - proc proc rw"));
	CHECK(statfs("/proc", &st) == 0 && st.f_type == PROC_SUPER_MAGIC);
}

int main(void)
{
	double before;

	check_meminfo();
	before = uptime_now();
	utest_sleep_ms(50);
	CHECK(uptime_now() > before);
	check_loadavg_stat();
	check_text_files();
	return 0;
}
