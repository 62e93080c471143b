/*
 * Threads share one address space: a thread sees the main thread's globals,
 * heap and stack (through a pointer), the main thread sees the thread's
 * stores, a mapping created by one thread is usable by the other, and a
 * munmap in one thread removes it for both (the other then gets EFAULT
 * passing it to a system call).
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "utest.h"

static int global = 1;
static char *heap;
static char *volatile mapping;

static void *thread_fn(void *arg)
{
	volatile int *main_stack = arg;

	CHECK(global == 2);
	CHECK(strcmp(heap, "from main") == 0);
	CHECK(*main_stack == 3);
	global = 20;
	strcpy(heap, "from thread");
	*main_stack = 30;
	mapping = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(mapping != MAP_FAILED);
	strcpy(mapping, "mapped by thread");
	return NULL;
}

static void *unmapper(void *arg)
{
	(void)arg;
	CHECK(munmap(mapping, 4096) == 0);
	return NULL;
}

int main(void)
{
	volatile int on_stack = 3;
	pthread_t th;

	heap = malloc(64);
	CHECK(heap != NULL);
	strcpy(heap, "from main");
	global = 2;
	CHECK(pthread_create(&th, NULL, thread_fn, (void *)&on_stack) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(global == 20);
	CHECK(strcmp(heap, "from thread") == 0);
	CHECK(on_stack == 30);
	CHECK(strcmp(mapping, "mapped by thread") == 0);

	CHECK(pthread_create(&th, NULL, unmapper, NULL) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	CHECK_ERRNO(write(1, mapping, 4), EFAULT);
	return 0;
}
