/*
 * IOAPICs: where device interrupt lines enter the APIC world.
 *
 * Each IOAPIC serves a range of global system interrupts (GSIs) starting
 * at its gsi_base, one input pin per GSI.  Its registers are reached
 * through an index/data pair: write the register number to IOREGSEL
 * (offset 0), then read or write IOWIN (offset 0x10).  Pin n has a 64-bit
 * redirection entry at registers 0x10 + 2n (low) and 0x11 + 2n (high):
 * vector, delivery mode, polarity, trigger mode, mask, and the destination
 * APIC ID in the top byte.
 *
 * ISA IRQs are identity-mapped to GSIs 0-15, edge-triggered and active
 * high, except where the MADT has an interrupt source override (QEMU and
 * most PCs move the PIT's IRQ 0 to GSI 2; QEMU makes IRQs 5, 9, 10, 11
 * level-triggered).  arch_irq_route() applies those overrides.  Without
 * a MADT we assume the one override nearly every PC has, IRQ 0 -> GSI 2
 * (pin 0 carries the 8259's output), since the identity guess is sure to
 * leave the PIT unheard.
 *
 * Every pin starts masked.  Interrupts go to the boot CPU in physical
 * destination mode; spreading them over CPUs can come later.
 *
 * Locking: ioapics[] and nr_ioapics are written by ioapic_init() on the
 * boot CPU before interrupts run and are immutable afterwards.
 * ioapic_lock serializes the IOREGSEL/IOWIN pairs of every IOAPIC (an
 * index write and its data access must not interleave with another CPU's),
 * and keeps a redirection entry's two halves consistent.  It is taken
 * with interrupts off.
 */
#include <acpi.h>
#include <errno.h>
#include <irq.h>
#include <ktest.h>
#include <printk.h>
#include <spinlock.h>
#include <time.h>
#include <vmalloc.h>
#include <arch/cpu.h>
#include <asm/io.h>
#include <asm/trap.h>
#include "ioapic.h"
#include "lapic.h"

#define IOREGSEL		0x00
#define IOWIN			0x10
#define IOAPIC_MMIO_SIZE	0x20
#define IOAPIC_REG_ID		0x00
#define IOAPIC_REG_VERSION	0x01
#define IOAPIC_REDTBL(pin)	(0x10 + 2 * (pin))
#define IOAPIC_DEFAULT_ADDR	0xfec00000u

#define RTE_DELIVERY_NMI	(4u << 8)
#define RTE_ACTIVE_LOW		(1u << 13)
#define RTE_LEVEL		(1u << 15)
#define RTE_MASKED		(1u << 16)
#define RTE_DEST_SHIFT		56
#define MAX_PINS		240

struct ioapic {
	volatile u8 *regs;
	u32 id;
	u32 gsi_base;
	unsigned int nr_pins;
};

static struct ioapic ioapics[ACPI_MAX_IOAPICS];	/* immutable after init */
static unsigned int nr_ioapics;
static u32 dest_apic_id;			/* the boot CPU */
static DEFINE_SPINLOCK(ioapic_lock);		/* IOREGSEL/IOWIN of all IOAPICs */

static u32 ioapic_read(struct ioapic *io, u32 reg)
{
	mmio_write32(io->regs + IOREGSEL, reg);
	return mmio_read32(io->regs + IOWIN);
}

static void ioapic_write(struct ioapic *io, u32 reg, u32 v)
{
	mmio_write32(io->regs + IOREGSEL, reg);
	mmio_write32(io->regs + IOWIN, v);
}

/* Caller holds ioapic_lock. */
static u64 rte_read(struct ioapic *io, unsigned int pin)
{
	u64 lo = ioapic_read(io, IOAPIC_REDTBL(pin));

	return lo | (u64)ioapic_read(io, IOAPIC_REDTBL(pin) + 1) << 32;
}

/* Caller holds ioapic_lock.  The low half, which holds the mask, goes last. */
static void rte_write(struct ioapic *io, unsigned int pin, u64 rte)
{
	ioapic_write(io, IOAPIC_REDTBL(pin) + 1, (u32)(rte >> 32));
	ioapic_write(io, IOAPIC_REDTBL(pin), (u32)rte);
}

static struct ioapic *ioapic_for_gsi(u32 gsi, unsigned int *pin)
{
	for (unsigned int i = 0; i < nr_ioapics; i++) {
		struct ioapic *io = &ioapics[i];

		if (gsi >= io->gsi_base && gsi - io->gsi_base < io->nr_pins) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

static int set_rte(u32 gsi, u64 rte)
{
	unsigned int pin;
	struct ioapic *io = ioapic_for_gsi(gsi, &pin);
	unsigned long flags;

	if (!io)
		return -ENODEV;
	flags = spin_lock_irqsave(&ioapic_lock);
	rte_write(io, pin, rte);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}

static int get_rte(u32 gsi, u64 *rte)
{
	unsigned int pin;
	struct ioapic *io = ioapic_for_gsi(gsi, &pin);
	unsigned long flags;

	if (!io)
		return -ENODEV;
	flags = spin_lock_irqsave(&ioapic_lock);
	*rte = rte_read(io, pin);
	spin_unlock_irqrestore(&ioapic_lock, flags);
	return 0;
}

static u64 make_rte(int vector, bool level, bool active_low, bool masked)
{
	u64 rte = (u32)vector | ((u64)dest_apic_id << RTE_DEST_SHIFT);

	if (level)
		rte |= RTE_LEVEL;
	if (active_low)
		rte |= RTE_ACTIVE_LOW;
	if (masked)
		rte |= RTE_MASKED;
	return rte;
}

int ioapic_route_gsi(u32 gsi, int vector, bool level, bool active_low)
{
	if (vector < FIRST_IRQ_VECTOR || vector >= LAPIC_TIMER_VECTOR)
		return -EINVAL;
	return set_rte(gsi, make_rte(vector, level, active_low, false));
}

int ioapic_mask_gsi(u32 gsi)
{
	return set_rte(gsi, RTE_MASKED);
}

/* --- ISA IRQs ------------------------------------------------------------ */

/* Where ISA IRQ 'irq' arrives, and how (ISA default: edge, active high). */
static u32 isa_irq_to_gsi(unsigned int irq, bool *level, bool *active_low)
{
	const struct acpi_madt_info *m = acpi_madt();
	u16 flags = 0;
	u32 gsi = irq;

	if (m && m->isa[irq].present) {
		gsi = m->isa[irq].gsi;
		flags = m->isa[irq].flags;
	} else if (!m && irq == 0) {
		gsi = 2;	/* see the top comment */
	}
	*level = (flags & ACPI_INTI_TRIGGER_MASK) == ACPI_INTI_TRIGGER_LEVEL;
	*active_low = (flags & ACPI_INTI_POLARITY_MASK) == ACPI_INTI_POLARITY_LOW;
	return gsi;
}

int arch_irq_route(unsigned int isa_irq, int vector)
{
	bool level, active_low;
	u32 gsi;

	if (isa_irq >= ACPI_NR_ISA_IRQS)
		return -EINVAL;
	gsi = isa_irq_to_gsi(isa_irq, &level, &active_low);
	return ioapic_route_gsi(gsi, vector, level, active_low);
}

int arch_irq_mask(unsigned int isa_irq)
{
	bool level, active_low;

	if (isa_irq >= ACPI_NR_ISA_IRQS)
		return -EINVAL;
	return ioapic_mask_gsi(isa_irq_to_gsi(isa_irq, &level, &active_low));
}

/* --- Boot-time setup ----------------------------------------------------- */

/* Map one IOAPIC and check that its version register makes sense. */
static void add_ioapic(u32 id, phys_addr_t addr, u32 gsi_base)
{
	struct ioapic *io = &ioapics[nr_ioapics];
	u32 ver;

	io->regs = ioremap(addr, IOAPIC_MMIO_SIZE);
	if (!io->regs) {
		pr_warn("IOAPIC: cannot map 0x%llx; ignoring it\n", (unsigned long long)addr);
		return;
	}
	ver = ioapic_read(io, IOAPIC_REG_VERSION);
	io->nr_pins = ((ver >> 16) & 0xff) + 1;
	if (ver == 0xffffffff || io->nr_pins > MAX_PINS || (u64)gsi_base + io->nr_pins > 0xffffffffull) {
		pr_warn("IOAPIC: nothing sane at 0x%llx (version register 0x%x); ignoring it\n",
			(unsigned long long)addr, ver);
		iounmap((const void *)io->regs);
		io->regs = NULL;
		return;
	}
	io->id = id;
	io->gsi_base = gsi_base;
	pr_info("IOAPIC[%u]: apic_id %u, version %u, address 0x%llx, GSI %u-%u\n",
		nr_ioapics, id, ver & 0xff, (unsigned long long)addr, gsi_base,
		gsi_base + io->nr_pins - 1);
	nr_ioapics++;
}

static void mask_all(void)
{
	unsigned long flags = spin_lock_irqsave(&ioapic_lock);

	for (unsigned int i = 0; i < nr_ioapics; i++) {
		for (unsigned int pin = 0; pin < ioapics[i].nr_pins; pin++)
			rte_write(&ioapics[i], pin, RTE_MASKED);
	}
	spin_unlock_irqrestore(&ioapic_lock, flags);
}

/* GSIs the MADT says are wired to NMI get NMI delivery, unmasked. */
static void setup_nmi_sources(const struct acpi_madt_info *m)
{
	for (unsigned int i = 0; m && i < m->nnmi_sources; i++) {
		const struct acpi_nmi_source *n = &m->nmi_sources[i];
		u64 rte = RTE_DELIVERY_NMI | ((u64)dest_apic_id << RTE_DEST_SHIFT);

		if ((n->flags & ACPI_INTI_POLARITY_MASK) == ACPI_INTI_POLARITY_LOW)
			rte |= RTE_ACTIVE_LOW;
		if (set_rte(n->gsi, rte) < 0)
			pr_warn("IOAPIC: NMI source GSI %u has no IOAPIC\n", n->gsi);
	}
}

void ioapic_init(void)
{
	const struct acpi_madt_info *m = acpi_madt();

	dest_apic_id = lapic_id();
	if (m) {
		for (unsigned int i = 0; i < m->nioapics; i++)
			add_ioapic(m->ioapics[i].id, m->ioapics[i].addr, m->ioapics[i].gsi_base);
	} else {
		pr_info("IOAPIC: no MADT; probing the PC default address\n");
		add_ioapic(0, IOAPIC_DEFAULT_ADDR, 0);
	}
	if (nr_ioapics == 0) {
		pr_warn("IOAPIC: none usable; device interrupts are unavailable\n");
		return;
	}
	mask_all();
	setup_nmi_sources(m);
}

/* --- Self-tests ---------------------------------------------------------- */

#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define PIT_HZ		1193182u
#define TEST_PIT_HZ	1000
#define TEST_IRQS	3

static unsigned int test_irq_count;	/* written by the handler, read by the test */

static void test_pit_handler(void *data)
{
	__atomic_fetch_add(&test_irq_count, 1, __ATOMIC_RELAXED);
}

/* PIT channel 0 as a rate generator (mode 2) at 'hz', or stopped (hz 0). */
static void test_pit_program(unsigned int hz)
{
	u16 count = hz ? PIT_HZ / hz : 0xffff;

	outb(PIT_CMD, hz ? 0x34 : 0x30);	/* ch 0, lo/hi, mode 2 or mode 0 */
	outb(PIT_CH0, count & 0xff);
	outb(PIT_CH0, count >> 8);
}

/* Wait (interrupts on) until the handler ran TEST_IRQS times or 2 s passed. */
static bool wait_test_irqs(void)
{
	u64 deadline = clock_monotonic_ns() + 2 * NSEC_PER_SEC;

	arch_irq_enable();
	while (__atomic_load_n(&test_irq_count, __ATOMIC_RELAXED) < TEST_IRQS) {
		if (clock_monotonic_ns() > deadline)
			return false;
		__builtin_ia32_pause();
	}
	return true;
}

/*
 * End to end: the PIT raises ISA IRQ 0; arch_irq_route() must follow the
 * MADT override (GSI 2 on QEMU) for the interrupts to reach our handler.
 */
KTEST(ioapic_routes_isa_irq0_through_override)
{
	unsigned long flags;
	int vector, ret;
	bool ok, level, active_low, rte_ok;
	u32 gsi = isa_irq_to_gsi(0, &level, &active_low);
	u64 rte = 0;

	if (nr_ioapics == 0) {
		pr_info("ktest: no IOAPIC on this machine; skipped\n");
		return 0;
	}
	KTEST_EXPECT(arch_irq_route(ACPI_NR_ISA_IRQS, 0x40) == -EINVAL);
	KTEST_EXPECT(ioapic_route_gsi(0xfffffff0u, 0x40, false, false) == -ENODEV);
	vector = irq_alloc_vector();
	KTEST_EXPECT(vector > 0);
	KTEST_EXPECT(irq_register(vector, test_pit_handler, NULL) == 0);
	flags = arch_irq_save();
	test_irq_count = 0;
	test_pit_program(TEST_PIT_HZ);
	ret = arch_irq_route(0, vector);
	rte_ok = get_rte(gsi, &rte) == 0 && (rte & 0xff) == (u64)vector && !(rte & RTE_MASKED) &&
		 !!(rte & RTE_LEVEL) == level && !!(rte & RTE_ACTIVE_LOW) == active_low;
	ok = ret == 0 && wait_test_irqs();
	arch_irq_disable();
	arch_irq_mask(0);
	test_pit_program(0);
	arch_irq_enable();
	udelay(2000);			/* let an interrupt already in flight land */
	arch_irq_restore(flags);
	if (!flags)
		arch_irq_disable();
	irq_unregister(vector);
	pr_info("ktest: ISA IRQ 0 -> GSI %u, %u PIT interrupts through the IOAPIC\n",
		gsi, test_irq_count);
	KTEST_EXPECT(ret == 0);
	KTEST_EXPECT(rte_ok);
	KTEST_EXPECT(get_rte(gsi, &rte) == 0 && (rte & RTE_MASKED));
	KTEST_EXPECT(ok);
	return 0;
}
