/*
 * Time from the TSC.  The TSC is calibrated once at boot against a
 * reference clock of known frequency (HPET when ACPI lists one, else the
 * PIT), and clock_monotonic_ns() scales it with a fixed-point multiplier:
 * ns = ((tsc - tsc_at_boot) * mult) >> 32, split to avoid overflow.
 */
#include <time.h>
#include <printk.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include "tsc.h"

static u64 tsc_boot;		/* immutable after tsc_calibrate() */
static u64 tsc_mult;		/* ns per tick << 32; 0 until calibrated */
static u64 tsc_khz;

u64 clock_monotonic_ns(void)
{
	u64 delta;
	unsigned __int128 ns;

	if (!tsc_mult)
		return 0;
	delta = rdtsc() - tsc_boot;
	ns = ((unsigned __int128)delta * tsc_mult) >> 32;
	return (u64)ns;
}

u64 tsc_frequency_khz(void)
{
	return tsc_khz;
}

void tsc_set_frequency(u64 khz)
{
	tsc_khz = khz;
	tsc_boot = rdtsc();
	tsc_mult = ((u64)NSEC_PER_MSEC << 32) / khz;
}

void udelay(u64 usec)
{
	u64 start = rdtsc();
	u64 ticks = tsc_khz ? usec * tsc_khz / 1000 : usec * 3000;

	while (rdtsc() - start < ticks)
		cpu_relax();
}

/*
 * PIT channel 2 one-shot of 'ms' milliseconds (gated by port 0x61): count
 * TSC ticks until the output goes high.  Used when there is no HPET.
 */
#define PIT_HZ		1193182u
u64 tsc_measure_with_pit(unsigned int ms)
{
	u32 count = PIT_HZ * ms / 1000;
	u64 start, end;
	u8 gate = inb(0x61);

	outb(0x61, (gate & ~0x02) | 0x01);	/* speaker off, gate on */
	outb(0x43, 0xb0);			/* channel 2, lo/hi, mode 0 */
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	/* Reload the gate to start counting. */
	gate = inb(0x61);
	outb(0x61, gate & ~0x01);
	outb(0x61, gate | 0x01);
	start = rdtsc();
	while (!(inb(0x61) & 0x20))
		cpu_relax();
	end = rdtsc();
	return (end - start) / ms;		/* ticks per ms = kHz */
}
