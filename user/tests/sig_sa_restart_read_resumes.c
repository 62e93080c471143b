/*
 * A signal whose handler has SA_RESTART, arriving while read(2) blocks on
 * an empty pipe, runs the handler and then the read continues: it returns
 * the data written later instead of failing with EINTR.  A child sends
 * the signals (several, 20 ms apart, all while we are blocked) and then
 * the data.
 */
#include <signal.h>
#include "utest.h"

static volatile int calls;

static void on_usr1(int sig)
{
	(void)sig;
	calls++;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	char buf[16];
	int fds[2];
	pid_t child;
	ssize_t n;

	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(pipe(fds) == 0);
	child = utest_fork();
	if (child == 0) {
		close(fds[0]);
		for (int i = 0; i < 3; i++) {
			utest_sleep_ms(20);
			CHECK(kill(getppid(), SIGUSR1) == 0);
		}
		utest_sleep_ms(20);
		CHECK(write(fds[1], "data", 4) == 4);
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf));
	CHECK(n == 4);
	CHECK(memcmp(buf, "data", 4) == 0);
	CHECK(calls >= 1);
	CHECK_CHILD_OK(child);
	return 0;
}
