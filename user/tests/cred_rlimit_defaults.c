/*
 * The limits Linux gives init, and so every process of the test initramfs:
 * RLIMIT_STACK 8 MiB soft / unlimited hard, RLIMIT_NOFILE 1024 / 4096,
 * RLIMIT_CORE 0 / unlimited, RLIMIT_AS, RLIMIT_DATA, RLIMIT_FSIZE and
 * RLIMIT_CPU unlimited.  Programs size stacks and fd tables from these.
 */
#include <sys/resource.h>
#include "utest.h"

static void expect(int res, rlim_t cur, rlim_t max)
{
	struct rlimit rl;

	CHECK(getrlimit(res, &rl) == 0);
	if (rl.rlim_cur != cur || rl.rlim_max != max)
		fprintf(stderr, "resource %d: %llu/%llu, expected %llu/%llu\n", res,
			(unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max,
			(unsigned long long)cur, (unsigned long long)max);
	CHECK(rl.rlim_cur == cur && rl.rlim_max == max);
}

int main(void)
{
	expect(RLIMIT_STACK, 8 << 20, RLIM_INFINITY);
	expect(RLIMIT_NOFILE, 1024, 4096);
	expect(RLIMIT_CORE, 0, RLIM_INFINITY);
	expect(RLIMIT_AS, RLIM_INFINITY, RLIM_INFINITY);
	expect(RLIMIT_DATA, RLIM_INFINITY, RLIM_INFINITY);
	expect(RLIMIT_FSIZE, RLIM_INFINITY, RLIM_INFINITY);
	expect(RLIMIT_CPU, RLIM_INFINITY, RLIM_INFINITY);
	return 0;
}
