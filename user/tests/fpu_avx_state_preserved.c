/*
 * AVX state (the upper halves of ymm0-ymm15) survives context switches
 * and signal handlers, and signal frames carry it in Linux's XSAVE layout.
 *
 *   1. ymm0-15 loaded, then 200 sched_yield()s while a forked process
 *      spins with other ymm values, then a stretch of busy looping long
 *      enough for timer preemption: every bit is still there (in both).
 *   2. A signal whose handler (asm, so nothing runs before it looks) finds
 *      all ymm registers zero, as Linux's handlers start with the initial
 *      state, then clobbers them all; after sigreturn the interrupted
 *      code's values are back.  The frame: uc_flags has UC_FP_XSTATE, the
 *      fpstate is 64-byte aligned, its software bytes hold FP_XSTATE_MAGIC1,
 *      the XSAVE size (CPUID 0xD), the enabled states (XCR0), and
 *      FP_XSTATE_MAGIC2 follows the image; the ymm upper halves are in the
 *      image at CPUID 0xD's AVX offset.
 *   3. sigreturn loads the frame's image: an upper half changed in the
 *      frame comes back changed; a frame without MAGIC1 restores only
 *      x87/SSE and leaves the AVX halves cleared.
 *   4. A corrupt image (reserved XSAVE header bytes set) kills the process
 *      with SIGSEGV.  (Not reserved MXCSR bits: the CPU is the judge on
 *      Linux, and QEMU's XRSTOR accepts them.)
 *
 * Without AVX (CPUID, or an OS that did not enable it in XCR0) there is
 * nothing to test: the test passes and says so on stderr.
 */
#include <cpuid.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include "utest.h"

#define UC_FP_XSTATE		0x1
#define FP_XSTATE_MAGIC1	0x46505853u
#define FP_XSTATE_MAGIC2	0x46505845u

struct fx_sw_bytes {
	uint32_t magic1, extended_size;
	uint64_t xfeatures;
	uint32_t xstate_size, padding[7];
};

typedef uint64_t ymm_t[4];

static ymm_t in[16] __attribute__((aligned(32)));
static ymm_t out[16] __attribute__((aligned(32)));
ymm_t handler_saw[16] __attribute__((aligned(32)));	/* written by the asm handler */
volatile int handler_calls;
static uint32_t xsave_size, avx_offset;
static uint64_t xcr0;

static uint64_t xgetbv0(void)
{
	uint32_t lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (uint64_t)hi << 32 | lo;
}

static int have_avx(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_AVX) || !(c & bit_OSXSAVE))
		return 0;
	if ((xgetbv0() & 6) != 6)
		return 0;
	__cpuid_count(0xd, 0, a, b, c, d);
	xsave_size = b;
	__cpuid_count(0xd, 2, a, b, c, d);
	avx_offset = b;
	xcr0 = xgetbv0();
	return 1;
}

#define ALL_YMM "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", \
	"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"
#define LOAD(n)  "vmovdqa " #n "*32(%[in]), %%ymm" #n "\n\t"
#define STORE(n) "vmovdqa %%ymm" #n ", " #n "*32(%[out])\n\t"
#define LOAD_ALL  LOAD(0) LOAD(1) LOAD(2) LOAD(3) LOAD(4) LOAD(5) LOAD(6) LOAD(7) \
	LOAD(8) LOAD(9) LOAD(10) LOAD(11) LOAD(12) LOAD(13) LOAD(14) LOAD(15)
#define STORE_ALL STORE(0) STORE(1) STORE(2) STORE(3) STORE(4) STORE(5) STORE(6) STORE(7) \
	STORE(8) STORE(9) STORE(10) STORE(11) STORE(12) STORE(13) STORE(14) STORE(15)

/*
 * The signal handler, in asm: record ymm0-15 first thing, then set every
 * bit of them, then return to the restorer.
 */
void avx_handler(int sig);
#define SAVE_H(n) "vmovdqu %ymm" #n ", handler_saw+" #n "*32(%rip)\n\t"
#define ONES(n) "vpcmpeqd %ymm" #n ", %ymm" #n ", %ymm" #n "\n\t" \
	"vinsertf128 $1, %xmm" #n ", %ymm" #n ", %ymm" #n "\n\t"
__asm__(".text\n\t.globl avx_handler\n\t.type avx_handler, @function\navx_handler:\n\t"
	SAVE_H(0) SAVE_H(1) SAVE_H(2) SAVE_H(3) SAVE_H(4) SAVE_H(5) SAVE_H(6) SAVE_H(7)
	SAVE_H(8) SAVE_H(9) SAVE_H(10) SAVE_H(11) SAVE_H(12) SAVE_H(13) SAVE_H(14) SAVE_H(15)
	ONES(0) ONES(1) ONES(2) ONES(3) ONES(4) ONES(5) ONES(6) ONES(7)
	ONES(8) ONES(9) ONES(10) ONES(11) ONES(12) ONES(13) ONES(14) ONES(15)
	"lock incl handler_calls(%rip)\n\t"
	"ret\n\t.size avx_handler, .-avx_handler");

static void fill(ymm_t *v, uint64_t seed)
{
	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 4; j++)
			v[i][j] = (seed + 0x9e3779b97f4a7c15ull * (uint64_t)(i * 4 + j + 1)) ^
				  ((uint64_t)j << 56);
}

/* Load ymm0-15 from in, yield 'yields' times, spin 'spins' loops, store to out. */
__attribute__((target("avx")))
static void ymm_hold(ymm_t *src, ymm_t *dst, long yields, long spins)
{
	__asm__ volatile(
		LOAD_ALL
		"1: testq %[y], %[y]\n\t"
		"jz 2f\n\t"
		"movl %[nr], %%eax\n\t"
		"syscall\n\t"
		"decq %[y]\n\t"
		"jmp 1b\n"
		"2: testq %[s], %[s]\n\t"
		"jz 3f\n\t"
		"decq %[s]\n\t"
		"jmp 2b\n"
		"3:\n\t"
		STORE_ALL
		: [y] "+r"(yields), [s] "+r"(spins)
		: [in] "r"(src), [out] "r"(dst), [nr] "i"(SYS_sched_yield)
		: "rax", "rcx", "r11", "memory", ALL_YMM);
}

/* Load ymm0-15, send ourselves sig with kill(2), store: all in one asm block. */
__attribute__((target("avx")))
static void ymm_across_signal(int sig)
{
	long ret;

	__asm__ volatile(
		LOAD_ALL
		"syscall\n\t"
		STORE_ALL
		: "=a"(ret)
		: "a"((long)SYS_kill), "D"((long)getpid()), "S"((long)sig),
		  [in] "r"(in), [out] "r"(out)
		: "rcx", "r11", "memory", ALL_YMM);
	CHECK(ret == 0);
}

static void context_switches(void)
{
	ymm_t mine[16] __attribute__((aligned(32)));
	ymm_t got[16] __attribute__((aligned(32)));
	ymm_t theirs[16] __attribute__((aligned(32)));
	int status;
	pid_t pid;

	fill(mine, 1);
	fill(theirs, 2);
	pid = utest_fork();
	if (pid == 0) {
		ymm_hold(theirs, got, 200, 30000000);
		CHECK(memcmp(theirs, got, sizeof(got)) == 0);
		_exit(0);
	}
	ymm_hold(mine, got, 200, 30000000);
	CHECK(memcmp(mine, got, sizeof(got)) == 0);
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* What the frame-inspecting handler does to the frame before returning. */
enum frame_edit { EDIT_NONE, EDIT_YMM1_HIGH, EDIT_NO_MAGIC1, EDIT_BAD_HEADER };
static volatile enum frame_edit edit;
static volatile int frame_ok, frame_calls;

static void frame_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	uint8_t *fp = (uint8_t *)uc->uc_mcontext.fpregs;
	struct fx_sw_bytes sw;
	uint64_t high[2];
	uint32_t magic2;

	(void)sig;
	(void)si;
	frame_calls++;
	memcpy(&sw, fp + 464, sizeof(sw));
	memcpy(&magic2, fp + xsave_size, sizeof(magic2));
	memcpy(high, fp + avx_offset + 16 * 3, sizeof(high));	/* ymm3[255:128] */
	frame_ok = (uc->uc_flags & UC_FP_XSTATE) && ((uintptr_t)fp % 64) == 0 &&
		   sw.magic1 == FP_XSTATE_MAGIC1 && sw.xstate_size == xsave_size &&
		   sw.extended_size == xsave_size + 4 && sw.xfeatures == xcr0 &&
		   magic2 == FP_XSTATE_MAGIC2 && high[0] == in[3][2] && high[1] == in[3][3] &&
		   (*(uint64_t *)(fp + 512) & 4);	/* XSTATE_BV: AVX in use */
	switch (edit) {
	case EDIT_NONE:
		break;
	case EDIT_YMM1_HIGH:
		memset(fp + avx_offset + 16 * 1, 0x5a, 16);
		break;
	case EDIT_NO_MAGIC1:
		memset(fp + 464, 0, 4);
		break;
	case EDIT_BAD_HEADER:
		fp[512 + 20] = 1;	/* reserved header bytes must be zero */
		break;
	}
}

static void signal_frames(void)
{
	struct sigaction sa = { .sa_sigaction = frame_handler, .sa_flags = SA_SIGINFO };
	ymm_t zero[16] = { { 0 } };

	/* The asm handler: clean registers on entry, clobbered ones restored. */
	CHECK(signal(SIGUSR1, avx_handler) != SIG_ERR);
	fill(in, 3);
	memset(handler_saw, 0xee, sizeof(handler_saw));
	ymm_across_signal(SIGUSR1);
	CHECK(handler_calls == 1);
	CHECK(memcmp(handler_saw, zero, sizeof(zero)) == 0);
	CHECK(memcmp(in, out, sizeof(in)) == 0);

	/* The frame's layout, and an untouched frame restores everything. */
	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
	fill(in, 4);
	edit = EDIT_NONE;
	ymm_across_signal(SIGUSR2);
	CHECK(frame_calls == 1);
	CHECK(frame_ok);
	CHECK(memcmp(in, out, sizeof(in)) == 0);

	/* An edit in the frame is what comes back. */
	edit = EDIT_YMM1_HIGH;
	ymm_across_signal(SIGUSR2);
	CHECK(frame_ok);
	for (int i = 0; i < 16; i++) {
		if (i == 1)
			continue;
		CHECK(memcmp(in[i], out[i], sizeof(in[i])) == 0);
	}
	CHECK(memcmp(in[1], out[1], 16) == 0);
	CHECK(out[1][2] == 0x5a5a5a5a5a5a5a5aull && out[1][3] == 0x5a5a5a5a5a5a5a5aull);

	/* No MAGIC1: x87/SSE restored, the AVX halves cleared. */
	edit = EDIT_NO_MAGIC1;
	ymm_across_signal(SIGUSR2);
	for (int i = 0; i < 16; i++) {
		CHECK(memcmp(in[i], out[i], 16) == 0);
		CHECK(out[i][2] == 0 && out[i][3] == 0);
	}
}

/* A corrupt image: sigreturn must fail with SIGSEGV, in a child. */
static void corrupt_frame_kills(enum frame_edit how)
{
	struct sigaction sa = { .sa_sigaction = frame_handler, .sa_flags = SA_SIGINFO };
	pid_t pid = utest_fork();
	int status;

	if (pid == 0) {
		CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
		edit = how;
		ymm_across_signal(SIGUSR2);
		_exit(3);		/* must not get here */
	}
	status = utest_wait(pid);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
		fprintf(stderr, "edit %d: wait status 0x%x\n", (int)how, status);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

int main(void)
{
	if (!have_avx()) {
		fprintf(stderr, "note: no AVX on this CPU (or not enabled); nothing to test\n");
		return 0;
	}
	context_switches();
	signal_frames();
	corrupt_frame_kills(EDIT_BAD_HEADER);
	return 0;
}
