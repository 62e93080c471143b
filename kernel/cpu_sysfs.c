/*
 * /sys/devices/system/cpu: which CPUs exist and run, in Linux's list
 * format ("0-1\n").  glibc's get_nprocs() reads "online", and
 * get_nprocs_conf() "possible"; nproc, top and busybox rely on them.
 * CPUs never go offline here, so all three lists are the online CPUs.
 */
#include <errno.h>
#include <format.h>
#include <percpu.h>
#include <printk.h>
#include <sysfs.h>

static ssize_t show_cpu_list(void *priv, char *buf)
{
	unsigned int n = READ_ONCE(ncpus_online);

	(void)priv;
	if (n <= 1)
		return snprintf(buf, SYSFS_BUF_SIZE, "0\n");
	return snprintf(buf, SYSFS_BUF_SIZE, "0-%u\n", n - 1);
}

void cpu_sysfs_init(void)
{
	static const char *const lists[] = { "online", "possible", "present" };
	struct sysfs_node *dir = sysfs_mkdir_path("devices/system/cpu");
	int err = dir ? 0 : -ENOMEM;

	for (size_t i = 0; i < ARRAY_SIZE(lists) && !err; i++)
		err = sysfs_create_file(dir, lists[i], 0444, show_cpu_list, NULL, NULL);
	for (unsigned int cpu = 0; cpu < ncpus_online && !err; cpu++) {
		char path[48];

		snprintf(path, sizeof(path), "devices/system/cpu/cpu%u", cpu);
		if (!sysfs_mkdir_path(path))
			err = -ENOMEM;
	}
	if (err)
		pr_warn("sysfs: cannot list the CPUs (error %d)\n", err);
}
