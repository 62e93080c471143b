/*
 * rt_sigreturn with a frame it cannot read raises SIGSEGV as Linux's
 * force_sig(SIGSEGV) does (si_code SI_KERNEL): an installed handler runs,
 * here on the alternate stack since the stack pointer is the bad frame's.
 * A blocked or ignored SIGSEGV is reset to default and kills the process.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "utest.h"

static sigjmp_buf env;
static volatile int got_signo, got_code, calls;
static void *volatile got_addr = (void *)1;
static char altstack[64 * 1024];

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_addr = si->si_addr;
	calls++;
	siglongjmp(env, 1);
}

/* rt_sigreturn with %rsp at an unmapped page: the frame read faults. */
static void sigreturn_bad_frame(void)
{
	__asm__ volatile("mov %0, %%rsp\n\t"
			 "mov %1, %%eax\n\t"
			 "syscall\n\t"
			 "ud2"
			 :: "r"((uintptr_t)0x1000), "i"(SYS_rt_sigreturn) : "memory");
}

static void install(int flags, void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };

	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
}

/* A child whose SIGSEGV is blocked (block) or ignored: it must die of it. */
static void check_dies(int block)
{
	pid_t pid = utest_fork();
	int st;

	if (pid == 0) {
		struct rlimit none = { 0, 0 };
		sigset_t set;

		setrlimit(RLIMIT_CORE, &none);
		if (block) {
			install(SA_ONSTACK, on_segv);
			sigemptyset(&set);
			sigaddset(&set, SIGSEGV);
			CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0);
		} else {
			CHECK(signal(SIGSEGV, SIG_IGN) != SIG_ERR);
		}
		sigreturn_bad_frame();
		_exit(3);
	}
	st = utest_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGSEGV)
		fprintf(stderr, "block=%d: status 0x%x\n", block, st);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	CHECK(calls == 0);
}

int main(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };

	CHECK(sigaltstack(&ss, NULL) == 0);
	install(SA_ONSTACK, on_segv);
	for (int round = 1; round <= 2; round++) {
		if (sigsetjmp(env, 1) == 0) {
			sigreturn_bad_frame();
			CHECK(!"rt_sigreturn returned");
		}
		CHECK(calls == round);
		CHECK(got_signo == SIGSEGV && got_code == SI_KERNEL && got_addr == NULL);
	}
	calls = 0;
	check_dies(1);
	check_dies(0);
	return 0;
}
