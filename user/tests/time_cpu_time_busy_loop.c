/*
 * CPU time is accounted: after a user-mode busy loop of about 300 ms,
 * getrusage(RUSAGE_SELF) shows ru_utime > 0, times(2) shows tms_utime > 0
 * (clock ticks of sysconf(_SC_CLK_TCK) = 100), and CLOCK_PROCESS_CPUTIME_ID
 * advanced; none of them exceeds the elapsed time by more than a tick.
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
	} while (utest_now_ns() - t0 < 300000000LL);
	elapsed = utest_now_ns() - t0;

	CHECK(getrusage(RUSAGE_SELF, &ru) == 0);
	ut_ns = ru.ru_utime.tv_sec * 1000000000LL + ru.ru_utime.tv_usec * 1000LL;
	CHECK(ut_ns > 0);
	CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000);
	CHECK(ut_ns <= elapsed + 50000000LL);	/* the start-up is in there too */

	CHECK(times(&tm) != (clock_t)-1);
	CHECK(tm.tms_utime > 0);
	CHECK(tm.tms_cutime == 0 && tm.tms_cstime == 0);

	CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0);
	cpu_ns = cpu.tv_sec * 1000000000LL + cpu.tv_nsec;
	CHECK(cpu_ns >= 100000000LL);
	CHECK(cpu_ns <= elapsed + 50000000LL);
	CHECK_ERRNO(getrusage(5, &ru), EINVAL);
	return 0;
}
