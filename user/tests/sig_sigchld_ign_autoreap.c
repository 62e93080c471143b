/*
 * With SIGCHLD set to SIG_IGN, children are reaped automatically when they
 * exit: no zombies, and wait(2) blocks until the last child has exited and
 * then fails with ECHILD.  SA_NOCLDWAIT with a handler does the same while
 * still delivering SIGCHLD.
 */
#include <signal.h>
#include "utest.h"

static volatile int calls;

/*
 * kill(pid, 0) fails with ESRCH once pid is gone.  Linux releases an
 * autoreaped child's pid just after waking the parent, so on a
 * multiprocessor the parent may see ECHILD a moment before ESRCH; a
 * zombie would stay for ever, so a second is plenty.
 */
static int gone(pid_t pid)
{
	for (int i = 0; i < 1000; i++) {
		if (kill(pid, 0) == -1)
			return errno == ESRCH;
		utest_sleep_ms(1);
	}
	return 0;
}

static void on_chld(int sig)
{
	(void)sig;
	calls++;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_chld, .sa_flags = SA_NOCLDWAIT };
	pid_t child;
	int status;

	CHECK(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	for (int i = 0; i < 3; i++) {
		child = utest_fork();
		if (child == 0) {
			utest_sleep_ms(20 * i);
			_exit(i);
		}
	}
	CHECK_ERRNO(wait(&status), ECHILD);
	CHECK(gone(child));	/* not a zombie */

	CHECK(sigaction(SIGCHLD, &sa, NULL) == 0);
	child = utest_fork();
	if (child == 0)
		_exit(1);
	/* wait() sleeps until the child is gone, possibly interrupted. */
	for (int i = 0; i < 100; i++) {
		if (waitpid(child, &status, 0) == -1 && errno == ECHILD)
			break;
		CHECK(errno == EINTR);
	}
	CHECK(gone(child));
	CHECK(calls == 1);
	return 0;
}
