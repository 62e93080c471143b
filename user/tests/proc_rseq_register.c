/*
 * rseq(2) registration and unregistration, with Linux 6.1's checks: the
 * area is 32 bytes, 32-byte aligned and in user space; one registration
 * per thread (the same one again is EBUSY, another one EINVAL, another
 * signature EPERM); unregistering needs the same area, length and
 * signature and leaves cpu_id = RSEQ_CPU_ID_UNINITIALIZED.  While
 * registered, the CPU number is written back after every switch.
 */
#include "rseq_util.h"
#include <sys/mman.h>

static struct rseq area __attribute__((aligned(32)));
static struct rseq other __attribute__((aligned(32)));
static char raw[96] __attribute__((aligned(32)));

static void check_bad_registrations(void)
{
	volatile struct rseq *a = &area;

	CHECK_ERRNO(sys_rseq(a, 0, 0, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 31, 0, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 33, 0, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 64, 0, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq((struct rseq *)(raw + 16), 32, 0, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq((struct rseq *)(raw + 8), 32, 0, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 32, 2, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 32, RSEQ_FLAG_UNREGISTER | 2, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq((struct rseq *)0xffff800000000000ul, 32, 0, RSEQ_SIG), EFAULT);
	CHECK_ERRNO(sys_rseq((struct rseq *)0x7ffffffff000ul, 32, 0, RSEQ_SIG), EFAULT);
}

static void check_registered(void)
{
	volatile struct rseq *a = &area;

	a->cpu_id = 0xdead;
	a->cpu_id_start = 0xdead;
	CHECK(sys_rseq(a, 32, 0, RSEQ_SIG) == 0);
	/* Written on the way back from the call itself. */
	CHECK(a->cpu_id != 0xdead && a->cpu_id_start != 0xdead);
	CHECK(rseq_cpu_matches(a));
	CHECK_ERRNO(sys_rseq(a, 32, 0, RSEQ_SIG), EBUSY);
	CHECK_ERRNO(sys_rseq(a, 32, 0, RSEQ_SIG + 1), EPERM);
	CHECK_ERRNO(sys_rseq(&other, 32, 0, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 64, 0, RSEQ_SIG), EINVAL);
	/* Rewritten after a switch. */
	a->cpu_id = 0xdead;
	rseq_switch_out();
	CHECK(rseq_cpu_matches(a));
}

static void check_unregister(void)
{
	volatile struct rseq *a = &area;

	CHECK_ERRNO(sys_rseq(&other, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 64, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), EINVAL);
	CHECK_ERRNO(sys_rseq(a, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG + 1), EPERM);
	CHECK(sys_rseq(a, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG) == 0);
	CHECK(a->cpu_id == (uint32_t)RSEQ_CPU_ID_UNINITIALIZED);
	CHECK(a->cpu_id_start == 0);
	/* Nobody writes it any more. */
	a->cpu_id = 0xdead;
	rseq_switch_out();
	CHECK(a->cpu_id == 0xdead);
	CHECK_ERRNO(sys_rseq(a, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG), EINVAL);
	/* A new registration may use another area and signature. */
	CHECK(sys_rseq(&other, 32, 0, 0x1234) == 0);
	CHECK(rseq_cpu_matches(&other));
	CHECK(sys_rseq(&other, 32, RSEQ_FLAG_UNREGISTER, 0x1234) == 0);
}

/*
 * The area is read at registration (Linux 6.1 stable): an unmapped one is
 * EFAULT; a read-only one is accepted and fatal on the way back, when the
 * CPU number cannot be written.
 */
static void check_unwritable_area(void)
{
	char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;
	int st;

	CHECK(p != MAP_FAILED);
	pid = utest_fork();
	if (pid == 0) {
		sys_rseq((struct rseq *)p, 32, 0, RSEQ_SIG);
		_exit(0);
	}
	st = utest_wait(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	CHECK(munmap(p, 4096) == 0);
	CHECK_ERRNO(sys_rseq((struct rseq *)p, 32, 0, RSEQ_SIG), EFAULT);
}

/* A section left armed in the area is dropped by the registration. */
static void check_armed_area_cleared(void)
{
	static struct rseq_cs bogus = { .version = 7 };

	area.rseq_cs = (uintptr_t)&bogus;
	CHECK(sys_rseq(&area, 32, 0, RSEQ_SIG) == 0);
	CHECK(area.rseq_cs == 0);
	CHECK(sys_rseq(&area, 32, RSEQ_FLAG_UNREGISTER, RSEQ_SIG) == 0);
}

int main(void)
{
	check_bad_registrations();
	check_registered();
	check_unregister();
	check_unwritable_area();
	check_armed_area_cleared();
	return 0;
}
