/*
 * rseq critical sections: a thread switched out or sent a signal while
 * its instruction pointer is inside the armed section resumes at the
 * section's abort_ip (a handler's frame already holds abort_ip), and the
 * kernel clears rseq_cs; outside a section rseq_cs is only cleared.  A
 * bad descriptor, a wrong signature before abort_ip or a deprecated
 * "no restart" flag kills the thread with SIGSEGV, as on Linux 6.1.
 */
#include "rseq_util.h"
#include <sys/time.h>
#include <ucontext.h>

static struct rseq area __attribute__((aligned(32)));
static volatile int signals, hits_at_abort;
static sigjmp_buf give_up;

/* Counts signals and whether each one interrupted the spin at its abort_ip. */
static void on_alarm(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)sig;
	(void)si;
	signals++;
	if ((uintptr_t)uc->uc_mcontext.gregs[REG_RIP] == (uintptr_t)rseq_spin_abort)
		hits_at_abort++;
	if (signals > 50)
		siglongjmp(give_up, 1);		/* never aborted: fail instead of spinning */
}

static void set_timer(long usec)
{
	struct itimerval it = { { 0, usec }, { 0, usec } };

	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
}

static void check_signal_aborts(void)
{
	struct sigaction sa = { .sa_sigaction = on_alarm, .sa_flags = SA_SIGINFO };
	struct rseq_cs desc = rseq_desc_spin();

	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	set_timer(5000);
	if (sigsetjmp(give_up, 1) == 0) {
		/* A switch can abort it too (Linux): spin until a signal does. */
		while (hits_at_abort == 0)
			CHECK(rseq_spin(&area.rseq_cs, &desc) == 1);
	}
	set_timer(0);
	CHECK(hits_at_abort >= 1);
	CHECK(area.rseq_cs == 0);
}

static void check_switch_aborts(void)
{
	struct rseq_cs desc = rseq_desc_sleep();
	struct timespec ts = { 0, 1000000 };

	CHECK(rseq_sleep(&area.rseq_cs, &desc, &ts) == 1);
	CHECK(area.rseq_cs == 0);
	CHECK(rseq_cpu_matches(&area));
}

/* Armed but outside: nothing moves, rseq_cs is cleared after a switch. */
static void check_outside_section(void)
{
	struct rseq_cs desc = rseq_desc_spin();

	area.rseq_cs = (uintptr_t)&desc;
	rseq_switch_out();
	CHECK(area.rseq_cs == 0);
}

/* In a child: arm desc (inside the sleeping section, or not) and be switched out. */
static void check_killed(const struct rseq_cs *desc, uint32_t area_flags, int inside)
{
	struct timespec ts = { 0, 1000000 };
	pid_t pid = utest_fork();
	int st;

	if (pid == 0) {
		area.flags = area_flags;
		if (inside) {
			rseq_sleep(&area.rseq_cs, desc, &ts);
		} else {
			area.rseq_cs = (uintptr_t)desc;
			nanosleep(&ts, NULL);
		}
		_exit(0);
	}
	st = utest_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGSEGV)
		fprintf(stderr, "status 0x%x (flags %u, inside %d)\n", st, area_flags, inside);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
}

static void check_bad_sections_kill(void)
{
	struct rseq_cs good = rseq_desc_sleep(), d;

	d = good;
	d.abort_ip = (uintptr_t)rseq_spin_post;		/* no signature before it */
	check_killed(&d, 0, 1);
	d = good;
	d.flags = RSEQ_CS_FLAG_NO_RESTART_ON_PREEMPT;
	check_killed(&d, 0, 1);
	check_killed(&good, RSEQ_CS_FLAG_NO_RESTART_ON_SIGNAL, 1);
	d = good;
	d.flags = 1u << 8;				/* an unknown flag: fatal too */
	check_killed(&d, 0, 1);
	check_killed(&good, 1u << 8, 1);
	d = good;
	d.version = 1;					/* checked even outside */
	check_killed(&d, 0, 0);
	d = good;
	d.abort_ip = d.start_ip;			/* abort_ip inside the section */
	check_killed(&d, 0, 0);
}

int main(void)
{
	CHECK(sys_rseq(&area, 32, 0, RSEQ_SIG) == 0);
	check_switch_aborts();
	check_outside_section();
	check_signal_aborts();
	check_bad_sections_kill();
	/* A good section still works afterwards (the children's deaths were theirs). */
	check_switch_aborts();
	return 0;
}
