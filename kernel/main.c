/*
 * kernel_main: the generic boot sequence, in dependency order.  Each step
 * may use everything set up before it.
 */
#include <boot_info.h>
#include <cmdline.h>
#include <init.h>
#include <ktest.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <sched.h>
#include <serial8250.h>
#include <time.h>
#include <arch/cpu.h>

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

/* The first task: runs the self-tests now; will exec /init. */
static void init_thread(void *arg)
{
	(void)arg;
	if (cmdline_has("ktest")) {
		ktest_run_selected();
		kernel_power_off();
	}
	pr_info("No init to run yet; idling\n");
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
	arch_irq_enable();
	mm_print_usage();
	pr_info("%s %s (x86_64) ready in %llu us\n", KERNEL_NAME, KERNEL_VERSION,
		(unsigned long long)clock_monotonic_ns() / 1000);

	sched_init();
	if (!kthread_create(init_thread, NULL, "init"))
		panic("cannot create the init thread");
	cpu_idle_loop();
}
