/* IOAPICs: device interrupt lines (GSIs) to CPU vectors. */
#ifndef X86_IOAPIC_H
#define X86_IOAPIC_H

#include <types.h>

/*
 * Boot CPU, once, after lapic_init(): map every IOAPIC the MADT lists (or
 * probe the PC default at 0xfec00000 without one), mask every input and
 * wire the MADT's NMI sources.
 */
void ioapic_init(void);

/*
 * Deliver GSI 'gsi' to 'vector' on the boot CPU, edge or level, active
 * high or low, and unmask it.  Returns 0, -EINVAL for a bad vector, or
 * -ENODEV when no IOAPIC serves that GSI.  May be called with interrupts
 * on, from any CPU.
 */
int ioapic_route_gsi(u32 gsi, int vector, bool level, bool active_low);
int ioapic_mask_gsi(u32 gsi);

/*
 * Legacy ISA IRQs (0-15), with the MADT's interrupt source overrides
 * applied: e.g. on QEMU the PIT's IRQ 0 arrives on GSI 2.  Same return
 * values as ioapic_route_gsi(), plus -EINVAL for isa_irq > 15.  They are
 * the driver-facing API, so their prototypes live in <irq.h>.
 */
#include <irq.h>

#endif
