/*
 * A fork bomb run by a non-root user is bounded by RLIMIT_NPROC: with the
 * limit at 20, every process of the bomb forks until fork() fails with
 * EAGAIN, and exactly 20 processes of that user exist at the peak (the
 * first one plus 19 descendants; Linux counts the user's processes against
 * the limit, root is exempt).  Then each process reaps its own children,
 * so nothing is left behind, and the machine is fine.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include "utest.h"

#define LIMIT 20

struct bomb {
	int forks;		/* successful forks, counted by the parents */
	int born;		/* processes created by fork, counted by themselves */
	int stopped;		/* processes whose fork failed */
	int not_eagain;		/* ... with another errno */
	int runaway;		/* forks refused by us: the limit did not hold */
	volatile int release;	/* everybody may reap and exit */
};

static struct bomb *b;

static void bomb(void)
{
	for (;;) {
		pid_t pid;

		/* A kernel without the limit must not take the machine down. */
		if (__atomic_load_n(&b->forks, __ATOMIC_SEQ_CST) >= 4 * LIMIT) {
			__atomic_add_fetch(&b->runaway, 1, __ATOMIC_SEQ_CST);
			__atomic_add_fetch(&b->stopped, 1, __ATOMIC_SEQ_CST);
			break;
		}
		pid = fork();

		if (pid == 0) {
			__atomic_add_fetch(&b->born, 1, __ATOMIC_SEQ_CST);
			continue;	/* the child bombs too */
		}
		if (pid > 0)
			__atomic_add_fetch(&b->forks, 1, __ATOMIC_SEQ_CST);
		if (pid < 0) {
			if (errno != EAGAIN)
				__atomic_add_fetch(&b->not_eagain, 1, __ATOMIC_SEQ_CST);
			__atomic_add_fetch(&b->stopped, 1, __ATOMIC_SEQ_CST);
			break;
		}
	}
	for (int i = 0; i < 15000 && !b->release; i++)
		utest_sleep_ms(1);
	while (wait(NULL) > 0)
		;
}

int main(void)
{
	pid_t leader;
	int status;

	b = mmap(NULL, sizeof(*b), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(b != MAP_FAILED);
	leader = utest_fork();
	if (leader == 0) {
		struct rlimit rl = { LIMIT, LIMIT };

		CHECK(setrlimit(RLIMIT_NPROC, &rl) == 0);
		CHECK(setresgid(1000, 1000, 1000) == 0);
		CHECK(setresuid(1000, 1000, 1000) == 0);
		bomb();
		/* Every process of the bomb ends here, its children reaped. */
		CHECK_ERRNO(wait(NULL), ECHILD);
		_exit(0);
	}
	/* Every process has stopped forking once all of them reported. */
	for (int i = 0; i < 10000; i++) {
		int born = __atomic_load_n(&b->born, __ATOMIC_SEQ_CST);

		if (born >= LIMIT - 1 &&
		    __atomic_load_n(&b->stopped, __ATOMIC_SEQ_CST) == born + 1)
			break;
		utest_sleep_ms(1);
	}
	b->release = 1;
	if (b->born != LIMIT - 1 || b->stopped != LIMIT)
		fprintf(stderr, "forks %d, born %d, stopped %d (%d other errno, %d runaway)\n",
			b->forks, b->born, b->stopped, b->not_eagain, b->runaway);
	CHECK(b->runaway == 0);
	CHECK(b->forks == LIMIT - 1);
	CHECK(b->born == LIMIT - 1);
	CHECK(b->stopped == LIMIT);
	CHECK(b->not_eagain == 0);
	status = utest_wait(leader);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_ERRNO(wait(NULL), ECHILD);
	return 0;
}
