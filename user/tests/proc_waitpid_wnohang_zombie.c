/*
 * waitpid(pid, WNOHANG) returns 0 while the child runs and leaves it
 * alone; once the child has exited it stays a zombie (kill(pid, 0) still
 * finds it) until waited for; waitpid(pid) then returns its status once,
 * and the next call fails with ECHILD.
 */
#include <signal.h>
#include <sys/mman.h>
#include "utest.h"

static volatile sig_atomic_t chld;

static void on_chld(int sig)
{
	(void)sig;
	chld = 1;
}

int main(void)
{
	volatile int *go;
	int status = -1;
	pid_t pid, r;

	go = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(go != MAP_FAILED);
	pid = utest_fork();
	if (pid == 0) {
		for (int i = 0; i < 10000 && !*go; i++)
			utest_sleep_ms(1);
		_exit(7);
	}
	CHECK(waitpid(pid, &status, WNOHANG) == 0);
	CHECK(waitpid(-1, &status, WNOHANG) == 0);
	*go = 1;

	/* Poll until the exit is visible; meanwhile the zombie exists. */
	for (int i = 0; (r = waitpid(pid, &status, WNOHANG)) == 0; i++) {
		CHECK(i < 10000);
		CHECK(kill(pid, 0) == 0);
		utest_sleep_ms(1);
	}
	CHECK(r == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK_ERRNO(waitpid(pid, &status, WNOHANG), ECHILD);
	CHECK_ERRNO(kill(pid, 0), ESRCH);

	/* A zombie is found by kill(pid, 0) until reaped. */
	CHECK(signal(SIGCHLD, on_chld) != SIG_ERR);
	pid = utest_fork();
	if (pid == 0)
		_exit(3);
	for (int i = 0; !chld; i++) {
		CHECK(i < 10000);
		utest_sleep_ms(1);
	}
	CHECK(kill(pid, 0) == 0);
	CHECK(kill(pid, SIGKILL) == 0);	/* no effect on a zombie */
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
	return 0;
}
