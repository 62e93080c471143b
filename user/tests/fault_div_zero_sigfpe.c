/*
 * Integer division by zero, and INT64_MIN / -1 (the quotient overflows),
 * raise the divide error: the process dies with SIGFPE; a handler sees
 * si_code FPE_INTDIV and si_addr the address of the idiv instruction.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include "utest.h"

extern const char idiv_here[];

static void on_fpe(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_signo != SIGFPE || si->si_code != FPE_INTDIV)
		_exit(3);
	_exit(si->si_addr == (void *)idiv_here ? 0 : 4);
}

static __attribute__((noipa)) void divide(long num, long den)
{
	long q;

	__asm__ volatile("cqo\n.globl idiv_here\nidiv_here: idivq %2"
			 : "=a"(q) : "a"(num), "r"(den) : "rdx");
	(void)q;
}

static int run(int handled, long num, long den)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		if (handled) {
			struct sigaction sa = { .sa_sigaction = on_fpe, .sa_flags = SA_SIGINFO };

			CHECK(sigaction(SIGFPE, &sa, NULL) == 0);
		}
		divide(num, den);
		_exit(99);
	}
	return utest_wait(pid);
}

int main(void)
{
	int status;

	divide(10, 3);	/* fine */
	status = run(0, 10, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE);
	status = run(1, 10, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "10/0 handled: status 0x%x\n", status);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	status = run(0, INT64_MIN, -1);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE);
	status = run(1, INT64_MIN, -1);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return 0;
}
