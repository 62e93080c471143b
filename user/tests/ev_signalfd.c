/*
 * signalfd(2): reading a blocked SIGUSR1 sent by kill() from another
 * process gives its number, SI_USER and the sender's pid and real uid,
 * and consumes it; thread-directed signals (raise) come first and carry
 * SI_TKILL; EAGAIN when non-blocking; a blocking
 * read woken by the signal; updating the mask through the existing fd;
 * the argument checks; poll and epoll readiness.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include "utest.h"

static void rd(int fd, struct signalfd_siginfo *si)
{
	CHECK(read(fd, si, sizeof(*si)) == (ssize_t)sizeof(*si));
}

static short revents(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	CHECK(poll(&p, 1, 0) >= 0);
	return p.revents;
}

/* A child that, as uid 'uid' (-1: unchanged), sends sig to us after ms milliseconds. */
static pid_t send_later(int sig, int ms, int uid)
{
	pid_t parent = getpid(), pid = utest_fork();

	if (pid == 0) {
		if (uid >= 0)
			CHECK(setresuid(uid, uid, uid) == 0);
		utest_sleep_ms(ms);
		_exit(kill(parent, sig) == 0 ? 0 : 1);
	}
	return pid;
}

static void checks(int sfd)
{
	sigset_t mask;
	char small[64];
	int p[2];

	sigemptyset(&mask);
	CHECK(pipe(p) == 0);
	CHECK_ERRNO(signalfd(p[0], &mask, 0), EINVAL);		/* not a signalfd */
	CHECK_ERRNO(signalfd(999, &mask, 0), EBADF);
	CHECK_ERRNO(signalfd(-1, &mask, 0x1000), EINVAL);
	CHECK_ERRNO(syscall(SYS_signalfd4, -1, &mask, 4, 0), EINVAL);	/* mask size */
	CHECK_ERRNO(syscall(SYS_signalfd4, -1, (void *)8, 8, 0), EFAULT);
	CHECK_ERRNO(read(sfd, small, sizeof(small)), EINVAL);	/* less than one record */
	CHECK(close(p[0]) == 0 && close(p[1]) == 0);
}

int main(void)
{
	struct signalfd_siginfo si[2];
	sigset_t mask, pending;
	int sfd, sfd2, ep;
	pid_t pid;

	CHECK(sizeof(struct signalfd_siginfo) == 128);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigaddset(&mask, SIGUSR2);
	CHECK(sigprocmask(SIG_BLOCK, &mask, NULL) == 0);
	sigdelset(&mask, SIGUSR2);
	sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	CHECK(sfd >= 0 && fcntl(sfd, F_GETFD) == FD_CLOEXEC);
	checks(sfd);
	CHECK_ERRNO(read(sfd, si, sizeof(si)), EAGAIN);
	CHECK(revents(sfd) == 0);

	/* kill() from a child: pid, uid, code; the signal is consumed */
	pid = send_later(SIGUSR1, 0, -1);
	CHECK_CHILD_OK(pid);
	CHECK(revents(sfd) == POLLIN);
	rd(sfd, &si[0]);
	CHECK(si[0].ssi_signo == SIGUSR1 && si[0].ssi_code == SI_USER);
	CHECK(si[0].ssi_pid == (uint32_t)pid && si[0].ssi_uid == getuid());
	CHECK(sigpending(&pending) == 0 && !sigismember(&pending, SIGUSR1));
	CHECK(revents(sfd) == 0);

	/* a sender with another real uid */
	CHECK(setresuid(4321, 0, 4321) == 0);	/* so that uid 4321 may signal us */
	pid = send_later(SIGUSR1, 0, 4321);
	CHECK_CHILD_OK(pid);
	rd(sfd, &si[0]);
	CHECK(si[0].ssi_pid == (uint32_t)pid && si[0].ssi_uid == 4321);
	CHECK(setresuid(0, 0, 0) == 0);

	/* SIGUSR2 is not in the mask: it stays pending */
	CHECK(raise(SIGUSR2) == 0);
	CHECK(revents(sfd) == 0);
	CHECK_ERRNO(read(sfd, si, sizeof(si)), EAGAIN);
	/* the same fd with a new mask */
	sigaddset(&mask, SIGUSR2);
	CHECK(signalfd(sfd, &mask, 0) == sfd);
	CHECK(revents(sfd) == POLLIN);
	/* thread-directed (raise) plus process-directed: two records in one read */
	CHECK(kill(getpid(), SIGUSR1) == 0);
	CHECK(read(sfd, si, sizeof(si)) == 2 * (ssize_t)sizeof(si[0]));
	CHECK(si[0].ssi_signo == SIGUSR2 && si[0].ssi_code == SI_TKILL);
	CHECK(si[0].ssi_pid == (uint32_t)getpid());
	CHECK(si[1].ssi_signo == SIGUSR1 && si[1].ssi_code == SI_USER);
	CHECK(sigpending(&pending) == 0 && !sigismember(&pending, SIGUSR2));

	/* a blocking read on a second signalfd, woken by the signal */
	sfd2 = signalfd(-1, &mask, 0);
	CHECK(sfd2 >= 0 && fcntl(sfd2, F_GETFD) == 0);
	pid = send_later(SIGUSR2, 50, -1);
	rd(sfd2, &si[0]);
	CHECK(si[0].ssi_signo == SIGUSR2 && si[0].ssi_pid == (uint32_t)pid);
	CHECK_CHILD_OK(pid);

	/* epoll on a signalfd */
	ep = epoll_create1(0);
	CHECK(ep >= 0);
	{
		struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 11 }, out[1];

		CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev) == 0);
		CHECK(epoll_wait(ep, out, 1, 0) == 0);
		pid = send_later(SIGUSR1, 50, -1);
		CHECK(epoll_wait(ep, out, 1, 5000) == 1 && out[0].data.u64 == 11);
		CHECK(out[0].events == EPOLLIN);
		CHECK_CHILD_OK(pid);
		rd(sfd, &si[0]);
		CHECK(si[0].ssi_signo == SIGUSR1);
		CHECK(epoll_wait(ep, out, 1, 0) == 0);
	}
	CHECK(close(ep) == 0 && close(sfd) == 0 && close(sfd2) == 0);
	return 0;
}
