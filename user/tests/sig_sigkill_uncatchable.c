/*
 * SIGKILL and SIGSTOP cannot be caught or ignored: sigaction with a
 * handler or SIG_IGN is EINVAL (querying the action is fine), and blocking
 * them through sigprocmask is silently ignored.  Signal numbers 0 and 65
 * are EINVAL for sigaction.  SIGKILL then kills a child that blocked
 * everything and ignores all it can.
 */
#include <signal.h>
#include <sys/syscall.h>
#include "utest.h"

static void handler(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = handler }, old;
	sigset_t all, cur;
	pid_t child;
	int status;

	CHECK_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	CHECK_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	CHECK(sigaction(SIGKILL, NULL, &old) == 0);
	CHECK(old.sa_handler == SIG_DFL);
	/* Ask the kernel directly: libc may check signal numbers itself. */
	CHECK_ERRNO(syscall(SYS_rt_sigaction, 0, NULL, &old, 8), EINVAL);
	CHECK_ERRNO(syscall(SYS_rt_sigaction, 65, NULL, &old, 8), EINVAL);

	sigfillset(&all);
	CHECK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, NULL, 8) == 0);
	CHECK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &cur, 8) == 0);
	CHECK(!sigismember(&cur, SIGKILL) && !sigismember(&cur, SIGSTOP));
	CHECK(sigismember(&cur, SIGTERM));

	child = utest_fork();
	if (child == 0) {
		for (int s = 1; s < 32; s++)
			signal(s, SIG_IGN);
		for (;;)
			pause();
	}
	CHECK(kill(child, SIGTERM) == 0);	/* blocked and ignored */
	CHECK(waitpid(child, &status, WNOHANG) == 0);
	CHECK(kill(child, SIGKILL) == 0);
	status = utest_wait(child);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	return 0;
}
