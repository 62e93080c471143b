/*
 * epoll_wait interrupted by a signal handler fails with EINTR, even with
 * SA_RESTART (signal(7): never restarted); epoll_pwait swaps the signal
 * mask for the wait only, so a blocked signal can interrupt it, and the
 * old mask is back afterwards; epoll_pwait2 takes a timespec timeout.
 */
#include <sys/epoll.h>
#include <sys/syscall.h>
#include "utest.h"

static volatile sig_atomic_t got;

static void on_signal(int sig)
{
	got = sig;
}

/* A child that sends sig to us every ms milliseconds (so none is lost to a race). */
static pid_t signal_later(int sig, int ms)
{
	pid_t parent = getpid(), pid = utest_fork();

	if (pid == 0) {
		for (;;) {
			utest_sleep_ms(ms);
			if (kill(parent, sig) != 0)
				_exit(1);
		}
	}
	return pid;
}

static void stop_child(pid_t pid)
{
	int st;

	CHECK(kill(pid, SIGKILL) == 0);
	st = utest_wait(pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
	struct epoll_event out[1];
	struct timespec ts = { 0, 30000000 };
	sigset_t block, empty, now;
	int p[2], ep = epoll_create1(0);
	long long t0;
	pid_t pid;

	CHECK(ep >= 0 && pipe(p) == 0);
	struct epoll_event ev = { .events = EPOLLIN };
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);

	pid = signal_later(SIGUSR1, 50);
	CHECK_ERRNO(epoll_wait(ep, out, 1, -1), EINTR);
	CHECK(got == SIGUSR1);
	stop_child(pid);

	/* blocked, SIGUSR1 waits; epoll_pwait's empty mask lets it in */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	CHECK(sigprocmask(SIG_BLOCK, &block, NULL) == 0);
	got = 0;
	pid = signal_later(SIGUSR1, 50);
	CHECK_ERRNO(epoll_pwait(ep, out, 1, -1, &empty), EINTR);
	CHECK(got == SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0 && sigismember(&now, SIGUSR1));
	stop_child(pid);
	CHECK(sigpending(&now) == 0);
	if (sigismember(&now, SIGUSR1)) {	/* one more came before the kill */
		CHECK_ERRNO(epoll_pwait(ep, out, 1, -1, &empty), EINTR);
	}
	/* with the signal pending and blocked, a plain wait just times out */
	CHECK(kill(getpid(), SIGUSR1) == 0);
	got = 0;
	CHECK(epoll_wait(ep, out, 1, 20) == 0 && got == 0);
	CHECK_ERRNO(epoll_pwait(ep, out, 1, 1000, &empty), EINTR);
	CHECK(got == SIGUSR1);

	/* epoll_pwait2: a timespec timeout, NULL mask */
	t0 = utest_now_ns();
	CHECK(syscall(SYS_epoll_pwait2, ep, out, 1, &ts, NULL, 8) == 0);
	CHECK(utest_now_ns() - t0 >= 30000000LL);
	ts.tv_nsec = 1000000000;
	CHECK_ERRNO(syscall(SYS_epoll_pwait2, ep, out, 1, &ts, NULL, 8), EINVAL);
	CHECK(write(p[1], "x", 1) == 1);
	CHECK(syscall(SYS_epoll_pwait2, ep, out, 1, NULL, &empty, 8) == 1);
	CHECK(sigprocmask(SIG_BLOCK, NULL, &now) == 0 && sigismember(&now, SIGUSR1));
	return 0;
}
