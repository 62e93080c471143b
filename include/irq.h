/*
 * Interrupt handlers.  A handler is attached to a CPU vector and runs with
 * interrupts disabled on the CPU that took the interrupt; it must not
 * sleep.  Device drivers get vectors from irq_alloc_vector() and route a
 * legacy IRQ line with arch_irq_route() (IOAPIC on x86_64).
 */
#ifndef IRQ_H
#define IRQ_H

#include <types.h>

typedef void (*irq_handler_t)(void *data);

/* Returns a free vector, or -1 when all are used. */
int irq_alloc_vector(void);
/* Attach handler to vector; returns 0 or -EBUSY. */
int irq_register(int vector, irq_handler_t handler, void *data);
void irq_unregister(int vector);

/*
 * Route legacy (ISA) interrupt line isa_irq to vector on the boot CPU,
 * honouring the firmware's overrides; mask it again.  0 or -errno.
 */
int arch_irq_route(unsigned int isa_irq, int vector);
int arch_irq_mask(unsigned int isa_irq);

/* Called by the arch trap code for every external interrupt. */
void irq_dispatch(int vector);

#endif
