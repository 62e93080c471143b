/*
 * fcntl(2) POSIX record locks: byte ranges owned by the process.  What
 * another process sees through F_GETLK after splits, merges and type
 * changes; l_whence, negative l_len and l_len 0 ("to EOF"); EAGAIN for a
 * conflict, EBADF for a lock the access mode does not allow, EINVAL for
 * bad fields; locks are not inherited by fork, go when the process
 * closes ANY descriptor of the file and when it exits; F_SETLKW waits,
 * detects a two-process deadlock (EDEADLK), is interrupted by a signal
 * without SA_RESTART (EINTR) and resumes after one with SA_RESTART.
 */
#include <fcntl.h>
#include <sys/time.h>
#include "fs_util.h"

#define PATH "/tmp/posix-lock-test"

static int setlk(int fd, int cmd, short type, short whence, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = whence, .l_start = start, .l_len = len };

	return fcntl(fd, cmd, &fl);
}

/* F_GETLK for a write lock on [start, start+len): the lock in the way. */
static struct flock getlk(int fd, off_t start, off_t len)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start,
			    .l_len = len, .l_pid = 12345 };

	CHECK(fcntl(fd, F_GETLK, &fl) == 0);
	return fl;
}

/* In a child (the owner must differ): the lock seen over [start, start+len). */
static void expect_lock(int fd, off_t start, off_t len, short type, off_t lstart, off_t llen,
			pid_t owner)
{
	struct flock fl = getlk(fd, start, len);

	if (fl.l_type != type || (type != F_UNLCK && (fl.l_start != lstart || fl.l_len != llen ||
						     fl.l_pid != owner || fl.l_whence != SEEK_SET)))
		fprintf(stderr, "getlk [%ld,+%ld): type %d start %ld len %ld pid %d whence %d\n",
			(long)start, (long)len, fl.l_type, (long)fl.l_start, (long)fl.l_len,
			fl.l_pid, fl.l_whence);
	CHECK(fl.l_type == type);
	if (type == F_UNLCK) {	/* nothing else is touched */
		CHECK(fl.l_start == start && fl.l_len == len && fl.l_pid == 12345);
		return;
	}
	CHECK(fl.l_start == lstart && fl.l_len == llen && fl.l_pid == owner);
	CHECK(fl.l_whence == SEEK_SET);
}

static int open_file(int flags)
{
	int fd = open(PATH, flags | O_CREAT, 0644);

	CHECK(fd >= 0);
	return fd;
}

/* Run fn(fd) in a child process and check it succeeded. */
static void in_child(void (*fn)(int fd, pid_t parent), int fd)
{
	pid_t parent = getpid(), pid = utest_fork();

	if (pid == 0) {
		fn(fd, parent);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
}

static void see_split(int fd, pid_t parent)
{
	expect_lock(fd, 40, 20, F_UNLCK, 0, 0, 0);
	expect_lock(fd, 30, 20, F_WRLCK, 0, 40, parent);
	expect_lock(fd, 50, 20, F_WRLCK, 60, 40, parent);
	CHECK_ERR(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 39, 1), EAGAIN);
	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 40, 20) == 0);	/* the hole */
}

static void see_merge_and_types(int fd, pid_t parent)
{
	/* Read locks [0,9] and [10,19] merged; a write lock [30,49] turned
	   into write [30,34], read [35,39], write [40,49]. */
	expect_lock(fd, 5, 1, F_RDLCK, 0, 20, parent);
	CHECK(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 20) == 0);	/* readers share */
	CHECK(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 20) == 0);
	expect_lock(fd, 30, 1, F_WRLCK, 30, 5, parent);
	expect_lock(fd, 44, 1, F_WRLCK, 40, 10, parent);
	CHECK(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 35, 5) == 0);
	CHECK_ERR(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 34, 2), EAGAIN);
}

static void see_whence_forms(int fd, pid_t parent)
{
	expect_lock(fd, 25, 1, F_WRLCK, 20, 10, parent);	/* start 30, len -10 */
	expect_lock(fd, 37, 1, F_WRLCK, 35, 5, parent);	/* SEEK_CUR */
	expect_lock(fd, 1000, 1, F_WRLCK, 90, 0, parent);	/* SEEK_END, len 0 */
	expect_lock(fd, 0, 0, F_WRLCK, 20, 10, parent);	/* whole file: the first */
}

static void test_ranges(void)
{
	int fd = open_file(O_RDWR);

	CHECK(ftruncate(fd, 100) == 0);
	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 100) == 0);
	CHECK(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 40, 20) == 0);
	in_child(see_split, fd);
	CHECK(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) == 0);

	CHECK(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 10) == 0);
	CHECK(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 10, 10) == 0);
	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 30, 20) == 0);
	CHECK(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 35, 5) == 0);
	in_child(see_merge_and_types, fd);
	CHECK(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) == 0);

	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 30, -10) == 0);
	CHECK(lseek(fd, 40, SEEK_SET) == 40);
	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_CUR, -5, 5) == 0);
	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_END, -10, 0) == 0);
	in_child(see_whence_forms, fd);
	/* Our own locks never conflict with us: any type over any of them. */
	CHECK(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 0) == 0);
	CHECK(getlk(fd, 0, 0).l_type == F_UNLCK);
	CHECK(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0) == 0);
	CHECK(close(fd) == 0);
}

static void test_bad_requests(void)
{
	int rd = open_file(O_RDONLY), wr = open_file(O_WRONLY);
	struct flock fl = { .l_type = F_UNLCK, .l_whence = SEEK_SET };

	CHECK_ERR(setlk(rd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EBADF);
	CHECK_ERR(setlk(wr, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EBADF);
	CHECK(setlk(rd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1) == 0);
	CHECK_ERR(setlk(rd, F_SETLK, F_RDLCK, 7, 0, 1), EINVAL);
	CHECK_ERR(setlk(rd, F_SETLK, 9, SEEK_SET, 0, 1), EINVAL);
	CHECK_ERR(setlk(rd, F_SETLK, F_RDLCK, SEEK_SET, -1, 1), EINVAL);
	CHECK_ERR(setlk(rd, F_SETLK, F_RDLCK, SEEK_SET, 5, -10), EINVAL);
	CHECK_ERR(setlk(rd, F_SETLK, F_RDLCK, SEEK_SET, 0x7fffffffffffff00LL, 0x1000), EOVERFLOW);
	CHECK_ERR(fcntl(rd, F_GETLK, &fl), EINVAL);	/* F_GETLK wants a lock type */
	CHECK_ERR(fcntl(rd, F_SETLK, (struct flock *)8), EFAULT);
	CHECK(close(rd) == 0);
	CHECK(close(wr) == 0);
}

static void see_nothing(int fd, pid_t parent)
{
	(void)parent;
	expect_lock(fd, 0, 0, F_UNLCK, 0, 0, 0);
}

static void see_parent_lock_not_inherited(int fd, pid_t parent)
{
	expect_lock(fd, 0, 0, F_WRLCK, 0, 10, parent);
	CHECK_ERR(setlk(fd, F_SETLK, F_RDLCK, SEEK_SET, 5, 1), EAGAIN);
	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 10, 10) == 0);
}

static void test_release_rules(void)
{
	int fd = open_file(O_RDWR), other;
	pid_t pid;

	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10) == 0);
	in_child(see_parent_lock_not_inherited, fd);	/* its lock went with it */
	in_child(see_parent_lock_not_inherited, fd);
	/* Closing another descriptor of the same file drops our locks. */
	other = open_file(O_RDONLY);
	CHECK(close(other) == 0);
	in_child(see_nothing, fd);

	pid = utest_fork();
	if (pid == 0) {
		CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0) == 0);
		_exit(0);	/* exit drops it */
	}
	CHECK_CHILD_OK(pid);
	CHECK(getlk(fd, 0, 0).l_type == F_UNLCK);
	CHECK(close(fd) == 0);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void test_wait_deadlock_eintr(void)
{
	int fd = open_file(O_RDWR), p[2];
	char c;
	pid_t pid;

	CHECK(pipe(p) == 0);
	CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1) == 0);
	pid = utest_fork();
	if (pid == 0) {
		struct sigaction sa = { .sa_handler = on_alarm };
		struct itimerval it = { .it_value = { 0, 100000 } };

		CHECK(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 1, 1) == 0);
		CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
		CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
		CHECK_ERR(setlk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1), EINTR);
		CHECK(alarms == 1);
		CHECK(write(p[1], "r", 1) == 1);
		/*
		 * Now wait for byte 0 for real, through a SA_RESTART signal that
		 * resumes the wait; the parent meanwhile asks for byte 1.
		 */
		sa.sa_flags = SA_RESTART;
		CHECK(sigaction(SIGALRM, &sa, NULL) == 0);
		CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
		CHECK(setlk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1) == 0);
		CHECK(alarms == 2);
		_exit(0);
	}
	CHECK(read(p[0], &c, 1) == 1);
	utest_sleep_ms(300);	/* let the child go to sleep on byte 0 */
	CHECK_ERR(setlk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 1, 1), EDEADLK);
	CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, SEEK_SET, 1, 1), EAGAIN);
	CHECK(setlk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 1) == 0);	/* child gets it, exits */
	CHECK_CHILD_OK(pid);
	/* Its exit released both bytes: now we wait for nothing. */
	CHECK(setlk(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 2) == 0);
	close(p[0]);
	close(p[1]);
	CHECK(close(fd) == 0);
}

int main(void)
{
	test_ranges();
	test_bad_requests();
	test_release_rules();
	test_wait_deadlock_eintr();
	unlink(PATH);
	return 0;
}
