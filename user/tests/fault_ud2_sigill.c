/*
 * An undefined instruction (ud2) kills the process with SIGILL; a handler
 * sees si_code ILL_ILLOPN and si_addr the address of the instruction, and
 * the saved RIP in its ucontext points at it too.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>
#include "utest.h"

extern const char ud2_here[];

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	if (si->si_signo != SIGILL || si->si_code != ILL_ILLOPN)
		_exit(3);
	if (si->si_addr != (void *)ud2_here)
		_exit(4);
	if ((uintptr_t)uc->uc_mcontext.gregs[REG_RIP] != (uintptr_t)ud2_here)
		_exit(5);
	_exit(0);
}

/* Out of line and never cloned: the label must exist exactly once. */
static __attribute__((noipa)) void undefined_instruction(void)
{
	__asm__ volatile(".globl ud2_here\nud2_here: ud2");
}

static int run(int handled)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		if (handled) {
			struct sigaction sa = { .sa_sigaction = on_ill, .sa_flags = SA_SIGINFO };

			CHECK(sigaction(SIGILL, &sa, NULL) == 0);
		}
		undefined_instruction();
		_exit(99);
	}
	return utest_wait(pid);
}

int main(void)
{
	int status = run(0);

	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGILL);
	status = run(1);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "handled: status 0x%x\n", status);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return 0;
}
