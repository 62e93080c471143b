/*
 * When a handler's frame cannot be written (the stack pointer is bad), the
 * signal turns into SIGSEGV (si_code SI_KERNEL), as Linux's
 * force_sigsegv(): an installed SIGSEGV handler on the alternate stack
 * still runs, the first handler never does.  When SIGSEGV's own frame is
 * the one that fails, the process dies of SIGSEGV.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "utest.h"

static sigjmp_buf env;
static volatile int segv_calls, segv_code, usr1_calls;
static char altstack[64 * 1024];

static void on_usr1(int sig)
{
	(void)sig;
	usr1_calls++;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	segv_code = si->si_code;
	segv_calls++;
	siglongjmp(env, 1);
}

/* tkill(self, sig) with %rsp at an unmapped page, so no frame fits. */
static void signal_self_on_bad_stack(int sig)
{
	long tid = syscall(SYS_gettid);

	__asm__ volatile("mov %[sp], %%rsp\n\t"
			 "syscall\n\t"
			 "ud2"
			 :: [sp] "r"((uintptr_t)0x1000), "a"((long)SYS_tkill), "D"(tid),
			    "S"((long)sig)
			 : "memory", "rcx", "r11");
}

int main(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction usr1 = { .sa_handler = on_usr1 };
	struct sigaction segv = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_ONSTACK };
	pid_t pid;
	int st;

	CHECK(sigaltstack(&ss, NULL) == 0);
	CHECK(sigaction(SIGUSR1, &usr1, NULL) == 0);
	CHECK(sigaction(SIGSEGV, &segv, NULL) == 0);
	if (sigsetjmp(env, 1) == 0) {
		signal_self_on_bad_stack(SIGUSR1);
		CHECK(!"tkill returned to a bad stack");
	}
	CHECK(segv_calls == 1 && segv_code == SI_KERNEL && usr1_calls == 0);

	/* SIGSEGV's own handler off the alternate stack: no way out. */
	pid = utest_fork();
	if (pid == 0) {
		struct rlimit none = { 0, 0 };

		setrlimit(RLIMIT_CORE, &none);
		segv.sa_flags = SA_SIGINFO;
		CHECK(sigaction(SIGSEGV, &segv, NULL) == 0);
		signal_self_on_bad_stack(SIGSEGV);
		_exit(3);
	}
	st = utest_wait(pid);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGSEGV)
		fprintf(stderr, "status 0x%x\n", st);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
	return 0;
}
