/*
 * Without SA_RESTART, a handled signal that arrives while read(2) blocks
 * on an empty pipe makes the read fail with EINTR once the handler has
 * run.  The child keeps signalling every 20 ms until we say we are out.
 */
#include <signal.h>
#include <sys/mman.h>
#include "utest.h"

static volatile int calls;

static void on_usr1(int sig)
{
	(void)sig;
	calls++;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = 0 };
	volatile int *done;
	char buf[16];
	int fds[2];
	pid_t child;

	done = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(done != MAP_FAILED);
	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(pipe(fds) == 0);
	child = utest_fork();
	if (child == 0) {
		for (int i = 0; i < 500 && !*done; i++) {
			utest_sleep_ms(20);
			if (!*done)
				kill(getppid(), SIGUSR1);
		}
		_exit(0);
	}
	CHECK_ERRNO(read(fds[0], buf, sizeof(buf)), EINTR);
	*done = 1;
	CHECK(calls >= 1);
	CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR);	/* a late one: no EINTR in wait */
	CHECK_CHILD_OK(child);
	return 0;
}
