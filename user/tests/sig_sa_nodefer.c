/*
 * Without SA_NODEFER the signal is blocked while its handler runs: raising
 * it again inside the handler leaves it pending until the handler returns,
 * so handlers never nest.  With SA_NODEFER it is not blocked and the second
 * raise runs a nested handler at once.
 */
#include <signal.h>
#include "utest.h"

static volatile int depth, max_depth, calls, self_blocked;

static void on_usr1(int sig)
{
	sigset_t cur;

	calls++;
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	if (calls == 1) {
		self_blocked = sigismember(&cur, SIGUSR1);
		raise(sig);
	}
	depth--;
}

static void run(int flags, int want_depth, int want_blocked)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = flags };

	depth = max_depth = calls = 0;
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(raise(SIGUSR1) == 0);
	CHECK(calls == 2);
	CHECK(depth == 0);
	CHECK(max_depth == want_depth);
	CHECK(self_blocked == want_blocked);
}

int main(void)
{
	run(0, 1, 1);
	run(SA_NODEFER, 2, 0);
	return 0;
}
