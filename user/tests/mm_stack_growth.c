/*
 * The main thread's stack grows on demand: a recursion 512 KiB deep, and a
 * single 256 KiB frame written from its lowest address first (a touch far
 * below every page used so far), both work and keep their values.
 */
#include "utest.h"

#define FRAME 4096
#define DEPTH 128		/* 128 * 4 KiB = 512 KiB */

static int recurse(int depth)
{
	volatile char frame[FRAME];
	int sum;

	frame[0] = (char)depth;
	frame[FRAME - 1] = (char)(depth * 3);
	if (depth == 0)
		return 0;
	sum = recurse(depth - 1);
	CHECK(frame[0] == (char)depth && frame[FRAME - 1] == (char)(depth * 3));
	return sum + 1;
}

static __attribute__((noinline)) int big_frame(void)
{
	volatile char big[256 * 1024];
	int ok = 1;

	/* Lowest address first: the pages between sp and here are untouched. */
	for (long i = 0; i < (long)sizeof(big); i += 4096)
		big[i] = (char)(i >> 12);
	for (long i = 0; i < (long)sizeof(big); i += 4096)
		ok &= big[i] == (char)(i >> 12);
	return ok;
}

int main(void)
{
	CHECK(recurse(DEPTH) == DEPTH);
	CHECK(big_frame());
	CHECK(recurse(DEPTH) == DEPTH);
	return 0;
}
