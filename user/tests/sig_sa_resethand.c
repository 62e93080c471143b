/*
 * SA_RESETHAND: the handler runs once, and on entry the action is reset to
 * SIG_DFL (sigaction reports SIG_DFL; Linux resets only the handler and
 * leaves sa_flags as they were), so the next SIGUSR1 terminates the
 * process with WTERMSIG SIGUSR1.
 */
#include <signal.h>
#include "utest.h"

static volatile int calls;
static volatile void *inside_handler;

static void on_usr1(int sig)
{
	struct sigaction now;

	(void)sig;
	calls++;
	sigaction(SIGUSR1, NULL, &now);
	inside_handler = (void *)now.sa_handler;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESETHAND };
	struct sigaction now;
	pid_t child;
	int status;

	child = utest_fork();
	if (child == 0) {
		CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
		CHECK(raise(SIGUSR1) == 0);
		CHECK(calls == 1);
		CHECK(inside_handler == (void *)SIG_DFL);
		CHECK(sigaction(SIGUSR1, NULL, &now) == 0);
		CHECK(now.sa_handler == SIG_DFL);
		CHECK(now.sa_flags & SA_RESETHAND);
		raise(SIGUSR1);	/* default action: terminate */
		_exit(3);
	}
	status = utest_wait(child);
	if (!WIFSIGNALED(status))
		fprintf(stderr, "child status 0x%x\n", status);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1);
	CHECK(!WCOREDUMP(status));
	return 0;
}
