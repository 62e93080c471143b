/*
 * socket(2) and friends on bad input, as Linux answers: unknown families,
 * types and protocols, flags, descriptors that are not sockets, bad
 * pointers; and what a socket descriptor looks like (fstat, /proc/PID/fd).
 */
#include "net_util.h"
#include <sys/ioctl.h>
#include <sys/syscall.h>

/* Not a constant, or the compiler refuses to build the call. */
static int *volatile bad_fds = (int *)8;

static void check_creation_errors(void)
{
	int s, sv[2];

	CHECK_ERR(socket(46, SOCK_STREAM, 0), EAFNOSUPPORT);	/* AF_MAX */
	CHECK_ERR(socket(-1, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR(socket(1000, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR(socket(AF_UNIX, 11, 0), EINVAL);			/* >= SOCK_MAX */
	CHECK_ERR(socket(AF_UNIX, SOCK_RDM, 0), ESOCKTNOSUPPORT);
	CHECK_ERR(socket(AF_UNIX, 7, 0), ESOCKTNOSUPPORT);
	CHECK_ERR(socket(AF_UNIX, SOCK_STREAM, 2), EPROTONOSUPPORT);
	CHECK_ERR(socket(AF_UNIX, SOCK_RDM, 2), EPROTONOSUPPORT);	/* protocol first */
	CHECK_ERR(socket(AF_UNIX, SOCK_STREAM | 0x100, 0), EINVAL);	/* unknown flag */
	s = socket(AF_UNIX, SOCK_STREAM, AF_UNIX);			/* PF_UNIX is fine */
	CHECK(s >= 0 && close(s) == 0);
	CHECK_ERR(socketpair(46, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM, 0, bad_fds), EFAULT);
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM | 0x100, 0, sv), EINVAL);
}

/* SOCK_RAW is a datagram socket in AF_UNIX; SOCK_CLOEXEC/NONBLOCK stick. */
static void check_types_and_flags(void)
{
	int s = socket(AF_UNIX, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), type = 0;
	socklen_t len = sizeof(type);

	CHECK(s >= 0);
	CHECK(getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM);
	CHECK(fcntl(s, F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(s, F_GETFL) == (O_RDWR | O_NONBLOCK));
	CHECK(close(s) == 0);
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(fcntl(s, F_GETFD) == 0 && fcntl(s, F_GETFL) == O_RDWR);
	CHECK(close(s) == 0);
}

/* fstat: S_IFSOCK, mode 0777; /proc/self/fd: socket:[ino]; reopening: ENXIO. */
static void check_identity(void)
{
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	char link[64], want[64], path[64];
	struct stat st;
	ssize_t n;

	CHECK(s >= 0 && fstat(s, &st) == 0);
	CHECK(S_ISSOCK(st.st_mode) && (st.st_mode & 07777) == 0777);
	CHECK(st.st_uid == getuid() && st.st_size == 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", s);
	n = readlink(path, link, sizeof(link) - 1);
	CHECK(n > 0);
	link[n] = '\0';
	snprintf(want, sizeof(want), "socket:[%llu]", (unsigned long long)st.st_ino);
	CHECK(strcmp(link, want) == 0);
	CHECK_ERR(open(path, O_RDWR), ENXIO);
	CHECK_ERR(lseek(s, 0, SEEK_SET), ESPIPE);
	CHECK_ERR(pread(s, link, 1, 0), ESPIPE);
	CHECK(close(s) == 0);
}

/* Every socket call on a pipe: ENOTSOCK; on a closed descriptor: EBADF. */
static void check_not_sockets(void)
{
	struct sockaddr_un a;
	socklen_t len = net_abstract_addr(&a, "net_socket_errors");
	int p[2], v = 1;
	char c;

	CHECK(pipe(p) == 0);
	CHECK_ERR(bind(p[0], (struct sockaddr *)&a, len), ENOTSOCK);
	CHECK_ERR(connect(p[0], (struct sockaddr *)&a, len), ENOTSOCK);
	CHECK_ERR(listen(p[0], 1), ENOTSOCK);
	CHECK_ERR(accept(p[0], NULL, NULL), ENOTSOCK);
	CHECK_ERR(getsockname(p[0], (struct sockaddr *)&a, &len), ENOTSOCK);
	CHECK_ERR(getpeername(p[0], (struct sockaddr *)&a, &len), ENOTSOCK);
	CHECK_ERR(send(p[1], "x", 1, 0), ENOTSOCK);
	CHECK_ERR(recv(p[0], &c, 1, MSG_DONTWAIT), ENOTSOCK);
	CHECK_ERR(shutdown(p[0], SHUT_RD), ENOTSOCK);
	CHECK_ERR(setsockopt(p[0], SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)), ENOTSOCK);
	CHECK_ERR(syscall(SYS_accept4, p[0], NULL, NULL, 0x1), EINVAL);	/* flags first */
	CHECK(close(p[0]) == 0 && close(p[1]) == 0);
	CHECK_ERR(bind(p[0], (struct sockaddr *)&a, len), EBADF);
	CHECK_ERR(sendto(p[1], "x", 1, 0, NULL, 0), EBADF);
	CHECK_ERR(shutdown(p[0], SHUT_RD), EBADF);
}

/* Bad pointers and lengths: EFAULT and EINVAL, never a crash. */
static void check_bad_pointers(void)
{
	int sv[2], s = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_un a;
	socklen_t len = sizeof(a);

	CHECK(s >= 0);
	CHECK_ERR(bind(s, (struct sockaddr *)8, sizeof(a)), EFAULT);
	CHECK_ERR(bind(s, (struct sockaddr *)&a, -1), EINVAL);
	CHECK_ERR(bind(s, (struct sockaddr *)&a, 200), EINVAL);	/* > sockaddr_storage */
	CHECK_ERR(bind(s, (struct sockaddr *)&a, 1), EINVAL);
	CHECK_ERR(getsockname(s, (struct sockaddr *)&a, (socklen_t *)8), EFAULT);
	CHECK_ERR(getsockname(s, (struct sockaddr *)8, &len), EFAULT);
	CHECK_ERR(shutdown(s, 3), EINVAL);
	CHECK_ERR(shutdown(s, -1), EINVAL);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK_ERR(send(sv[0], (void *)8, 10, 0), EFAULT);
	CHECK(send(sv[0], "abc", 3, 0) == 3);
	CHECK_ERR(recv(sv[1], (void *)8, 10, 0), EFAULT);
	CHECK_ERR(ioctl(sv[1], FIONREAD, (int *)8), EFAULT);
	CHECK(recv(sv[1], &a, sizeof(a), 0) == 3);		/* nothing was lost */
	CHECK_ERR(ioctl(sv[1], 0x12345678, NULL), ENOTTY);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0 && close(s) == 0);
}

int main(void)
{
	check_creation_errors();
	check_types_and_flags();
	check_identity();
	check_not_sockets();
	check_bad_pointers();
	return 0;
}
