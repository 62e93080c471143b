/* The local APIC of each CPU: interrupt acceptance, EOI, IPIs, the timer tick. */
#ifndef X86_LAPIC_H
#define X86_LAPIC_H

#include <types.h>

/* Vectors 240-255 belong to the arch (kernel/irq.c hands out 48-239). */
#define LAPIC_TIMER_VECTOR	0xf0
#define LAPIC_RESCHEDULE_VECTOR	0xf1	/* wake an idle CPU to run a task (smp.c) */
#define LAPIC_ERROR_VECTOR	0xfe
#define LAPIC_SPURIOUS_VECTOR	0xff	/* must never get an EOI */

/* ICR bits for lapic_send_ipi(). */
#define ICR_DELIVERY_FIXED	(0u << 8)
#define ICR_DELIVERY_NMI	(4u << 8)
#define ICR_DELIVERY_INIT	(5u << 8)
#define ICR_DELIVERY_STARTUP	(6u << 8)
#define ICR_LEVEL_ASSERT	(1u << 14)
#define ICR_TRIGGER_LEVEL	(1u << 15)

/*
 * Boot CPU, once, after the TSC is calibrated and with interrupts off:
 * map the LAPIC, install the timer/error/spurious handlers, calibrate the
 * LAPIC timer against the TSC, then lapic_cpu_init().  Returns 0, or a
 * negative errno when there is no usable LAPIC (then there is no tick).
 */
int lapic_init(void);

/*
 * Every CPU (the boot CPU through lapic_init(), APs from their bring-up):
 * enable this CPU's LAPIC, wire LINT0/LINT1 as the MADT says, record its
 * APIC ID in this_cpu()->apic_id and start its periodic tick at HZ.
 */
void lapic_cpu_init(void);

/* True once lapic_init() has made this CPU's LAPIC reachable. */
bool lapic_available(void);
u32 lapic_id(void);
void lapic_eoi(void);

/* Send an IPI; icr_low holds the vector and ICR_* bits.  Waits until sent. */
void lapic_send_ipi(u32 apic_id, u32 icr_low);

/* LAPIC timer input clock after the divider, in Hz (0 if uncalibrated). */
u64 lapic_timer_hz(void);

#endif
