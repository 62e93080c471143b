/*
 * When a process exits, its children are reparented to init: a grandchild
 * whose parent has exited (and been reaped) sees getppid() == 1.  Before
 * that it saw its real parent.  (The grandchild reports through shared
 * memory, since only init can wait for it now.)
 */
#include <sched.h>
#include <sys/mman.h>
#include "utest.h"

struct report {
	volatile int parent_seen;	/* getppid() before the parent exited */
	volatile int parent_gone;	/* set by us once the parent is reaped */
	volatile int final_ppid;
	volatile int done;
};

int main(void)
{
	struct report *r;
	pid_t child;
	int status;

	r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(r != MAP_FAILED);
	child = utest_fork();
	if (child == 0) {
		pid_t me = getpid();

		if (utest_fork() == 0) {
			r->parent_seen = getppid() == me;
			for (int i = 0; i < 10000 && !r->parent_gone; i++)
				utest_sleep_ms(1);
			/* The reparenting is done when the parent is reaped. */
			for (int i = 0; i < 1000 && getppid() != 1; i++)
				utest_sleep_ms(1);
			r->final_ppid = getppid();
			r->done = 1;
			_exit(0);
		}
		for (int i = 0; i < 10000 && !r->parent_seen; i++)
			utest_sleep_ms(1);
		_exit(0);
	}
	status = utest_wait(child);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(r->parent_seen);
	r->parent_gone = 1;
	for (int i = 0; i < 10000 && !r->done; i++)
		utest_sleep_ms(1);
	CHECK(r->done);
	CHECK(r->final_ppid == 1);
	/* Not our child: we cannot wait for the grandchild. */
	CHECK_ERRNO(wait(NULL), ECHILD);
	return 0;
}
