/*
 * sysfs is mounted on /sys and lists the CPUs the way glibc's
 * get_nprocs() reads them: /sys/devices/system/cpu/online, possible and
 * present hold "0" or "0-N", and one cpuN directory exists per CPU.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include "procfs.h"

#define SYSFS_MAGIC	0x62656572

/* CPUs in a list such as "0" or "0-1"; -1 if malformed. */
static int count_list(const char *text)
{
	int a, b;
	char end;

	if (sscanf(text, "%d-%d%c", &a, &b, &end) == 3 && end == '\n' && a == 0 && b > 0)
		return b + 1;
	if (sscanf(text, "%d%c", &a, &end) == 2 && end == '\n' && a == 0)
		return 1;
	return -1;
}

int main(void)
{
	static const char *const lists[] = { "online", "possible", "present" };
	char buf[128], path[128];
	struct statfs sfs;
	struct stat st;
	cpu_set_t set;
	int n;

	CHECK(statfs("/sys", &sfs) == 0 && sfs.f_type == SYSFS_MAGIC);
	CHECK(sched_getaffinity(0, sizeof(set), &set) == 0);
	n = CPU_COUNT(&set);
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/%s", lists[i]);
		CHECK(read_file(path, buf, sizeof(buf)) > 0);
		CHECK(count_list(buf) == n);
		CHECK(stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0444);
		CHECK_ERRNO(open(path, O_WRONLY), EACCES);
	}
	for (int cpu = 0; cpu < n; cpu++) {
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d", cpu);
		CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
	}
	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d", n);
	CHECK_ERRNO(stat(path, &st), ENOENT);
	CHECK(stat("/sys/kernel", &st) == 0 && S_ISDIR(st.st_mode));
	return 0;
}
