/*
 * The one helper a user test needs.  A test is a static program that exits
 * 0 when everything held; CHECK() explains the first broken expectation on
 * stderr and exits 1.  Tests must pass on Debian's Linux (make check-linux):
 * they state Linux behaviour, not ours.
 */
#ifndef UTEST_H
#define UTEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                         \
	do {                                                                \
		if (!(cond)) {                                              \
			fprintf(stderr, "%s:%d: CHECK(%s) failed (errno %d: %s)\n", \
				__FILE__, __LINE__, #cond, errno, strerror(errno)); \
			exit(1);                                            \
		}                                                           \
	} while (0)

#endif
