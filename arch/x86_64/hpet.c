/*
 * The High Precision Event Timer, used as a clock.
 *
 * An HPET block is 1 KiB of MMIO: a capabilities register (the counter's
 * period in femtoseconds in the high half, whether it is 64 bits wide,
 * how many comparators), a configuration register (bit 0 runs the main
 * counter, bit 1 "legacy replacement" steals the PIT's and RTC's IRQs),
 * the main counter at 0xf0 and per-comparator registers from 0x100.
 *
 * We only use the main counter, as the reference that calibrates the TSC.
 * Comparator interrupts are switched off and legacy replacement is left
 * off, so the PIT keeps its IRQ line.  The period must be at most 100 ns
 * (the specification's bound); anything else means the table or the
 * device is bogus and we ignore the HPET.
 *
 * State is written once by hpet_init() on the boot CPU; immutable after.
 */
#include <acpi.h>
#include <errno.h>
#include <ktest.h>
#include <printk.h>
#include <time.h>
#include <vmalloc.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include "hpet.h"

#define HPET_MMIO_SIZE		1024
#define HPET_CAP		0x000
#define HPET_CONFIG		0x010
#define HPET_COUNTER		0x0f0
#define HPET_TIMER_CONFIG(n)	(0x100 + 0x20 * (n))

#define CAP_COUNT_64BIT		(1ull << 13)
#define CAP_NUM_TIMERS(cap)	((unsigned int)(((cap) >> 8) & 0x1f) + 1)
#define CAP_PERIOD_FS(cap)	((cap) >> 32)
#define CONFIG_ENABLE		(1ull << 0)
#define CONFIG_LEGACY_ROUTE	(1ull << 1)
#define TIMER_INT_ENABLE	(1ull << 2)

#define FS_PER_NS		1000000ull
#define MAX_PERIOD_FS		100000000ull	/* 100 ns */
#define START_CHECK_READS	100000

static volatile u8 *hpet_regs;
static u64 period_fs;
static bool counter_64bit;

bool hpet_available(void)
{
	return hpet_regs != NULL;
}

u64 hpet_read_counter(void)
{
	if (counter_64bit)
		return mmio_read64(hpet_regs + HPET_COUNTER);
	return mmio_read32(hpet_regs + HPET_COUNTER);
}

u64 hpet_counter_delta(u64 start, u64 end)
{
	if (counter_64bit)
		return end - start;
	return (u32)(end - start);
}

/* Both conversions split the product so it fits 64 bits (no libgcc). */
u64 hpet_ticks_to_ns(u64 ticks)
{
	return ticks / FS_PER_NS * period_fs + ticks % FS_PER_NS * period_fs / FS_PER_NS;
}

u64 hpet_ns_to_ticks(u64 ns)
{
	if (!period_fs)
		return 0;
	return ns / period_fs * FS_PER_NS + ns % period_fs * FS_PER_NS / period_fs;
}

/* True once the main counter is seen to move. */
static bool counter_runs(volatile u8 *regs)
{
	u32 first = mmio_read32(regs + HPET_COUNTER);

	for (int i = 0; i < START_CHECK_READS; i++) {
		if (mmio_read32(regs + HPET_COUNTER) != first)
			return true;
		cpu_relax();
	}
	return false;
}

/* Comparators off, legacy routing off, main counter on. */
static void hpet_start(volatile u8 *regs, unsigned int ntimers)
{
	u64 cfg;

	for (unsigned int i = 0; i < ntimers; i++) {
		cfg = mmio_read64(regs + HPET_TIMER_CONFIG(i));
		mmio_write64(regs + HPET_TIMER_CONFIG(i), cfg & ~TIMER_INT_ENABLE);
	}
	cfg = mmio_read64(regs + HPET_CONFIG);
	cfg &= ~CONFIG_LEGACY_ROUTE;
	mmio_write64(regs + HPET_CONFIG, cfg | CONFIG_ENABLE);
}

int hpet_init(void)
{
	const struct acpi_hpet_info *info = acpi_hpet();
	volatile u8 *regs;
	u64 cap;

	if (!info)
		return -ENODEV;
	regs = ioremap(info->address, HPET_MMIO_SIZE);
	if (!regs) {
		pr_warn("hpet: cannot map 0x%llx\n", (unsigned long long)info->address);
		return -ENODEV;
	}
	cap = mmio_read64(regs + HPET_CAP);
	if (cap == ~0ull || CAP_PERIOD_FS(cap) == 0 || CAP_PERIOD_FS(cap) > MAX_PERIOD_FS) {
		pr_warn("hpet: bogus capabilities 0x%llx; not using it\n", (unsigned long long)cap);
		iounmap((const void *)regs);
		return -ENODEV;
	}
	hpet_start(regs, CAP_NUM_TIMERS(cap));
	if (!counter_runs(regs)) {
		pr_warn("hpet: main counter does not run; not using it\n");
		iounmap((const void *)regs);
		return -ENODEV;
	}
	period_fs = CAP_PERIOD_FS(cap);
	counter_64bit = cap & CAP_COUNT_64BIT;
	hpet_regs = regs;
	pr_info("hpet: %u comparators, %d-bit %llu.%06llu MHz counter at 0x%llx\n",
		CAP_NUM_TIMERS(cap), counter_64bit ? 64 : 32,
		(unsigned long long)(1000000000ull / period_fs),
		(unsigned long long)(1000000000000000ull / period_fs) % 1000000,
		(unsigned long long)info->address);
	return 0;
}

/* --- Self-tests ---------------------------------------------------------- */

#define AGREE_WINDOW_NS		(20 * NSEC_PER_MSEC)

/*
 * Over ~20 ms of HPET time the TSC clock must agree within 25%: loose,
 * because TCG can stall the guest between any two reads.
 */
KTEST(hpet_agrees_with_clock_monotonic)
{
	u64 h0, h1, c0, c1, hns, cns;

	if (!hpet_available()) {
		pr_info("ktest: no HPET on this machine; skipped\n");
		return 0;
	}
	h0 = hpet_read_counter();
	c0 = clock_monotonic_ns();
	do {
		h1 = hpet_read_counter();
		hns = hpet_ticks_to_ns(hpet_counter_delta(h0, h1));
	} while (hns < AGREE_WINDOW_NS);
	c1 = clock_monotonic_ns();
	cns = c1 - c0;
	pr_info("ktest: HPET %llu us, clock_monotonic_ns %llu us\n",
		(unsigned long long)hns / 1000, (unsigned long long)cns / 1000);
	KTEST_EXPECT(c1 > c0);
	KTEST_EXPECT(cns >= hns - hns / 4 && cns <= hns + hns / 4);
	return 0;
}
