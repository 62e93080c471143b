/*
 * Time from the TSC.  The TSC is calibrated once at boot against a
 * reference clock of known frequency (the HPET when ACPI lists one, else
 * PIT channel 2), and clock_monotonic_ns() scales it with a fixed-point
 * multiplier: ns = ((tsc - tsc_at_boot) * mult) >> 32, in 128 bits.  That
 * keeps the clock a handful of instructions: no MMIO, no lock.
 *
 * A reference clock that never moves (a missing PIT, a broken HPET) must
 * not hang the boot: each measurement gives up after about 2^34 TSC ticks
 * (seconds on any CPU) and the next source is tried.
 *
 * tsc_mult and tsc_khz are written once by tsc_set_frequency() on the boot
 * CPU before interrupts and APs run; immutable afterwards.  tsc_boot too,
 * except when tsc_check_jump() moves it (atomic; tsc_jump_lock).
 *
 * The TSC can jump.  Under QEMU's TCG the guest TSC is the host's TSC,
 * and a host that is itself a virtual machine may see its TSC stepped
 * (moved to other hardware, restored from a snapshot): every guest CPU's
 * TSC then leaps ahead at once.  Seen on this project's machines as
 * CLOCK_MONOTONIC jumping about 460,000 s (5.3 days) ahead in two boots
 * running side by side, within the same minutes: every pending timer expired at
 * once, and a user test was killed by its 60 s timeout although nothing
 * hung (the rare "hang" of applets_processes on two CPUs).  So each tick
 * compares the TSC with the previous tick's: no tick comes an hour late,
 * so a larger step is the host's, and it is taken back by moving tsc_boot
 * (and the vDSO's copy) by all but one tick's worth.  A reader on another
 * CPU may still see the jumped clock until the next tick anywhere;
 * Linux's clocksource watchdog would retire the TSC instead, which needs
 * a second clock for every read.
 */
#include <time.h>
#include <ktest.h>
#include <printk.h>
#include <spinlock.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include "hpet.h"
#include "tsc.h"

#define CALIBRATE_MS		10
#define MEASURE_TSC_LIMIT	(1ull << 34)
#define TSC_MIN_KHZ		1000ull		/* 1 MHz */
#define TSC_MAX_KHZ		100000000ull	/* 100 GHz */
#define TSC_GUESS_KHZ		1000000ull	/* 1 GHz, when all else fails */

#define TSC_JUMP_NS		(3600ull * NSEC_PER_SEC)

static u64 tsc_boot;		/* atomic: TSC at monotonic 0; tsc_jump_lock to move */
static u64 tsc_last_tick;	/* atomic: the TSC at the latest tick of any CPU */
static DEFINE_SPINLOCK(tsc_jump_lock);	/* one taker-back at a time: tsc_boot */
static u64 tsc_mult;		/* ns per tick << 32; 0 until calibrated */
static u64 tsc_khz;

u64 clock_monotonic_ns(void)
{
	u64 delta;
	unsigned __int128 ns;

	if (!tsc_mult)
		return 0;
	delta = rdtsc() - __atomic_load_n(&tsc_boot, __ATOMIC_RELAXED);
	ns = ((unsigned __int128)delta * tsc_mult) >> 32;
	return (u64)ns;
}

static u64 tsc_to_ns(u64 cycles)
{
	return (u64)(((unsigned __int128)cycles * tsc_mult) >> 32);
}

/* TSC cycles to take back when the TSC went from last to now between two ticks (0: none). */
static u64 tsc_jump_skipped(u64 last, u64 now)
{
	if (!tsc_mult || !last || now <= last || tsc_to_ns(now - last) < TSC_JUMP_NS)
		return 0;
	return now - last - tsc_khz;	/* keep one millisecond of it */
}

void tsc_check_jump(void)
{
	u64 now = rdtsc(), last = __atomic_load_n(&tsc_last_tick, __ATOMIC_RELAXED);
	u64 skipped = tsc_jump_skipped(last, now), base;

	__atomic_store_n(&tsc_last_tick, now > last ? now : last, __ATOMIC_RELAXED);
	if (!skipped || !spin_trylock(&tsc_jump_lock))
		return;			/* no jump, or another CPU is taking it back */
	base = __atomic_load_n(&tsc_boot, __ATOMIC_RELAXED) + skipped;
	__atomic_store_n(&tsc_boot, base, __ATOMIC_SEQ_CST);
	vdso_set_tsc_base(base);
	spin_unlock(&tsc_jump_lock);
	pr_warn("tsc: the TSC jumped %llu s ahead (a host step); the clock goes on from before\n",
		(unsigned long long)(tsc_to_ns(skipped) / NSEC_PER_SEC));
}

void tsc_clock_params(u64 *base, u64 *mult)
{
	*base = __atomic_load_n(&tsc_boot, __ATOMIC_RELAXED);
	*mult = tsc_mult;
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
	do {
		end = rdtsc();
		if (end - start > MEASURE_TSC_LIMIT)
			return 0;
	} while (!(inb(0x61) & 0x20));
	return (end - start) / ms;		/* ticks per ms = kHz */
}

u64 tsc_measure_with_hpet(unsigned int ms)
{
	u64 want = hpet_ns_to_ticks(ms * NSEC_PER_MSEC);
	u64 h0, h1, t0, t1, ns;

	if (!hpet_available() || want == 0)
		return 0;
	h0 = hpet_read_counter();
	t0 = rdtsc();
	do {
		h1 = hpet_read_counter();
		t1 = rdtsc();
		if (t1 - t0 > MEASURE_TSC_LIMIT)
			return 0;
	} while (hpet_counter_delta(h0, h1) < want);
	ns = hpet_ticks_to_ns(hpet_counter_delta(h0, h1));
	return (t1 - t0) * NSEC_PER_MSEC / ns;	/* ticks per ms = kHz */
}

static bool khz_sane(u64 khz)
{
	return khz >= TSC_MIN_KHZ && khz <= TSC_MAX_KHZ;
}

void tsc_calibrate(void)
{
	const char *source = "HPET";
	u64 khz = tsc_measure_with_hpet(CALIBRATE_MS);

	if (!khz_sane(khz)) {
		source = "PIT";
		khz = tsc_measure_with_pit(CALIBRATE_MS);
	}
	if (!khz_sane(khz)) {
		pr_warn("tsc: calibration failed; assuming %llu MHz\n", TSC_GUESS_KHZ / 1000);
		source = "guessed";
		khz = TSC_GUESS_KHZ;
	}
	tsc_set_frequency(khz);
	pr_info("tsc: %llu.%03llu MHz (%s calibration)\n",
		(unsigned long long)khz / 1000, (unsigned long long)khz % 1000, source);
}

/* --- Self-tests ---------------------------------------------------------- */

KTEST(clock_monotonic_never_goes_back)
{
	u64 prev = clock_monotonic_ns(), now;

	KTEST_EXPECT(tsc_khz != 0 && prev > 0);
	for (int i = 0; i < 100000; i++) {
		now = clock_monotonic_ns();
		KTEST_EXPECT(now >= prev);
		prev = now;
	}
	udelay(1000);
	KTEST_EXPECT(clock_monotonic_ns() - prev >= 1000 * NSEC_PER_USEC / 2);
	return 0;
}

/* The detection on made-up readings: under TCG the guest cannot step its own TSC. */
KTEST(tsc_jump_detection)
{
	u64 ms = tsc_khz, hour = 3600 * 1000 * tsc_khz;

	KTEST_EXPECT(tsc_khz != 0);
	KTEST_EXPECT(tsc_jump_skipped(1000, 1000 + ms) == 0);			/* a tick */
	KTEST_EXPECT(tsc_jump_skipped(1000, 1000 + hour - ms) == 0);		/* a long stall */
	KTEST_EXPECT(tsc_jump_skipped(1000, 1000 + 2 * hour) == 2 * hour - ms);	/* a step */
	KTEST_EXPECT(tsc_jump_skipped(5000, 4000) == 0);			/* behind: not ours */
	KTEST_EXPECT(tsc_jump_skipped(0, 2 * hour) == 0);			/* no tick yet */
	return 0;
}
