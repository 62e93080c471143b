/*
 * The load average of uptime(1), /proc/loadavg and sysinfo(2): every
 * five seconds CPU 0's tick counts the tasks running or waiting to run
 * on every CPU and folds the count into three exponentially decaying
 * averages (1, 5 and 15 minutes), in fixed point with 11 fraction bits,
 * with the decay factors Linux uses (exp(-5s/1min) and so on).
 *
 * avenrun[] is written only by CPU 0's tick and read with READ_ONCE.
 */
#include <percpu.h>
#include <sched.h>
#include <timer.h>

#define FIXED_1		(1ul << LOADAVG_FSHIFT)
#define LOAD_FREQ	(5 * HZ + 1)	/* Linux's period: 5 s and a tick */

static const unsigned long decay[3] = { 1884, 2014, 2037 };	/* FIXED_1 * exp(-5/60...) */
static unsigned long avenrun[3];	/* CPU 0's tick writes */
static unsigned int ticks_left = LOAD_FREQ;	/* CPU 0 only */

unsigned int sched_nr_running(void)
{
	unsigned int n = 0;

	/* Unlocked reads: a snapshot that may be a task off, as Linux's is. */
	for (unsigned int i = 0; i < READ_ONCE(ncpus_online); i++) {
		struct cpu *c = cpus[i];

		n += READ_ONCE(c->rq.nr_running) + (READ_ONCE(c->current) != c->idle);
	}
	return n;
}

void loadavg_tick(void)
{
	unsigned long active;

	if (--ticks_left)
		return;
	ticks_left = LOAD_FREQ;
	active = (unsigned long)sched_nr_running() * FIXED_1;
	for (int i = 0; i < 3; i++) {
		unsigned long load = avenrun[i] * decay[i] + active * (FIXED_1 - decay[i]);

		/* Round up while rising, as Linux does, so a steady load is reached. */
		if (active >= avenrun[i])
			load += FIXED_1 - 1;
		WRITE_ONCE(avenrun[i], load / FIXED_1);
	}
}

void loadavg_get(unsigned long loads[3])
{
	for (int i = 0; i < 3; i++)
		loads[i] = READ_ONCE(avenrun[i]);
}
