/*
 * Helpers for the file-mapping tests (mm_file_*.c): a scratch file whose
 * every page is filled with its own letter ('a' for page 0, 'b' for page
 * 1, ...), and a probe that touches memory and reports the signal it
 * raised (SIGSEGV or SIGBUS) with its si_code and address.
 */
#ifndef MM_FILE_UTIL_H
#define MM_FILE_UTIL_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* mremap, mincore */
#endif

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "utest.h"

#define PG 4096

/* A new file at path of 'size' bytes, page i filled with 'a' + i; O_RDWR fd. */
static UTEST_UNUSED int mf_make(const char *path, size_t size)
{
	char page[PG];
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	CHECK(fd >= 0);
	for (size_t off = 0; off < size; off += PG) {
		size_t n = size - off < PG ? size - off : PG;

		memset(page, 'a' + (int)(off / PG) % 26, n);
		CHECK(pwrite(fd, page, n, (off_t)off) == (ssize_t)n);
	}
	return fd;
}

static sigjmp_buf mf_env;
static volatile int mf_sig, mf_code;
static void *volatile mf_addr;

static UTEST_UNUSED void mf_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	mf_sig = sig;
	mf_code = si->si_code;
	mf_addr = si->si_addr;
	siglongjmp(mf_env, 1);
}

/*
 * Read (or write 'w' to) *p: 0 when it went through, else the signal
 * (SIGSEGV or SIGBUS); mf_code and mf_addr then hold si_code and si_addr.
 */
static UTEST_UNUSED int mf_probe(volatile char *p, int write)
{
	struct sigaction sa = { .sa_sigaction = mf_handler, .sa_flags = SA_SIGINFO };

	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0);
	CHECK(sigaction(SIGBUS, &sa, NULL) == 0);
	mf_sig = mf_code = 0;
	mf_addr = NULL;
	if (sigsetjmp(mf_env, 1) == 0) {
		if (write)
			*p = 'w';
		else
			(void)*p;
		return 0;
	}
	return mf_sig;
}

/* Every byte of [p, p+n) equals c. */
static UTEST_UNUSED int mf_all(const volatile char *p, size_t n, char c)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

#endif
