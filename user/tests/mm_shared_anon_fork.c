/*
 * MAP_SHARED|MAP_ANONYMOUS memory is the same memory in parent and forked
 * child, both ways: the child sees a store the parent made after fork, and
 * the parent sees the child's answer, without any copy-on-write.
 */
#include <sched.h>
#include <sys/mman.h>
#include "utest.h"

struct shared {
	volatile int from_parent;
	volatile int from_child;
	volatile char buf[8192];	/* spans two pages */
};

/* Wait (bounded) until *p == want. */
static int wait_for(volatile int *p, int want)
{
	for (int i = 0; i < 20000; i++) {
		if (*p == want)
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
	struct shared *s;
	pid_t pid;

	s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED);
	s->buf[0] = 'p';	/* present before fork */
	pid = utest_fork();
	if (pid == 0) {
		CHECK(s->buf[0] == 'p');
		CHECK(wait_for(&s->from_parent, 1));
		CHECK(s->buf[5000] == 'P');
		s->buf[6000] = 'C';
		s->buf[1] = 'c';
		s->from_child = 1;
		_exit(0);
	}
	s->buf[5000] = 'P';
	s->from_parent = 1;
	CHECK(wait_for(&s->from_child, 1));
	CHECK(s->buf[6000] == 'C' && s->buf[1] == 'c');
	CHECK_CHILD_OK(pid);
	/* Still there after the child is gone. */
	CHECK(s->buf[6000] == 'C');
	return 0;
}
