/*
 * Two threads touching the same fresh anonymous pages at once: whichever
 * faults second must find the page the first one mapped, not map a new
 * zeroed one over it (which lost the first thread's writes on SMP).
 */
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include "utest.h"

#define PAGES	2048
#define ROUNDS	4

static unsigned char *area;
static pthread_barrier_t start;

/* Thread t writes the bytes at offsets 64 * k + t of every page. */
static void *toucher(void *arg)
{
	int t = (int)(intptr_t)arg;

	pthread_barrier_wait(&start);
	for (size_t p = 0; p < PAGES; p++)
		for (size_t k = 0; k < 4096 / 64; k++)
			area[p * 4096 + k * 64 + (size_t)t] = (unsigned char)(t + 1);
	return NULL;
}

int main(void)
{
	for (int round = 0; round < ROUNDS; round++) {
		pthread_t th[2];

		area = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(area != MAP_FAILED);
		CHECK(pthread_barrier_init(&start, NULL, 2) == 0);
		for (int t = 0; t < 2; t++)
			CHECK(pthread_create(&th[t], NULL, toucher, (void *)(intptr_t)t) == 0);
		for (int t = 0; t < 2; t++)
			CHECK(pthread_join(th[t], NULL) == 0);
		for (size_t p = 0; p < PAGES; p++)
			for (size_t k = 0; k < 4096 / 64; k++) {
				CHECK(area[p * 4096 + k * 64] == 1);
				CHECK(area[p * 4096 + k * 64 + 1] == 2);
			}
		CHECK(pthread_barrier_destroy(&start) == 0);
		CHECK(munmap(area, PAGES * 4096) == 0);
	}
	return 0;
}
