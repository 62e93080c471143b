/*
 * A dynamically linked musl program (built without -static): the kernel
 * loads it and its PT_INTERP, /lib/ld-musl-x86_64.so.1, which maps libc
 * and relocates both.  It prints its arguments, an environment variable
 * and a checksum of a large malloc'd buffer (an mmap inside libc), then
 * exits with status 7.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	size_t n = 1 << 20;
	unsigned char *big = malloc(n);
	unsigned long sum = 0;
	const char *v = getenv("DYN_TEST");

	if (!big)
		return 2;
	memset(big, 3, n);
	for (size_t i = 0; i < n; i += 4096)
		sum += big[i];
	free(big);
	printf("hello-musl argc=%d", argc);
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf(" env=%s sum=%lu\n", v ? v : "(none)", sum);
	return 7;
}
