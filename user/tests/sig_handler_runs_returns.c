/*
 * A signal handler installed with sigaction(2) runs when the signal is
 * raised and returns into the interrupted code through libc's sa_restorer
 * (musl sets SA_RESTORER; the kernel reports it back through a raw
 * rt_sigaction query).  While the handler runs, the signal itself and
 * sa_mask are blocked; after it returns the old mask is back.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "utest.h"

#define SA_RESTORER_FLAG 0x04000000

struct k_sigaction {		/* the kernel's layout on x86_64 */
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

static volatile int calls, got_sig, usr1_blocked, usr2_blocked, term_blocked;

static void on_usr1(int sig)
{
	sigset_t cur;

	calls++;
	got_sig = sig;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	usr1_blocked = sigismember(&cur, SIGUSR1);
	usr2_blocked = sigismember(&cur, SIGUSR2);
	term_blocked = sigismember(&cur, SIGTERM);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct k_sigaction ks;
	sigset_t cur;
	volatile long before = 0x1234567890abcdefL;

	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);

	CHECK(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &ks, 8) == 0);
	CHECK(ks.handler == (void *)on_usr1);
	CHECK(ks.flags & SA_RESTORER_FLAG);
	CHECK(ks.restorer != NULL);
	CHECK(ks.mask == 1ULL << (SIGUSR2 - 1));

	CHECK(raise(SIGUSR1) == 0);
	CHECK(calls == 1 && got_sig == SIGUSR1);
	CHECK(usr1_blocked && usr2_blocked && !term_blocked);
	CHECK(before == 0x1234567890abcdefL);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &cur) == 0);
	CHECK(!sigismember(&cur, SIGUSR1) && !sigismember(&cur, SIGUSR2));

	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(calls == 2);
	/* A wrong sigsetsize is EINVAL. */
	CHECK_ERRNO(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &ks, 4), EINVAL);
	return 0;
}
