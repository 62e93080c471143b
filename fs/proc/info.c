/*
 * The system-wide files at the top of /proc: memory, time, load, CPU
 * counters, the kernel's version and command line, the filesystem
 * types.  Each is one show() function printing Linux 6.1's format (free,
 * uptime, top and ps parse them by field name or position).
 */
#include <format.h>
#include <cmdline.h>
#include <mm.h>
#include <percpu.h>
#include <proc.h>
#include <time.h>
#include <timer.h>
#include <utsname.h>
#include <arch/cpu.h>
#include <string.h>
#include "internal.h"

#define USER_HZ		100
#define TICKS_TO_USER(t)	((unsigned long long)(t) / (HZ / USER_HZ))

static void show_kb(struct seq_buf *s, const char *name, u64 pages)
{
	seq_printf(s, "%-16s%8llu kB\n", name, (unsigned long long)(pages * (PAGE_SIZE / 1024)));
}

/* Lines Linux has and we do not track: shown as 0 so that parsers find them all. */
static void show_zero_kb(struct seq_buf *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		show_kb(s, names[i], 0);
}

int proc_show_meminfo(struct seq_buf *s, const struct proc_node *pn)
{
	u64 total = mm_total_pages(), free = mm_free_pages();
	u64 cached = page_cache_total_pages();
	static const char *const zero_before_shmem[] = {
		"SwapCached:", "Active:", "Inactive:", "Active(anon):",
		"Inactive(anon):", "Active(file):", "Inactive(file):", "Unevictable:", "Mlocked:",
		"SwapTotal:", "SwapFree:", "Dirty:", "Writeback:", "AnonPages:", "Mapped:",
	};
	static const char *const zero_after_shmem[] = {
		"KReclaimable:", "Slab:", "SReclaimable:", "SUnreclaim:",
	};

	show_kb(s, "MemTotal:", total);
	show_kb(s, "MemFree:", free);
	show_kb(s, "MemAvailable:", free);
	show_kb(s, "Buffers:", 0);
	/* Every cached page is a tmpfs page, which Linux counts as Cached and Shmem. */
	show_kb(s, "Cached:", cached);
	show_zero_kb(s, zero_before_shmem, ARRAY_SIZE(zero_before_shmem));
	show_kb(s, "Shmem:", cached);
	show_zero_kb(s, zero_after_shmem, ARRAY_SIZE(zero_after_shmem));
	show_kb(s, "CommitLimit:", total / 2);
	show_kb(s, "Committed_AS:", total - free);
	return 0;
}

int proc_show_uptime(struct seq_buf *s, const struct proc_node *pn)
{
	u64 up = clock_monotonic_ns(), idle = 0;

	for (unsigned int i = 0; i < READ_ONCE(ncpus_online); i++)
		idle += READ_ONCE(cpus[i]->idle_ticks) * TICK_NSEC;
	seq_printf(s, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up / NSEC_PER_SEC),
		   (unsigned long long)(up % NSEC_PER_SEC / (NSEC_PER_SEC / 100)),
		   (unsigned long long)(idle / NSEC_PER_SEC),
		   (unsigned long long)(idle % NSEC_PER_SEC / (NSEC_PER_SEC / 100)));
	return 0;
}

int proc_show_loadavg(struct seq_buf *s, const struct proc_node *pn)
{
	unsigned long loads[3];

	loadavg_get(loads);
	for (int i = 0; i < 3; i++) {
		unsigned long l = loads[i] + (1ul << LOADAVG_FSHIFT) / 200;	/* round to 0.01 */

		seq_printf(s, "%lu.%02lu ", l >> LOADAVG_FSHIFT,
			   ((l & ((1ul << LOADAVG_FSHIFT) - 1)) * 100) >> LOADAVG_FSHIFT);
	}
	seq_printf(s, "%u/%u %d\n", sched_nr_running(), nr_tasks(), pid_last());
	return 0;
}

static void show_cpu_line(struct seq_buf *s, const char *name, u64 user, u64 sys, u64 idle)
{
	seq_printf(s, "%s %llu 0 %llu %llu 0 0 0 0 0 0\n", name, TICKS_TO_USER(user),
		   TICKS_TO_USER(sys), TICKS_TO_USER(idle));
}


int proc_show_kstat(struct seq_buf *s, const struct proc_node *pn)
{
	unsigned int n = READ_ONCE(ncpus_online);
	u64 user = 0, sys = 0, idle = 0, switches = 0;
	s64 boot = clock_realtime_ns() - (s64)clock_monotonic_ns();

	for (unsigned int i = 0; i < n; i++) {
		user += READ_ONCE(cpus[i]->user_ticks);
		sys += READ_ONCE(cpus[i]->system_ticks);
		idle += READ_ONCE(cpus[i]->idle_ticks);
		switches += READ_ONCE(cpus[i]->nr_switches);
	}
	show_cpu_line(s, "cpu ", user, sys, idle);
	for (unsigned int i = 0; i < n; i++) {
		char name[16];

		snprintf(name, sizeof(name), "cpu%u", i);
		show_cpu_line(s, name, READ_ONCE(cpus[i]->user_ticks),
			      READ_ONCE(cpus[i]->system_ticks), READ_ONCE(cpus[i]->idle_ticks));
	}
	seq_printf(s, "intr 0\nctxt %llu\nbtime %lld\nprocesses %llu\n", (unsigned long long)switches,
		   (long long)(boot / (s64)NSEC_PER_SEC), (unsigned long long)pid_nr_allocated());
	seq_printf(s, "procs_running %u\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
		   sched_nr_running());
	return 0;
}

int proc_show_cpuinfo(struct seq_buf *s, const struct proc_node *pn)
{
	for (unsigned int i = 0; i < READ_ONCE(ncpus_online); i++)
		arch_show_cpuinfo(s, i);
	return 0;
}

int proc_show_version(struct seq_buf *s, const struct proc_node *pn)
{
	seq_printf(s, "%s version %s (osprey@build) (gcc) %s\n", UTS_SYSNAME, UTS_RELEASE,
		   uts_version());
	return 0;
}

int proc_show_filesystems(struct seq_buf *s, const struct proc_node *pn)
{
	vfs_show_filesystems(s);
	return 0;
}

int proc_show_cmdline(struct seq_buf *s, const struct proc_node *pn)
{
	seq_printf(s, "%s\n", cmdline_raw());
	return 0;
}
