/*
 * CPU time is accounted: a user-mode busy loop runs until
 * CLOCK_PROCESS_CPUTIME_ID says 300 ms (it must get there within 20 s);
 * then getrusage(RUSAGE_SELF) shows most of it as ru_utime, times(2)
 * shows tms_utime > 0 (clock ticks of sysconf(_SC_CLK_TCK) = 100), and
 * none of them exceeds the elapsed time by more than the start-up.  The
 * loop counts CPU time, not elapsed time: without -icount a loaded host
 * may give the virtual CPU only part of the wall-clock time.
 */
#include <sys/resource.h>
#include <sys/times.h>
#include "utest.h"

static volatile unsigned long sink;

int main(void)
{
	struct rusage ru;
	struct tms tm;
	struct timespec cpu;
	long long t0 = utest_now_ns(), elapsed, cpu_ns, ut_ns;

	CHECK(sysconf(_SC_CLK_TCK) == 100);
	do {
		for (unsigned long i = 0; i < 1000000; i++)
			sink += i * i;
		CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0);
		cpu_ns = cpu.tv_sec * 1000000000LL + cpu.tv_nsec;
	} while (cpu_ns < 300000000LL && utest_now_ns() - t0 < 20000000000LL);
	elapsed = utest_now_ns() - t0;
	CHECK(cpu_ns >= 300000000LL);

	CHECK(getrusage(RUSAGE_SELF, &ru) == 0);
	ut_ns = ru.ru_utime.tv_sec * 1000000000LL + ru.ru_utime.tv_usec * 1000LL;
	CHECK(ut_ns >= 150000000LL);	/* the loop ran in user mode */
	CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	CHECK(ut_ns <= elapsed + 50000000LL);	/* the start-up is in there too */

	CHECK(times(&tm) != (clock_t)-1);
	CHECK(tm.tms_utime > 0);
	CHECK(tm.tms_cutime == 0 && tm.tms_cstime == 0);

	CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0);
	cpu_ns = cpu.tv_sec * 1000000000LL + cpu.tv_nsec;
	CHECK(cpu_ns <= elapsed + 50000000LL);
	CHECK_ERRNO(getrusage(5, &ru), EINVAL);
	return 0;
}
