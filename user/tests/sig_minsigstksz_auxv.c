/*
 * AT_MINSIGSTKSZ: the auxiliary vector says how much stack a signal frame
 * may take, computed as Linux x86_64 does from the FPU state size (CPUID
 * 0xD for the states XCR0 enables, or the 512-byte FXSAVE area): the
 * ia32 sigframe (732), 15 bytes of alignment, the FPU state (+ 4 for
 * FP_XSTATE_MAGIC2 with XSAVE) plus an i387 area (112), 63 bytes of XSAVE
 * alignment, rounded up to 16.  And a handler really fits: on an
 * alternate stack of exactly that size (at least MINSIGSTKSZ, which
 * sigaltstack demands) it runs, and nothing below the stack is written.
 */
#include <cpuid.h>
#include <signal.h>
#include <stdint.h>
#include <sys/auxv.h>
#include "utest.h"

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

static volatile int ran;
static volatile uintptr_t handler_sp;

static void handler(int sig)
{
	int here;

	(void)sig;
	handler_sp = (uintptr_t)&here;
	ran = 1;
}

static unsigned long fpu_state_size(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE))
		return 512;
	__cpuid_count(0xd, 0, a, b, c, d);
	return b + 4;
}

int main(void)
{
	unsigned long want = (732 + 15 + fpu_state_size() + 112 + 63 + 15) & ~15ul;
	unsigned long got = getauxval(AT_MINSIGSTKSZ);
	size_t size = got > MINSIGSTKSZ ? got : MINSIGSTKSZ;
	static uint8_t area[65536] __attribute__((aligned(64)));
	uint8_t *stack = area + sizeof(area) - size;
	stack_t ss = { .ss_sp = stack, .ss_size = size };
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_ONSTACK };

	if (got != want)
		fprintf(stderr, "AT_MINSIGSTKSZ %lu, expected %lu\n", got, want);
	CHECK(got == want);
	memset(area, 0xa5, sizeof(area));
	CHECK(sigaltstack(&ss, NULL) == 0);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(ran);
	CHECK(handler_sp >= (uintptr_t)stack && handler_sp < (uintptr_t)stack + size);
	for (uint8_t *p = area; p < stack; p++)
		CHECK(*p == 0xa5);
	return 0;
}
