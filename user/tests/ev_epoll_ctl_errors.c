/*
 * epoll_create, epoll_create1 and epoll_ctl: the argument checks and their
 * errnos (epoll_create(2), epoll_ctl(2)), what an epoll file looks like
 * to fstat and fcntl, and epoll_wait's own checks.
 */
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "utest.h"

int main(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 }, out[4];
	int ep, ep2, p[2], reg;
	struct stat st;

	/* the raw call: some libcs check the size themselves */
	CHECK_ERRNO(syscall(SYS_epoll_create, 0), EINVAL);
	CHECK_ERRNO(syscall(SYS_epoll_create, -1), EINVAL);
	CHECK_ERRNO(epoll_create1(1), EINVAL);
	ep = epoll_create(1);
	CHECK(ep >= 0);
	CHECK(fcntl(ep, F_GETFD) == 0);
	ep2 = epoll_create1(EPOLL_CLOEXEC);
	CHECK(ep2 >= 0 && fcntl(ep2, F_GETFD) == FD_CLOEXEC);
	/* an anonymous inode: owner-only mode, no file type */
	CHECK(fstat(ep, &st) == 0);
	CHECK((st.st_mode & S_IFMT) == 0 && (st.st_mode & 07777) == 0600);
	CHECK((fcntl(ep, F_GETFL) & O_ACCMODE) == O_RDWR);
	CHECK(lseek(ep, 5, SEEK_SET) == 0);		/* moves nothing */
	CHECK_ERRNO(pread(ep, &st, 8, 0), ESPIPE);

	CHECK(pipe(p) == 0);
	reg = open("/tmp/ev_epoll_ctl_errors", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(reg >= 0);
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, 999, &ev), EBADF);
	CHECK_ERRNO(epoll_ctl(999, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, reg, &ev), EPERM);	/* regular file */
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);	/* itself */
	CHECK_ERRNO(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), EINVAL);	/* not an epoll fd */
	CHECK_ERRNO(epoll_ctl(ep, 42, p[0], &ev), EINVAL);		/* no such op */
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], (void *)8), EFAULT);
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), ENOENT);
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EEXIST);
	CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0);
	CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0);		/* DEL needs no event */
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), ENOENT);

	/* EPOLLEXCLUSIVE: ADD only, with a few other bits, never on an epoll fd */
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, ep2, &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev), EINVAL);
	ev.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLET;
	CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
	ev.events = EPOLLIN;
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev), EINVAL);	/* exclusive item */
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	CHECK_ERRNO(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev), EINVAL);	/* MOD never */
	CHECK(write(p[1], "x", 1) == 1);
	CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 7);

	/* epoll_wait's checks */
	CHECK_ERRNO(epoll_wait(ep, out, 0, 0), EINVAL);
	CHECK_ERRNO(epoll_wait(ep, out, -1, 0), EINVAL);
	CHECK_ERRNO(epoll_wait(999, out, 4, 0), EBADF);
	CHECK_ERRNO(epoll_wait(p[0], out, 4, 0), EINVAL);
	CHECK_ERRNO(epoll_wait(ep, (void *)0xffff800000000000ul, 4, 0), EFAULT);
	CHECK(epoll_pwait(ep, out, 4, 0, NULL) == 0);	/* edge-triggered: reported once */
	CHECK_ERRNO(syscall(SYS_epoll_pwait, ep, out, 4, 0, &st, 4), EINVAL);	/* sigset size */
	/* a fault while copying out leaves the event queued */
	CHECK(write(p[1], "y", 1) == 1);
	CHECK_ERRNO(epoll_wait(ep, (void *)8, 4, 0), EFAULT);
	CHECK(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.u64 == 7);
	CHECK(close(reg) == 0 && unlink("/tmp/ev_epoll_ctl_errors") == 0);
	return 0;
}
