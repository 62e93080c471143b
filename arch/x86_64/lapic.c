/*
 * The local APIC: one per CPU, where every interrupt arrives.
 *
 * Registers are 32 bits wide, 16 bytes apart.  In xAPIC mode they are a
 * 4 KiB MMIO window at the physical address in IA32_APIC_BASE (the same
 * address on every CPU; each CPU sees its own LAPIC there).  In x2APIC mode
 * register R is MSR 0x800 + R/16 and IDs are 32 bits wide.  We keep
 * xAPIC unless the firmware already switched to x2APIC or the MADT lists
 * an APIC ID that only x2APIC can address.
 *
 * What we program on each CPU:
 *   - the spurious-interrupt vector register: software enable, vector 0xff
 *     (a spurious interrupt must not be acknowledged with an EOI);
 *   - LVT LINT0 masked (the 8259s are off; interrupts come through the
 *     IOAPIC), LINT1 as NMI where the MADT (or PC convention) says so;
 *   - LVT error on its own vector, which logs the error status;
 *   - the LAPIC timer in periodic mode at HZ on LAPIC_TIMER_VECTOR.
 *
 * The timer counts down a bus-derived clock of unknown frequency, so the
 * boot CPU measures it once against the calibrated TSC; APs reuse the
 * count (all LAPICs share the clock).  Every interrupt except the spurious
 * one ends with an EOI (traps.c calls lapic_eoi() on the way out).
 *
 * State: lapic_mmio, x2apic_mode and timer_count are written by the boot
 * CPU in lapic_init() before interrupts or APs run; immutable afterwards.
 */
#include <acpi.h>
#include <errno.h>
#include <irq.h>
#include <percpu.h>
#include <printk.h>
#include <timer.h>
#include <vmalloc.h>
#include <arch/cpu.h>
#include <arch/memory.h>
#include <asm/cpu.h>
#include <asm/features.h>
#include <asm/io.h>
#include "lapic.h"
#include "tsc.h"

#define LAPIC_ID		0x020
#define LAPIC_VERSION		0x030
#define LAPIC_TPR		0x080
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0
#define LAPIC_ESR		0x280
#define LAPIC_ICR_LOW		0x300
#define LAPIC_ICR_HIGH		0x310
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_LVT_THERMAL	0x330
#define LAPIC_LVT_PERF		0x340
#define LAPIC_LVT_LINT0		0x350
#define LAPIC_LVT_LINT1		0x360
#define LAPIC_LVT_ERROR		0x370
#define LAPIC_TIMER_INIT	0x380
#define LAPIC_TIMER_CURRENT	0x390
#define LAPIC_TIMER_DIVIDE	0x3e0

#define APIC_BASE_ADDR_MASK	0x000ffffffffff000ull
#define APIC_BASE_X2APIC	(1ull << 10)
#define APIC_BASE_ENABLE	(1ull << 11)
#define X2APIC_MSR(reg)		(0x800 + ((reg) >> 4))

#define SVR_SOFT_ENABLE		(1u << 8)
#define LVT_DELIVERY_NMI	(4u << 8)
#define LVT_ACTIVE_LOW		(1u << 13)
#define LVT_MASKED		(1u << 16)
#define LVT_TIMER_PERIODIC	(1u << 17)
#define ICR_SEND_PENDING	(1u << 12)
#define TIMER_DIVIDE_BY_16	0x3
#define XAPIC_MAX_ID		0xfe

#define CALIBRATE_MS		10
#define TIMER_MIN_HZ		1000000ull	/* below 1 MHz the count is junk */

static volatile u8 *lapic_mmio;		/* xAPIC window; see top comment */
static bool x2apic_mode;
static u32 timer_count;			/* initial count for one tick */
static u64 timer_hz;
static unsigned long spurious_count;	/* per-event statistics, racy by design */
static unsigned long error_count;

static u32 lapic_read(u32 reg)
{
	if (x2apic_mode)
		return (u32)rdmsr(X2APIC_MSR(reg));
	return mmio_read32(lapic_mmio + reg);
}

static void lapic_write(u32 reg, u32 v)
{
	if (x2apic_mode)
		wrmsr(X2APIC_MSR(reg), v);
	else
		mmio_write32(lapic_mmio + reg, v);
}

bool lapic_available(void)
{
	return x2apic_mode || lapic_mmio;
}

u32 lapic_id(void)
{
	u32 id = lapic_read(LAPIC_ID);

	return x2apic_mode ? id : id >> 24;
}

void lapic_eoi(void)
{
	if (x2apic_mode)
		wrmsr(X2APIC_MSR(LAPIC_EOI), 0);
	else if (lapic_mmio)
		mmio_write32(lapic_mmio + LAPIC_EOI, 0);
}

void lapic_send_ipi(u32 apic_id, u32 icr_low)
{
	unsigned long flags = arch_irq_save();	/* the ICR pair is per CPU */

	if (x2apic_mode) {
		/*
		 * WRMSR to the x2APIC ICR is not serializing: without a fence the
		 * IPI can overtake our earlier stores (a shootdown request, an
		 * enqueued task) and the target would find nothing to do.
		 */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		wrmsr(X2APIC_MSR(LAPIC_ICR_LOW), ((u64)apic_id << 32) | icr_low);
	} else {
		lapic_write(LAPIC_ICR_HIGH, apic_id << 24);
		lapic_write(LAPIC_ICR_LOW, icr_low);
		while (lapic_read(LAPIC_ICR_LOW) & ICR_SEND_PENDING)
			cpu_relax();
	}
	arch_irq_restore(flags);
}

u64 lapic_timer_hz(void)
{
	return timer_hz;
}

/* --- Interrupt handlers -------------------------------------------------- */

static void lapic_timer_interrupt(void *data)
{
	tsc_check_jump();	/* before the tick's timers read the clock */
	timer_tick();
}

/* A spurious interrupt is never in service: arch_irq_exit() sends it no EOI (SDM). */
static void lapic_spurious_interrupt(void *data)
{
	spurious_count++;
}

static void lapic_error_interrupt(void *data)
{
	u32 esr;

	lapic_write(LAPIC_ESR, 0);	/* latch the current errors */
	esr = lapic_read(LAPIC_ESR);
	error_count++;
	pr_warn("APIC: error interrupt on CPU %u, ESR 0x%02x\n", this_cpu()->id, esr);
}

/* --- Per-CPU setup ------------------------------------------------------ */

/* The ACPI processor UID of the CPU with this APIC ID, or ACPI_UID_ALL. */
static u32 acpi_uid_of(const struct acpi_madt_info *m, u32 apic_id)
{
	for (unsigned int i = 0; i < m->ncpus; i++) {
		if (m->cpus[i].apic_id == apic_id)
			return m->cpus[i].uid;
	}
	return ACPI_UID_ALL;
}

/*
 * LINT0 is masked (ExtINT from the 8259s is not used).  LINT1 is NMI on
 * PCs; the MADT's LAPIC NMI entries, when present, say exactly which pin
 * and polarity apply to this CPU.
 */
static void setup_lint(void)
{
	const struct acpi_madt_info *m = acpi_madt();
	u32 lint[2] = { LVT_MASKED, LVT_DELIVERY_NMI };
	u32 uid;

	if (m && m->nlapic_nmis) {
		lint[1] = LVT_MASKED;
		uid = acpi_uid_of(m, lapic_id());
		for (unsigned int i = 0; i < m->nlapic_nmis; i++) {
			const struct acpi_lapic_nmi *n = &m->lapic_nmis[i];
			u32 pol = (n->flags & ACPI_INTI_POLARITY_MASK) == ACPI_INTI_POLARITY_LOW ?
				  LVT_ACTIVE_LOW : 0;

			if (n->uid == ACPI_UID_ALL || n->uid == uid)
				lint[n->lint] = LVT_DELIVERY_NMI | pol;
		}
	}
	lapic_write(LAPIC_LVT_LINT0, lint[0]);
	lapic_write(LAPIC_LVT_LINT1, lint[1]);
}

/* Set the global enable (and x2APIC mode) bits in IA32_APIC_BASE. */
static void enable_in_msr(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_APIC_BASE, base |= APIC_BASE_ENABLE);
	if (x2apic_mode && !(base & APIC_BASE_X2APIC))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_X2APIC);
}

static void start_timer(void)
{
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LAPIC_TIMER_VECTOR | LVT_TIMER_PERIODIC);
	lapic_write(LAPIC_TIMER_INIT, timer_count);
}

void lapic_cpu_init(void)
{
	u32 max_lvt;

	enable_in_msr();
	max_lvt = (lapic_read(LAPIC_VERSION) >> 16) & 0xff;
	lapic_write(LAPIC_TPR, 0);			/* accept every priority */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	if (max_lvt >= 4)
		lapic_write(LAPIC_LVT_PERF, LVT_MASKED);
	if (max_lvt >= 5)
		lapic_write(LAPIC_LVT_THERMAL, LVT_MASKED);
	setup_lint();
	lapic_write(LAPIC_LVT_ERROR, LAPIC_ERROR_VECTOR);
	lapic_write(LAPIC_ESR, 0);			/* clear stale errors */
	lapic_write(LAPIC_ESR, 0);
	lapic_write(LAPIC_SVR, SVR_SOFT_ENABLE | LAPIC_SPURIOUS_VECTOR);
	lapic_eoi();					/* drop anything left in service */
	this_cpu()->apic_id = lapic_id();
	if (timer_count)
		start_timer();
}

/* --- Boot-time setup ----------------------------------------------------- */

/*
 * Count the LAPIC timer (divide by 16, masked one-shot from the maximum)
 * over 'ms' milliseconds of TSC.  Returns its input rate in Hz, or 0.
 */
static u64 measure_timer_hz(unsigned int ms)
{
	u64 tsc_khz = tsc_frequency_khz();
	u64 t0, t1, scaled;
	u32 c0, c1;

	if (!tsc_khz)
		return 0;
	lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | LAPIC_TIMER_VECTOR);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	c0 = lapic_read(LAPIC_TIMER_CURRENT);
	t0 = rdtsc();
	do {
		t1 = rdtsc();
	} while (t1 - t0 < tsc_khz * ms);
	c1 = lapic_read(LAPIC_TIMER_CURRENT);
	lapic_write(LAPIC_TIMER_INIT, 0);		/* stop it */
	if (c1 >= c0)
		return 0;
	/* counts * (TSC ticks per ms) / TSC ticks = counts per ms; split to fit 64 bits */
	scaled = (u64)(c0 - c1) * tsc_khz;
	return scaled / (t1 - t0) * 1000 + scaled % (t1 - t0) * 1000 / (t1 - t0);
}

static bool madt_needs_x2apic(void)
{
	const struct acpi_madt_info *m = acpi_madt();

	for (unsigned int i = 0; m && i < m->ncpus; i++) {
		if (m->cpus[i].apic_id > XAPIC_MAX_ID)
			return true;
	}
	return false;
}

/* Choose xAPIC or x2APIC and map the xAPIC window. */
static int choose_mode(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	if (base & APIC_BASE_X2APIC) {
		x2apic_mode = true;	/* firmware chose; leaving it needs a reset */
	} else if (madt_needs_x2apic()) {
		if (x86_features.x2apic)
			x2apic_mode = true;
		else
			pr_warn("APIC: CPUs with IDs above %d need x2APIC, which this CPU lacks\n",
				XAPIC_MAX_ID);
	}
	if (x2apic_mode)
		return 0;
	lapic_mmio = ioremap(base & APIC_BASE_ADDR_MASK, PAGE_SIZE);
	return lapic_mmio ? 0 : -ENOMEM;
}

static void register_handlers(void)
{
	irq_register(LAPIC_TIMER_VECTOR, lapic_timer_interrupt, NULL);
	irq_register(LAPIC_ERROR_VECTOR, lapic_error_interrupt, NULL);
	irq_register(LAPIC_SPURIOUS_VECTOR, lapic_spurious_interrupt, NULL);
}

int lapic_init(void)
{
	if (!x86_features.apic) {
		pr_err("APIC: this CPU has no local APIC; no timer tick\n");
		return -ENODEV;
	}
	if (choose_mode() < 0) {
		pr_err("APIC: cannot map the local APIC; no timer tick\n");
		return -ENOMEM;
	}
	register_handlers();
	lapic_cpu_init();				/* timer still off */
	pr_info("APIC: %s mode, version 0x%02x, boot CPU APIC ID %u\n",
		x2apic_mode ? "x2APIC" : "xAPIC", lapic_read(LAPIC_VERSION) & 0xff, lapic_id());
	timer_hz = measure_timer_hz(CALIBRATE_MS);
	if (timer_hz < TIMER_MIN_HZ) {
		pr_err("APIC: the LAPIC timer does not count; no timer tick\n");
		timer_hz = 0;
		return -ENODEV;
	}
	timer_count = (u32)MAX(timer_hz / HZ, 1ull);
	start_timer();
	pr_info("APIC: timer %llu.%03llu MHz (TSC calibration), %d Hz tick on vector 0x%x\n",
		(unsigned long long)timer_hz / 1000000,
		(unsigned long long)(timer_hz / 1000) % 1000, HZ, LAPIC_TIMER_VECTOR);
	return 0;
}
