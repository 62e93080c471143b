/*
 * Platform bring-up for the boot CPU, in dependency order:
 *
 *   8259 PICs   remapped and masked: all interrupts go through the APICs
 *   ACPI        find and check the firmware tables (drivers/acpi/)
 *   HPET        the best reference clock, if the tables list one
 *   TSC         calibrated against the HPET (or the PIT): clock_monotonic_ns()
 *   LAPIC       enabled; its timer calibrated against the TSC, ticking at HZ
 *   IOAPIC      every device line masked, ISA overrides ready for drivers
 *   power       ACPI power-off and reset registers resolved
 *
 * Called once by kernel_main() after arch_cpu_init(), with interrupts off;
 * kernel_main() enables them afterwards and the tick starts counting.
 * Every step survives missing or broken firmware data by falling back.
 */
#include <acpi.h>
#include <init.h>
#include "hpet.h"
#include "ioapic.h"
#include "lapic.h"
#include "pic.h"
#include "power.h"
#include "tsc.h"

void arch_platform_init(void)
{
	pic_disable();
	acpi_init();
	hpet_init();
	tsc_calibrate();
	lapic_init();
	ioapic_init();
	power_init();
}
