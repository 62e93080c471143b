/*
 * sigaltstack(2) + SA_ONSTACK: the handler runs on the alternate stack (a
 * local's address lies inside it) and sigaltstack reports SS_ONSTACK
 * there; a handler without SA_ONSTACK stays on the normal stack.  A stack
 * smaller than MINSIGSTKSZ is ENOMEM, unknown flags EINVAL, and changing
 * the alternate stack while on it EPERM.
 */
#include <signal.h>
#include <stdint.h>
#include "utest.h"

#define ALT_SIZE (64 * 1024)

static char alt[ALT_SIZE] __attribute__((aligned(16)));
static volatile uintptr_t local_addr;
static volatile int onstack_flag, change_errno;

static void handler(int sig)
{
	volatile char here;
	stack_t now, other = { .ss_sp = alt, .ss_size = ALT_SIZE };

	(void)sig;
	local_addr = (uintptr_t)&here;
	sigaltstack(NULL, &now);
	onstack_flag = now.ss_flags;
	change_errno = sigaltstack(&other, NULL) == 0 ? 0 : errno;
}

static int on_alt(void)
{
	return local_addr >= (uintptr_t)alt && local_addr < (uintptr_t)alt + ALT_SIZE;
}

int main(void)
{
	stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
	stack_t old, small = { .ss_sp = alt, .ss_size = 512 };
	struct sigaction sa = { .sa_handler = handler };

	CHECK_ERRNO(sigaltstack(&small, NULL), ENOMEM);
	ss.ss_flags = 0x10;
	CHECK_ERRNO(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = 0;
	CHECK(sigaltstack(&ss, &old) == 0);
	CHECK(old.ss_flags == SS_DISABLE);
	CHECK(sigaltstack(NULL, &old) == 0);
	CHECK(old.ss_sp == alt && old.ss_size == ALT_SIZE && old.ss_flags == 0);

	/* Without SA_ONSTACK: the normal stack. */
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(!on_alt());
	CHECK(onstack_flag == 0);

	/* With SA_ONSTACK: the alternate one. */
	sa.sa_flags = SA_ONSTACK;
	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
	CHECK(raise(SIGUSR2) == 0);
	CHECK(on_alt());
	CHECK(onstack_flag == SS_ONSTACK);
	CHECK(change_errno == EPERM);

	/* Disabled again: SA_ONSTACK handlers use the normal stack. */
	ss.ss_flags = SS_DISABLE;
	CHECK(sigaltstack(&ss, NULL) == 0);
	CHECK(raise(SIGUSR2) == 0);
	CHECK(!on_alt());
	return 0;
}
