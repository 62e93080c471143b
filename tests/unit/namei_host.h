/*
 * The host's side of test_namei.c: the same tree built in a temporary
 * directory, and Linux's own answer for a name (openat2), in a file of
 * its own because it needs libc's headers, which clash with the kernel's.
 */
#ifndef TESTS_UNIT_NAMEI_HOST_H
#define TESTS_UNIT_NAMEI_HOST_H

#include <stdbool.h>
#include <stddef.h>

/* 0 or -errno. */
int namei_host_mkdir(const char *path);
int namei_host_touch(const char *path);
int namei_host_symlink(const char *target, const char *path);

/* An O_PATH descriptor of dir, or -1 when this host has no openat2. */
int namei_host_open_root(const char *dir);
void namei_host_close(int fd);

#define NAMEI_HOST_IN_ROOT	1u
#define NAMEI_HOST_BENEATH	2u
#define NAMEI_HOST_NO_SYMLINKS	4u

/*
 * openat2(rootfd, name, O_PATH [| O_NOFOLLOW], resolve): -errno, or 0 and
 * the place reached as a name relative to root ("/" for root itself).
 */
int namei_host_resolve(int rootfd, const char *root, const char *name, bool follow,
		       unsigned int resolve, char *where, size_t len);

#endif
