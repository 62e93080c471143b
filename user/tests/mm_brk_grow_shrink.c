/*
 * The brk(2) system call: brk(0) returns the current break; raising it maps
 * zeroed, writable memory; lowering it unmaps (touching above the new break
 * is SIGSEGV, SEGV_MAPERR); a request below the start of the heap fails by
 * returning the unchanged break.  (musl's brk() wrapper always fails, so
 * this calls the system call directly.)
 */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "utest.h"



static char *sys_brk(void *p)
{
	return (char *)syscall(SYS_brk, p);
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	long grow = 64 * pg;
	char *start, *top, *cur;
	volatile char *v;

	start = sys_brk(NULL);
	CHECK(start != NULL && start != (char *)-1);
	CHECK(sys_brk(NULL) == start);

	/* Grow: zeroed and writable, up to the new break. */
	top = sys_brk(start + grow);
	CHECK(top == start + grow);
	CHECK(sys_brk(NULL) == top);
	v = start;
	for (long i = 0; i < grow; i += 512)
		CHECK(v[i] == 0);
	for (long i = 0; i < grow; i += 512)
		v[i] = (char)i;
	CHECK(v[grow - 1] == 0);

	/* Shrink by half: the upper half is gone. */
	cur = sys_brk(start + grow / 2);
	CHECK(cur == start + grow / 2);
	CHECK(v[0] == 0 && v[512] == (char)512);
	CHECK(utest_probe(v + grow / 2 + pg, 0) == SEGV_MAPERR);	/* above the break */

	/* Grow again: the re-added memory is zero, not the old bytes. */
	CHECK(sys_brk(start + grow) == start + grow);
	CHECK(v[grow / 2 + 512 * 3] == 0);

	/* Below the start of the heap: refused, break unchanged. */
	CHECK(sys_brk((void *)0x10000) == start + grow);
	CHECK(sys_brk(NULL) == start + grow);
	CHECK(sys_brk(start) == start);
	return 0;
}
