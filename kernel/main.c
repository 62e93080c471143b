/*
 * kernel_main: the generic boot sequence, in dependency order.  Each step
 * may use everything set up before it.
 */
#include <boot_info.h>
#include <cmdline.h>
#include <init.h>
#include <errno.h>
#include <exec.h>
#include <ktest.h>
#include <random.h>
#include <mm.h>
#include <net.h>
#include <proc.h>
#include <panic.h>
#include <printk.h>
#include <sched.h>
#include <chrdev.h>
#include <serial8250.h>
#include <sysfs.h>
#include <time.h>
#include <tty.h>
#include <vfs.h>
#include <arch/cpu.h>
#include <arch/vdso.h>

bool debug_exit_enabled;

/* Clean power-off; if the machine stays on, stop here. */
void kernel_power_off(void)
{
	pr_info("reboot: Power down\n");
	arch_debug_exit(0);
	arch_poweroff();
	pr_emerg("reboot: power-off failed; halting\n");
	arch_halt_forever();
}

static void apply_log_options(void)
{
	long level;

	if (cmdline_has("quiet"))
		console_loglevel = 4;
	if (cmdline_get_long("loglevel", &level) && level >= 0 && level <= 15)
		console_loglevel = (int)level;
	debug_exit_enabled = cmdline_has("debug_exit");
}

static void print_memory_map(void)
{
	static const char *const type_names[] = {
		[BOOT_MEM_USABLE] = "usable",
		[BOOT_MEM_RESERVED] = "reserved",
		[BOOT_MEM_ACPI_RECLAIM] = "ACPI data",
		[BOOT_MEM_ACPI_NVS] = "ACPI NVS",
		[BOOT_MEM_BAD] = "unusable",
	};
	u64 usable = 0;

	for (unsigned int i = 0; i < boot_info.memmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.memmap[i];

		pr_info("BIOS-e820: [mem 0x%016llx-0x%016llx] %s\n",
			(unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1),
			type_names[r->type]);
		if (r->type == BOOT_MEM_USABLE)
			usable += r->size;
	}
	pr_info("Memory: %llu KiB usable RAM\n", (unsigned long long)usable / 1024);
}

static const char *const init_envp[] = { "HOME=/", "TERM=linux", NULL };

/* Exec path as the init program; returns only when that failed. */
static void try_init(const char *path)
{
	const char *const argv[] = { path, NULL };
	int err = kernel_execve(path, argv, init_envp);

	if (err != -ENOENT)
		pr_err("Failed to execute %s (error %d)\n", path, err);
}

/*
 * The first task (pid 1): runs the self-tests when asked, else becomes
 * the init program, searched for the way Linux does: rdinit= (default
 * /init) in the initramfs, then init=, then the usual places.
 */
static void init_thread(void *arg)
{
	static const char *const fallbacks[] = {
		"/sbin/init", "/etc/init", "/bin/init", "/bin/sh",
	};
	const char *opt;

	(void)arg;
	vfs_setup_init_task();
	if (cmdline_has("ktest")) {
		ktest_run_selected();
		kernel_power_off();
	}
	opt = cmdline_get("rdinit");
	try_init(opt && *opt ? opt : "/init");
	opt = cmdline_get("init");
	if (opt && *opt)
		try_init(opt);
	for (size_t i = 0; i < ARRAY_SIZE(fallbacks); i++)
		try_init(fallbacks[i]);
	panic("No working init found.  Try passing init= option to kernel.");
}

void kernel_main(bool boot_info_ok)
{
	cmdline_init(boot_info.cmdline);
	apply_log_options();
	serial8250_early_init();
	pr_info("Booting kernel (x86_64) via %s\n",
		boot_info.loader ? boot_info.loader : "an unknown loader");
	pr_info("Command line: %s\n", cmdline_raw());
	if (!boot_info_ok)
		panic("boot: the loader's handoff is unreadable; cannot find memory");
	arch_cpu_init();
	print_memory_map();
	if (boot_info.memmap_count == 0)
		panic("boot: the loader gave no memory map");
	mm_init();

	arch_platform_init();
	arch_smp_init();
	arch_vdso_init();
	time_init();
	serial8250_tty_init();
	pty_init();
	syslog_init();
	arch_irq_enable();
	mm_print_usage();
	pr_info("%s %s (x86_64) ready in %llu us\n", KERNEL_NAME, KERNEL_VERSION,
		(unsigned long long)clock_monotonic_ns() / 1000);

	random_init();
	futex_init();
	sched_init();
	vfs_init();
	net_init();
	rtc_dev_init();
	cpu_sysfs_init();
	vfs_populate_root();
	if (!kthread_create(init_thread, NULL, "init"))
		panic("cannot create the init thread");
	cpu_idle_loop();
}
