#ifndef X86_POWER_H
#define X86_POWER_H

/*
 * Boot CPU, once, after acpi_init(): resolve the FADT's PM1 control, sleep
 * control and reset registers (mapping any MMIO ones now, so power-off and
 * reboot never allocate) and find the S5 sleep type.
 */
void power_init(void);

#endif
