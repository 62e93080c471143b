/*
 * Helpers for the socket tests (net_*.c): expected errors, AF_UNIX
 * addresses (filesystem and abstract), a scratch directory, poll in one
 * call, and a listening socket.
 */
#ifndef NET_UTIL_H
#define NET_UTIL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* struct ucred */
#endif

#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include "utest.h"

/* expr must fail with errno e. */
#define CHECK_ERR(expr, e)	CHECK_ERRNO(expr, e)

/* Length of a filesystem sockaddr_un as Linux reports it: path + NUL + family. */
#define SUN_LEN_PATH(p)		((socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(p) + 1))

/* A filesystem address; returns the length to pass to bind/connect. */
static UTEST_UNUSED socklen_t net_path_addr(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strncpy(a->sun_path, path, sizeof(a->sun_path) - 1);
	return SUN_LEN_PATH(path);
}

/* An abstract address "\0name"; the length counts exactly the name's bytes. */
static UTEST_UNUSED socklen_t net_abstract_addr(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, name, strlen(name));
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
}

/* Make /tmp/<name> and go there. */
static UTEST_UNUSED void net_scratch(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "/tmp/%s", name);
	CHECK(mkdir(path, 0755) == 0 || errno == EEXIST);
	CHECK(chdir(path) == 0);
}

/* poll(2) on one descriptor: its revents. */
static UTEST_UNUSED short net_revents(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	CHECK(poll(&p, 1, timeout_ms) >= 0);
	return p.revents;
}

/* A listening socket of type on a bound address. */
static UTEST_UNUSED int net_listener(int type, const struct sockaddr_un *a, socklen_t len,
				     int backlog)
{
	int s = socket(AF_UNIX, type, 0);

	CHECK(s >= 0);
	CHECK(bind(s, (const struct sockaddr *)a, len) == 0);
	CHECK(listen(s, backlog) == 0);
	return s;
}

/* A socket of type connected to a. */
static UTEST_UNUSED int net_connect(int type, const struct sockaddr_un *a, socklen_t len)
{
	int s = socket(AF_UNIX, type, 0);

	CHECK(s >= 0);
	CHECK(connect(s, (const struct sockaddr *)a, len) == 0);
	return s;
}

#endif
