/*
 * Magic SysRq (include/sysrq.h): Linux's debugging keys for a system in
 * trouble, a subset of them:
 *
 *   t  show every task and every CPU (task_dump.c)
 *   w  show the tasks in uninterruptible sleep, then every CPU
 *   l  show every CPU's current task and backtrace
 *   q  show the pending kernel timers
 *   b  reboot at once, o  power off at once (no sync, as on Linux)
 *
 * Any other key prints the list.  As on Linux, /proc/sysrq-trigger runs
 * every command for root whatever the serial setting; the serial console
 * (BREAK, then the key) obeys only when the command line has sysrq=1,
 * since whoever types at the console may send a BREAK by accident.
 */
#include <cmdline.h>
#include <init.h>
#include <ksyms.h>
#include <ktimer.h>
#include <printk.h>
#include <sysrq.h>
#include <time.h>
#include <arch/cpu.h>

struct sysrq_op {
	char key;
	const char *help;		/* Linux's wording */
	const char *action;
	void (*handler)(void);
};

static void show_all_tasks(void)
{
	show_state(false);
}

static void show_blocked_tasks(void)
{
	show_state(true);
}

#define TIMERS_SHOWN	32

static void show_timers(void)
{
	struct ktimer_info timers[TIMERS_SHOWN];
	u64 now = clock_monotonic_ns();
	int n = ktimer_snapshot(timers, TIMERS_SHOWN);

	if (n < 0) {
		pr_info("sysrq: the timer list lock is stuck\n");
		return;
	}
	pr_info("sysrq: %d kernel timers pending at %llu ms\n", n,
		(unsigned long long)now / 1000000);
	for (int i = 0; i < n && i < TIMERS_SHOWN; i++) {
		unsigned long off;
		const char *fn = ksyms_lookup(timers[i].fn, &off);
		long long ms = ((long long)timers[i].expires - (long long)now) / 1000000;

		pr_info("  timer %p in %lld ms: %s\n", timers[i].timer, ms, fn ? fn : "?");
	}
}

static void reboot_now(void)
{
	arch_reboot();
}

static void power_off_now(void)
{
	kernel_power_off();
}

static const struct sysrq_op sysrq_ops[] = {
	{ 'b', "reboot(b)", "Resetting", reboot_now },
	{ 'l', "show-backtrace-all-active-cpus(l)", "Show backtrace of all active CPUs",
	  show_cpus },
	{ 'o', "poweroff(o)", "Power Off", power_off_now },
	{ 'q', "show-all-timers(q)", "Show clockevent devices & pending hrtimers (no others)",
	  show_timers },
	{ 't', "show-task-states(t)", "Show State", show_all_tasks },
	{ 'w', "show-blocked-tasks(w)", "Show Blocked State", show_blocked_tasks },
};

void sysrq_handle(char key)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(sysrq_ops); i++) {
		if (sysrq_ops[i].key == key) {
			pr_info("sysrq: %s\n", sysrq_ops[i].action);
			sysrq_ops[i].handler();
			return;
		}
	}
	pr_info("sysrq: HELP :");
	for (unsigned int i = 0; i < ARRAY_SIZE(sysrq_ops); i++)
		printk(" %s", sysrq_ops[i].help);
	printk("\n");
}

/* Read once, at boot: cmdline_get_long() is not for interrupt context. */
bool sysrq_console_enabled(void)
{
	long on;

	return cmdline_get_long("sysrq", &on) && on != 0;
}
