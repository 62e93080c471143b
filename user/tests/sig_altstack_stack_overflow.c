/*
 * A process that runs out of stack (endless recursion up to RLIMIT_STACK)
 * gets SIGSEGV; with a handler installed with SA_ONSTACK on a sigaltstack
 * the handler runs there and can report.  Without an alternate stack the
 * same overflow kills the process with SIGSEGV, as the parent sees.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include "utest.h"

#define ALT_SIZE (64 * 1024)

static char alt[ALT_SIZE] __attribute__((aligned(16)));

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	volatile char here;
	uintptr_t a = (uintptr_t)&here;

	(void)sig;
	(void)uc;
	if (a < (uintptr_t)alt || a >= (uintptr_t)alt + ALT_SIZE)
		_exit(2);
	_exit(si->si_signo == SIGSEGV ? 0 : 3);
}

static volatile int never;	/* keeps the compiler from calling it infinite */

static int recurse(volatile char *prev)
{
	volatile char frame[1024];

	if (never)
		return 0;
	frame[0] = prev ? prev[0] + 1 : 0;
	return recurse(frame) + frame[1];	/* not a tail call */
}

static pid_t overflow_child(int with_handler)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		struct rlimit rl = { 1 << 20, 1 << 20 };	/* 1 MiB: quick */

		CHECK(setrlimit(RLIMIT_STACK, &rl) == 0);
		if (with_handler) {
			stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE };
			struct sigaction sa = { .sa_sigaction = on_segv,
						.sa_flags = SA_SIGINFO | SA_ONSTACK };

			CHECK(sigaltstack(&ss, NULL) == 0);
			CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
		}
		recurse(NULL);
		_exit(4);
	}
	return pid;
}

int main(void)
{
	int status;

	status = utest_wait(overflow_child(1));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "with handler: status 0x%x\n", status);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	status = utest_wait(overflow_child(0));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	return 0;
}
