/*
 * Shared helpers for the host unit tests: cmocka's prerequisites, a
 * seeded pseudo-random generator (runs are reproducible), running host
 * tools such as cpio and gzip on test data, and reading files.
 */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* xorshift64*: deterministic, good enough to pick bytes to corrupt. */
uint64_t unit_rand(uint64_t *state);

/*
 * Run "sh -c cmd" with in[0..in_len) on its standard input and return its
 * standard output in a malloc'd buffer (*out_len bytes), or NULL if the
 * command could not run or exited with a failure status.
 */
unsigned char *unit_run(const char *cmd, const void *in, size_t in_len,
			size_t *out_len);

/* Is the program on PATH? Tests that need it skip themselves otherwise. */
int unit_have(const char *program);

/* A fresh empty directory under $TMPDIR (malloc'd path); removed by unit_rmtree. */
char *unit_tempdir(void);
void unit_rmtree(const char *dir);

/* Create dir/name (parent directories must exist) with the given bytes. */
void unit_write_file(const char *dir, const char *name, const void *data, size_t len);

/*
 * A malloc'd copy of len bytes, allocated with exactly that size so that
 * AddressSanitizer flags any read past its end.
 */
unsigned char *unit_exact_copy(const void *data, size_t len);

#endif
