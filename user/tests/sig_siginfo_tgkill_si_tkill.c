/*
 * Signals sent to one thread with tgkill(2) or tkill(2) (and by raise(),
 * which uses tkill) arrive with si_code SI_TKILL (-6), si_pid and si_uid of
 * the sender.  tgkill with a tid that is not in the given thread group is
 * ESRCH, with signal 0 it only checks.
 */
#include <signal.h>
#include <sys/syscall.h>
#include "utest.h"

static volatile int got_signo, got_code, got_pid, calls;

static void on_usr2(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_pid = si->si_pid;
	calls++;
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr2, .sa_flags = SA_SIGINFO };
	pid_t me = getpid();

	CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
	CHECK(syscall(SYS_tgkill, me, (pid_t)syscall(SYS_gettid), SIGUSR2) == 0);
	CHECK(calls == 1);
	CHECK(got_signo == SIGUSR2 && got_code == SI_TKILL && got_pid == me);

	CHECK(syscall(SYS_tkill, (pid_t)syscall(SYS_gettid), SIGUSR2) == 0);
	CHECK(calls == 2 && got_code == SI_TKILL && got_pid == me);

	CHECK(raise(SIGUSR2) == 0);
	CHECK(calls == 3 && got_code == SI_TKILL);

	CHECK(syscall(SYS_tgkill, me, me, 0) == 0);
	CHECK_ERRNO(syscall(SYS_tgkill, 1, me, SIGUSR2), ESRCH);
	CHECK_ERRNO(syscall(SYS_tgkill, me, me, 65), EINVAL);
	CHECK_ERRNO(syscall(SYS_tgkill, me, 0, SIGUSR2), EINVAL);
	CHECK(calls == 3);
	return 0;
}
