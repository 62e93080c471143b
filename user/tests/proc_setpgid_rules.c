/*
 * setpgid(2) and getpgid(2) rules, as Linux applies them:
 *  - setpgid(0, 0) makes the caller a group leader; children inherit it;
 *  - a parent may move its child into the child's own group or into another
 *    group of the same session;
 *  - a group that does not exist in the session: EPERM;
 *  - a pid that is neither the caller nor its child: ESRCH;
 *  - a negative pgid: EINVAL;
 *  - a child that became a session leader: EPERM;
 *  - a child that has already called execve: EACCES.
 */
#include <signal.h>
#include <sys/mman.h>
#include "utest.h"

static void on_usr1(int sig)
{
	(void)sig;
}

/* A child that waits in pause() until killed. */
static pid_t idle_child(void)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void kill_and_reap(pid_t pid)
{
	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(WIFSIGNALED(utest_wait(pid)));
}

int main(int argc, char **argv)
{
	pid_t me = getpid(), a, b, c;
	volatile int *flag;
	sigset_t usr1, old;

	if (argc == 2 && strcmp(argv[1], "execed") == 0) {
		kill(getppid(), SIGUSR1);	/* tell the parent we are here */
		for (;;)
			pause();
	}
	CHECK(setpgid(0, 0) == 0);
	CHECK(getpgid(0) == me && getpgrp() == me && getpgid(me) == me);

	a = idle_child();
	CHECK(getpgid(a) == me);		/* inherited */
	CHECK(setpgid(a, a) == 0);		/* its own group */
	CHECK(getpgid(a) == a);
	CHECK(setpgid(a, me) == 0);		/* back into ours */
	CHECK(getpgid(a) == me);
	CHECK(setpgid(a, 0) == 0);		/* 0 means "pgid = pid" */
	CHECK(getpgid(a) == a);
	CHECK_ERRNO(setpgid(a, 4000000), EPERM);
	CHECK_ERRNO(setpgid(a, -1), EINVAL);
	CHECK_ERRNO(setpgid(4000000, 0), ESRCH);
	CHECK_ERRNO(setpgid(1, 0), ESRCH);
	CHECK_ERRNO(getpgid(4000000), ESRCH);
	/* The group of a lives on only while a does. */
	kill_and_reap(a);
	CHECK_ERRNO(setpgid(0, a), EPERM);

	/* A session leader cannot be moved. */
	flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(flag != MAP_FAILED);
	b = utest_fork();
	if (b == 0) {
		*flag = setsid() == getpid() ? 1 : -1;
		for (;;)
			pause();
	}
	for (int i = 0; i < 10000 && !*flag; i++)
		utest_sleep_ms(1);
	CHECK(*flag == 1);
	CHECK_ERRNO(setpgid(b, b), EPERM);
	CHECK_ERRNO(setpgid(b, me), EPERM);
	kill_and_reap(b);

	/* After the child's execve: EACCES. */
	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	CHECK(signal(SIGCHLD, on_usr1) != SIG_ERR);	/* an early death */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &usr1, &old) == 0);
	c = utest_fork();
	if (c == 0) {
		char *args[] = { argv[0], "execed", NULL };

		execv(utest_self(argv[0]), args);
		_exit(127);
	}
	sigsuspend(&old);			/* until the new image reports */
	CHECK_ERRNO(setpgid(c, c), EACCES);
	CHECK(getpgid(c) == me);
	kill_and_reap(c);
	return 0;
}
