/*
 * Privileged instructions in user mode (cli, hlt, in from an I/O port,
 * rdmsr) raise a general-protection fault: the process dies with SIGSEGV,
 * and a handler sees si_code SI_KERNEL (0x80) with si_addr 0.
 */
#include <signal.h>
#include "utest.h"

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code != SI_KERNEL)
		_exit(3);
	_exit(si->si_addr == NULL ? 0 : 4);
}

static void privileged(int which)
{
	switch (which) {
	case 0:
		__asm__ volatile("cli");
		break;
	case 1:
		__asm__ volatile("hlt");
		break;
	case 2: {
		unsigned char v;

		__asm__ volatile("inb $0x80, %0" : "=a"(v));
		break;
	}
	case 3: {
		unsigned lo, hi;

		__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0x10));
		break;
	}
	}
}

static int run(int which, int handled)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		if (handled) {
			struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

			CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
		}
		privileged(which);
		_exit(99);
	}
	return utest_wait(pid);
}

int main(void)
{
	for (int which = 0; which < 4; which++) {
		int status = run(which, 0);

		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
			fprintf(stderr, "instruction %d: status 0x%x\n", which, status);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
		status = run(which, 1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			fprintf(stderr, "instruction %d handled: status 0x%x\n", which, status);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	return 0;
}
