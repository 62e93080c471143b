/*
 * Platform bring-up for the boot CPU: clocks now; ACPI tables, interrupt
 * controllers and the timer tick join here.
 */
#include <init.h>
#include <printk.h>
#include "pic.h"
#include "tsc.h"

void arch_platform_init(void)
{
	u64 khz;

	pic_disable();
	khz = tsc_measure_with_pit(10);

	tsc_set_frequency(khz);
	pr_info("tsc: %llu.%03llu MHz (PIT calibration)\n",
		(unsigned long long)khz / 1000, (unsigned long long)khz % 1000);
}
