/*
 * The timer tick: counting time in ticks on every CPU.
 *
 * The arch layer starts a periodic interrupt at HZ on each CPU and calls
 * timer_tick() from it.  CPU 0 also advances the global jiffies counter,
 * so jiffies has exactly one writer and needs no lock; readers use an
 * atomic load (timer_jiffies()).  Each CPU counts its own ticks in
 * this_cpu()->ticks, which only that CPU touches.
 *
 * After counting, the tick charges the running task's time slice
 * (sched_tick(), which may ask for a switch at the end of this interrupt).
 * Still to come here: expiring sleeping tasks' timeouts.
 */
#include <timer.h>
#include <ktimer.h>
#include <ktest.h>
#include <percpu.h>
#include <sched.h>
#include <time.h>
#include <arch/cpu.h>

u64 jiffies;

void timer_tick(void)
{
	struct cpu *c = this_cpu();

	c->ticks++;
	if (c->id == 0) {
		__atomic_store_n(&jiffies, jiffies + 1, __ATOMIC_RELAXED);
		ktimer_run_expired();
	}
	sched_tick();
}

/* --- Self-tests ---------------------------------------------------------- */

#define TICK_WAIT_TICKS		10
#define FIRST_TICK_TIMEOUT_NS	(2 * NSEC_PER_SEC)

/*
 * Spin (interrupts on) until the first tick after 'start', so a dead timer
 * fails the test instead of halting the CPU for ever in arch_idle().
 */
static bool wait_first_tick(u64 start)
{
	u64 deadline = clock_monotonic_ns() + FIRST_TICK_TIMEOUT_NS;

	arch_irq_enable();
	while (timer_jiffies() == start) {
		if (clock_monotonic_ns() > deadline)
			return false;
		__builtin_ia32_pause();
	}
	return true;
}

KTEST(timer_tick_advances_jiffies)
{
	unsigned long flags = arch_irq_save();
	u64 j0 = timer_jiffies(), ticks0 = this_cpu()->ticks;
	u64 t0, t1, j1;

	KTEST_EXPECT(this_cpu()->id == 0);
	KTEST_EXPECT(wait_first_tick(j0));
	j0 = timer_jiffies();
	t0 = clock_monotonic_ns();
	while (timer_jiffies() < j0 + TICK_WAIT_TICKS)
		arch_idle();		/* every tick wakes us */
	t1 = clock_monotonic_ns();
	j1 = timer_jiffies();
	arch_irq_restore(flags);
	if (!flags)
		arch_irq_disable();
	KTEST_EXPECT(this_cpu()->ticks - ticks0 >= j1 - j0);
	/*
	 * 10 ticks are 10 * TICK_NSEC.  TCG may stall the guest, so only a
	 * tick far too fast (under half the period) or absurdly slow fails.
	 */
	pr_info("ktest: %u ticks took %llu us\n", TICK_WAIT_TICKS,
		(unsigned long long)(t1 - t0) / 1000);
	KTEST_EXPECT(t1 - t0 >= TICK_WAIT_TICKS * TICK_NSEC / 2);
	KTEST_EXPECT(t1 - t0 <= 20 * NSEC_PER_SEC);
	return 0;
}
