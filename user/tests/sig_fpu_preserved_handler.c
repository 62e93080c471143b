/*
 * Floating-point and SSE state survives a signal handler.  The interrupted
 * code's xmm0-xmm15, MXCSR (rounding toward zero) and x87 control word are
 * exactly as before after the handler returns, although the handler
 * overwrote all of them.  The handler itself starts with Linux's initial
 * FPU state: MXCSR 0x1f80 (round to nearest, all exceptions masked) and
 * x87 control word 0x37f.  Then a periodic timer interrupting an FP loop
 * whose handler does FP work with other rounding leaves the loop's result
 * bit-identical to a run with the signal blocked.
 */
#include <fenv.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include "utest.h"

static uint64_t in[16][2] __attribute__((aligned(16)));
static uint64_t out[16][2] __attribute__((aligned(16)));
static volatile unsigned handler_mxcsr, handler_fcw;
static volatile int calls;

static unsigned get_mxcsr(void)
{
	unsigned v;

	__asm__ volatile("stmxcsr %0" : "=m"(v));
	return v;
}

static unsigned get_fcw(void)
{
	uint16_t v;

	__asm__ volatile("fnstcw %0" : "=m"(v));
	return v;
}

#define ALL_XMM "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", \
	"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"

static void clobber(int sig)
{
	volatile double x = 1.0;

	(void)sig;
	calls++;
	if (calls == 1) {
		handler_mxcsr = get_mxcsr();
		handler_fcw = get_fcw();
	}
	fesetround(FE_UPWARD);
	__asm__ volatile(
		"pcmpeqd %%xmm0, %%xmm0\n\tpcmpeqd %%xmm1, %%xmm1\n\t"
		"pcmpeqd %%xmm2, %%xmm2\n\tpcmpeqd %%xmm3, %%xmm3\n\t"
		"pcmpeqd %%xmm4, %%xmm4\n\tpcmpeqd %%xmm5, %%xmm5\n\t"
		"pcmpeqd %%xmm6, %%xmm6\n\tpcmpeqd %%xmm7, %%xmm7\n\t"
		"pcmpeqd %%xmm8, %%xmm8\n\tpcmpeqd %%xmm9, %%xmm9\n\t"
		"pcmpeqd %%xmm10, %%xmm10\n\tpcmpeqd %%xmm11, %%xmm11\n\t"
		"pcmpeqd %%xmm12, %%xmm12\n\tpcmpeqd %%xmm13, %%xmm13\n\t"
		"pcmpeqd %%xmm14, %%xmm14\n\tpcmpeqd %%xmm15, %%xmm15\n\t"
		::: ALL_XMM);
	for (int i = 0; i < 100; i++)
		x = x / 3.0 + sqrt(x + i);
}

#define LOAD(n)  "movdqa " #n "*16(%[in]), %%xmm" #n "\n\t"
#define STORE(n) "movdqa %%xmm" #n ", " #n "*16(%[out])\n\t"

/* Registers loaded, kill(2) from the same asm block, registers stored. */
static void xmm_across_signal(void)
{
	long ret;

	__asm__ volatile(
		LOAD(0) LOAD(1) LOAD(2) LOAD(3) LOAD(4) LOAD(5) LOAD(6) LOAD(7)
		LOAD(8) LOAD(9) LOAD(10) LOAD(11) LOAD(12) LOAD(13) LOAD(14) LOAD(15)
		"syscall\n\t"
		STORE(0) STORE(1) STORE(2) STORE(3) STORE(4) STORE(5) STORE(6) STORE(7)
		STORE(8) STORE(9) STORE(10) STORE(11) STORE(12) STORE(13) STORE(14) STORE(15)
		: "=a"(ret)
		: "a"((long)SYS_kill), "D"((long)getpid()), "S"((long)SIGUSR1),
		  [in] "r"(in), [out] "r"(out)
		: "rcx", "r11", "memory", ALL_XMM);
	CHECK(ret == 0);
}

static double fp_loop(void)
{
	volatile double acc = 0.0;

	for (int i = 1; i < 400000; i++)
		acc += sqrt((double)i) / (double)(i + 1) * 1.0000001;
	return acc;
}

int main(void)
{
	struct itimerval it = { { 0, 500 }, { 0, 500 } }, off = { { 0, 0 }, { 0, 0 } };
	unsigned mxcsr, fcw, guard;
	double blocked, unblocked;

	CHECK(signal(SIGUSR1, clobber) != SIG_ERR);
	for (int i = 0; i < 16; i++) {
		in[i][0] = 0x0123456789abcdefULL * (i + 1);
		in[i][1] = 0xfedcba9876543210ULL ^ (uint64_t)i << 40;
	}
	CHECK(fesetround(FE_TOWARDZERO) == 0);
	mxcsr = get_mxcsr();
	fcw = get_fcw();
	xmm_across_signal();
	CHECK(calls == 1);
	CHECK(memcmp(in, out, sizeof(in)) == 0);
	CHECK(get_mxcsr() == mxcsr);
	CHECK(get_fcw() == fcw);
	CHECK(fegetround() == FE_TOWARDZERO);
	if (handler_mxcsr != 0x1f80 || handler_fcw != 0x37f)
		fprintf(stderr, "in the handler: mxcsr 0x%x, x87 cw 0x%x\n",
			handler_mxcsr, handler_fcw);
	CHECK(handler_mxcsr == 0x1f80);
	CHECK(handler_fcw == 0x37f);
	CHECK(fesetround(FE_TONEAREST) == 0);

	/* Asynchronous: a 0.5 ms timer during an FP loop. */
	guard = alarm(0);	/* the runner's timeout, restored below */
	CHECK(signal(SIGALRM, clobber) != SIG_ERR);
	blocked = fp_loop();	/* no signals */
	calls = 0;
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
	unblocked = fp_loop();
	CHECK(setitimer(ITIMER_REAL, &off, NULL) == 0);
	CHECK(calls > 0);
	CHECK(memcmp(&blocked, &unblocked, sizeof(double)) == 0);
	CHECK(fegetround() == FE_TONEAREST);
	alarm(guard);
	return 0;
}
