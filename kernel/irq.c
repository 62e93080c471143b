/*
 * Vector-to-handler table.  irq_table_lock protects registration; dispatch
 * reads an entry without the lock, which is safe because a handler is
 * published with a release store after its data, and unregistration only
 * happens once the device no longer raises the vector.
 */
#include <irq.h>
#include <errno.h>
#include <printk.h>
#include <spinlock.h>

#define NR_VECTORS		256
#define FIRST_DEVICE_VECTOR	48
#define LAST_DEVICE_VECTOR	239	/* 240-255: arch (timer, IPIs, spurious) */

struct irq_entry {
	irq_handler_t handler;
	void *data;
	bool allocated;
};

static DEFINE_SPINLOCK(irq_table_lock);
static struct irq_entry irq_table[NR_VECTORS];	/* irq_table_lock */

int irq_alloc_vector(void)
{
	unsigned long flags = spin_lock_irqsave(&irq_table_lock);
	int found = -1;

	for (int v = FIRST_DEVICE_VECTOR; v <= LAST_DEVICE_VECTOR; v++) {
		if (!irq_table[v].allocated) {
			irq_table[v].allocated = true;
			found = v;
			break;
		}
	}
	spin_unlock_irqrestore(&irq_table_lock, flags);
	return found;
}

int irq_register(int vector, irq_handler_t handler, void *data)
{
	unsigned long flags;
	int ret = 0;

	if (vector < 32 || vector >= NR_VECTORS)
		return -EINVAL;
	flags = spin_lock_irqsave(&irq_table_lock);
	if (irq_table[vector].handler) {
		ret = -EBUSY;
	} else {
		irq_table[vector].allocated = true;
		irq_table[vector].data = data;
		__atomic_store_n(&irq_table[vector].handler, handler, __ATOMIC_RELEASE);
	}
	spin_unlock_irqrestore(&irq_table_lock, flags);
	return ret;
}

void irq_unregister(int vector)
{
	unsigned long flags = spin_lock_irqsave(&irq_table_lock);

	irq_table[vector].handler = NULL;
	irq_table[vector].data = NULL;
	irq_table[vector].allocated = false;
	spin_unlock_irqrestore(&irq_table_lock, flags);
}

void irq_dispatch(int vector)
{
	irq_handler_t h = __atomic_load_n(&irq_table[vector].handler, __ATOMIC_ACQUIRE);

	if (h)
		h(irq_table[vector].data);
	else
		pr_warn("irq: unexpected interrupt on vector %d\n", vector);
}
