/*
 * clock_getres(2): CLOCK_REALTIME, CLOCK_MONOTONIC and CLOCK_BOOTTIME have
 * a resolution of 1 ns (Linux with high-resolution timers, as in QEMU);
 * the _COARSE clocks report their tick, between 1 us and 10 ms; a NULL
 * result pointer is allowed; an unknown clock id is EINVAL.
 */
#include <sys/syscall.h>
#include "utest.h"

int main(void)
{
	static const clockid_t fine[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME };
	static const clockid_t coarse[] = { CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE };
	struct timespec res;

	for (unsigned i = 0; i < sizeof(fine) / sizeof(fine[0]); i++) {
		res.tv_sec = res.tv_nsec = -1;
		CHECK(syscall(SYS_clock_getres, fine[i], &res) == 0);
		CHECK(res.tv_sec == 0 && res.tv_nsec == 1);
	}
	for (unsigned i = 0; i < sizeof(coarse) / sizeof(coarse[0]); i++) {
		res.tv_sec = res.tv_nsec = -1;
		CHECK(syscall(SYS_clock_getres, coarse[i], &res) == 0);
		CHECK(res.tv_sec == 0 && res.tv_nsec >= 1000 && res.tv_nsec <= 10000000);
	}
	CHECK(syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL) == 0);
	CHECK_ERRNO(syscall(SYS_clock_getres, 1000, &res), EINVAL);
	CHECK_ERRNO(syscall(SYS_clock_gettime, 1000, &res), EINVAL);
	return 0;
}
