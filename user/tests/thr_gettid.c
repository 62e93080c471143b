/*
 * In the main thread gettid() == getpid(); in another thread of the same
 * process getpid() is the same and gettid() differs (and differs between
 * threads); getppid() is the same everywhere.  tgkill(getpid(), tid, sig)
 * runs the handler in exactly that thread.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include "utest.h"

static volatile pid_t thread_tid, thread_pid, thread_ppid, handled_in;
static volatile int stop;

static pid_t gettid_(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void on_usr1(int sig)
{
	(void)sig;
	handled_in = gettid_();
}

static void *thread_fn(void *arg)
{
	(void)arg;
	thread_pid = getpid();
	thread_ppid = getppid();
	thread_tid = gettid_();
	while (!stop)
		utest_sleep_ms(1);
	return NULL;
}

int main(void)
{
	pthread_t th;

	CHECK(gettid_() == getpid());
	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	CHECK(pthread_create(&th, NULL, thread_fn, NULL) == 0);
	for (int i = 0; !thread_tid; i++) {
		CHECK(i < 10000);
		utest_sleep_ms(1);
	}
	CHECK(thread_pid == getpid());
	CHECK(thread_ppid == getppid());
	CHECK(thread_tid != getpid() && thread_tid > 0);

	CHECK(syscall(SYS_tgkill, getpid(), thread_tid, SIGUSR1) == 0);
	for (int i = 0; !handled_in; i++) {
		CHECK(i < 10000);
		utest_sleep_ms(1);
	}
	CHECK(handled_in == thread_tid);
	stop = 1;
	CHECK(pthread_join(th, NULL) == 0);
	/* Joined once its tid word was cleared; the task goes right after. */
	for (int i = 0; syscall(SYS_tgkill, getpid(), thread_tid, 0) == 0; i++) {
		CHECK(i < 1000);
		utest_sleep_ms(1);
	}
	CHECK(errno == ESRCH);
	return 0;
}
