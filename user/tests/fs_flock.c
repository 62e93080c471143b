/*
 * flock(2): shared and exclusive locks owned by the open file description.
 * Two opens conflict, a dup shares the lock, a conversion that fails
 * loses the old lock (Linux drops it first), the lock goes with the
 * file's last close and is shared with a fork child; a blocked LOCK_EX
 * waits for the unlock (and a blocked upgrade has dropped its shared
 * lock meanwhile), a signal without SA_RESTART ends it with EINTR
 * and one with SA_RESTART resumes it; flock and fcntl locks ignore each
 * other; bad commands are EINVAL, bad descriptors EBADF.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/time.h>
#include "fs_util.h"

#define PATH "/tmp/flock-test"

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static int open_file(void)
{
	int fd = open(PATH, O_RDWR | O_CREAT, 0644);

	CHECK(fd >= 0);
	return fd;
}

/* Arm a 100 ms SIGALRM with or without SA_RESTART. */
static void arm_alarm(int flags)
{
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = flags };
	struct itimerval it = { .it_value = { 0, 100000 } };

	CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
	CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
}

static void test_basic_conflicts(void)
{
	int a = open_file(), b = open_file(), c;

	CHECK(flock(a, LOCK_EX) == 0);
	CHECK_ERR(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_ERR(flock(b, LOCK_SH | LOCK_NB), EAGAIN);
	c = dup(a);
	CHECK(flock(c, LOCK_EX | LOCK_NB) == 0);	/* same description: already its lock */
	CHECK(flock(a, LOCK_SH) == 0);			/* downgrade */
	CHECK(flock(b, LOCK_SH | LOCK_NB) == 0);	/* readers share */
	/* b's upgrade conflicts with a's shared lock; b's own lock is gone after. */
	CHECK_ERR(flock(b, LOCK_EX | LOCK_NB), EAGAIN);
	CHECK(flock(a, LOCK_EX | LOCK_NB) == 0);
	/* The lock lives while any descriptor of the description is open. */
	CHECK(close(a) == 0);
	CHECK_ERR(flock(b, LOCK_SH | LOCK_NB), EAGAIN);
	CHECK(close(c) == 0);
	CHECK(flock(b, LOCK_EX | LOCK_NB) == 0);
	CHECK(flock(b, LOCK_UN) == 0);
	CHECK(flock(b, LOCK_UN) == 0);			/* unlocking nothing is fine */
	CHECK(close(b) == 0);
}

static void test_fork_shares(void)
{
	int a = open_file(), b = open_file();
	pid_t pid;

	CHECK(flock(a, LOCK_EX) == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(flock(a, LOCK_EX | LOCK_NB) == 0);	/* inherited description */
		CHECK_ERR(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	/* The child's exit closed only its copy: the lock stays. */
	CHECK_ERR(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	CHECK(close(a) == 0);
	CHECK(close(b) == 0);
}

static void test_blocking(void)
{
	int a = open_file(), p[2];
	struct pollfd pfd;
	pid_t pid;
	char c;

	CHECK(pipe(p) == 0);
	CHECK(flock(a, LOCK_EX) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int b = open_file();

		CHECK(flock(b, LOCK_SH) == 0);	/* blocks until the parent lets go */
		CHECK(write(p[1], "x", 1) == 1);
		_exit(0);
	}
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	CHECK(poll(&pfd, 1, 200) == 0);	/* still waiting */
	CHECK(flock(a, LOCK_UN) == 0);
	CHECK(read(p[0], &c, 1) == 1);
	CHECK_CHILD_OK(pid);
	close(p[0]);
	close(p[1]);
	close(a);
}

/* A blocked upgrade has already given up its shared lock (not atomic). */
static void test_blocking_upgrade(void)
{
	int a = open_file(), b = open_file(), p[2];
	pid_t pid;
	char c;

	CHECK(pipe(p) == 0);
	CHECK(flock(a, LOCK_SH) == 0);
	CHECK(flock(b, LOCK_SH) == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(flock(b, LOCK_EX) == 0);	/* waits for a's shared lock */
		CHECK(write(p[1], "x", 1) == 1);
		_exit(0);
	}
	utest_sleep_ms(200);
	CHECK(flock(a, LOCK_EX | LOCK_NB) == 0);	/* b holds nothing now */
	CHECK(flock(a, LOCK_UN) == 0);
	CHECK(read(p[0], &c, 1) == 1);
	CHECK_CHILD_OK(pid);
	CHECK_ERR(flock(a, LOCK_SH | LOCK_NB), EWOULDBLOCK);	/* b's exclusive lock */
	close(p[0]);
	close(p[1]);
	close(a);
	close(b);
}

static void test_signals(void)
{
	int a = open_file();
	pid_t pid;

	CHECK(flock(a, LOCK_EX) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int b = open_file();

		arm_alarm(0);
		CHECK_ERR(flock(b, LOCK_EX), EINTR);
		CHECK(alarms == 1);
		/* With SA_RESTART the call resumes after the handler. */
		arm_alarm(SA_RESTART);
		CHECK(flock(b, LOCK_EX) == 0);	/* the parent unlocks after 400 ms */
		CHECK(alarms == 2);
		_exit(0);
	}
	utest_sleep_ms(400);
	CHECK(flock(a, LOCK_UN) == 0);
	CHECK_CHILD_OK(pid);
	close(a);
}

static void test_errors_and_independence(void)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	int a = open_file(), b = open_file(), path, wr;

	CHECK_ERR(flock(a, 0), EINVAL);
	CHECK_ERR(flock(a, LOCK_SH | LOCK_EX), EINVAL);
	CHECK_ERR(flock(a, LOCK_NB), EINVAL);
	CHECK_ERR(flock(-1, LOCK_SH), EBADF);
	CHECK_ERR(flock(999, LOCK_SH), EBADF);
	path = open(PATH, O_PATH);
	CHECK(path >= 0);
	CHECK_ERR(flock(path, LOCK_SH), EBADF);
	wr = open(PATH, O_WRONLY);
	CHECK(wr >= 0);
	CHECK(flock(wr, LOCK_SH | LOCK_NB) == 0);	/* any access mode may flock */
	CHECK(flock(wr, LOCK_UN) == 0);
	/* flock and fcntl record locks do not see each other. */
	CHECK(flock(a, LOCK_EX) == 0);
	CHECK(fcntl(b, F_SETLK, &fl) == 0);
	CHECK(close(path) == 0);
	CHECK(close(wr) == 0);
	CHECK(close(a) == 0);
	CHECK(close(b) == 0);
}

int main(void)
{
	test_basic_conflicts();
	test_fork_shares();
	test_blocking();
	test_blocking_upgrade();
	test_signals();
	test_errors_and_independence();
	unlink(PATH);
	return 0;
}
