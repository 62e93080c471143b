/*
 * Two threads of one process call execve(2) at the same moment: one of
 * them wins and the new program runs (Linux's de_thread() makes the other
 * give way and die), and neither waits for the other for ever.  Repeated
 * in fresh children, since which one wins and how close they come varies.
 * A kernel that let both wait hangs the child in an unkillable sleep: the
 * parent's wait then never returns and the test times out.
 */
#include <pthread.h>
#include "utest.h"

#define ROUNDS 30

static const char *self;
static volatile int ready;

static void do_exec(void)
{
	char *args[] = { "exec_two_threads_race", "after", NULL };

	__atomic_add_fetch(&ready, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&ready, __ATOMIC_SEQ_CST) < 2)
		;
	execv(self, args);
	_exit(127);
}

static void *thread_main(void *arg)
{
	(void)arg;
	do_exec();
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "after") == 0)
		return 0;
	self = utest_self(argv[0]);
	for (int i = 0; i < ROUNDS; i++) {
		pid_t pid = utest_fork();

		if (pid == 0) {
			pthread_t th;

			if (pthread_create(&th, NULL, thread_main, NULL) != 0)
				_exit(126);
			do_exec();
		}
		CHECK(utest_wait(pid) == 0);	/* the new program exited 0 */
	}
	return 0;
}
