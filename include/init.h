/* Entry points between the arch boot code and the generic kernel. */
#ifndef INIT_H
#define INIT_H

#include <types.h>

/* Generic start; boot_info is filled (boot_info_ok says if the handoff parsed). */
void kernel_main(bool boot_info_ok) __attribute__((noreturn));

/* Arch: descriptor tables, traps, CPU protection features (boot CPU). */
void arch_cpu_init(void);

/*
 * Arch: find the firmware tables (ACPI), set up interrupt controllers,
 * calibrate the clocks and start the timer tick on the boot CPU.
 */
void arch_platform_init(void);

/*
 * Arch: start every other CPU the firmware lists (boot CPU, interrupts
 * off, after arch_platform_init()); each runs its idle loop and is
 * counted in ncpus_online once its scheduler is ready.
 */
void arch_smp_init(void);

#define KERNEL_NAME	"Osprey"
#define KERNEL_VERSION	"0.1"

/* Power the machine off (after the test run, or for reboot(2) later). */
void kernel_power_off(void) __attribute__((noreturn));

/* Set by the "debug_exit" boot option: QEMU's isa-debug-exit is present. */
extern bool debug_exit_enabled;

#endif
