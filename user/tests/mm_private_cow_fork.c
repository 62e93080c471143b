/*
 * MAP_PRIVATE memory, data and stack are copy-on-write across fork: a
 * child's stores are not seen by the parent and the parent's stores after
 * fork are not seen by the child, although both start from the same bytes.
 */
#include <sched.h>
#include <sys/mman.h>
#include "utest.h"

static volatile int data_var = 10;

struct sync {
	volatile int parent_wrote;
	volatile int child_wrote;
};

static int wait_for(volatile int *p)
{
	for (int i = 0; i < 20000; i++) {
		if (*p)
			return 1;
		if (i < 100)
			sched_yield();
		else
			utest_sleep_ms(1);
	}
	return 0;
}

int main(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	volatile int stack_var = 20;
	volatile char *priv;
	struct sync *s;
	pid_t pid;

	s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED);
	priv = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(priv != MAP_FAILED);
	priv[0] = 'o';		/* page 0 populated before fork, page 1 not */

	pid = utest_fork();
	if (pid == 0) {
		CHECK(priv[0] == 'o' && priv[pg] == 0);
		CHECK(data_var == 10 && stack_var == 20);
		priv[0] = 'c';
		priv[pg] = 'c';
		data_var = 11;
		stack_var = 21;
		s->child_wrote = 1;
		CHECK(wait_for(&s->parent_wrote));
		/* The parent's stores stay in the parent. */
		CHECK(priv[0] == 'c' && priv[pg] == 'c');
		CHECK(data_var == 11 && stack_var == 21);
		_exit(0);
	}
	CHECK(wait_for(&s->child_wrote));
	CHECK(priv[0] == 'o' && priv[pg] == 0);
	CHECK(data_var == 10 && stack_var == 20);
	priv[0] = 'p';
	priv[pg] = 'p';
	data_var = 12;
	stack_var = 22;
	s->parent_wrote = 1;
	CHECK_CHILD_OK(pid);
	CHECK(priv[0] == 'p' && priv[pg] == 'p');
	CHECK(data_var == 12 && stack_var == 22);
	return 0;
}
