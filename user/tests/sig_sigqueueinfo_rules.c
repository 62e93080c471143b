/*
 * rt_sigqueueinfo(2) and rt_tgsigqueueinfo(2), as sigqueue(3) and
 * pthread_sigqueue(3) use them: the caller's siginfo reaches an SA_SIGINFO
 * handler as given (si_code SI_QUEUE, si_value), except that si_signo is
 * always the signal sent.  Nobody may claim si_code >= 0 (kernel, kill)
 * or SI_TKILL towards anyone but its own thread id: EPERM.  kill(2)'s
 * permission rules apply; unknown targets are ESRCH (checked before the
 * signal number), bad arguments EINVAL, a bad siginfo pointer EFAULT.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include "utest.h"

static volatile int got_signo, got_code, got_pid, got_int, got_tid, calls;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_signo = si->si_signo;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_int = si->si_value.sival_int;
	got_tid = (int)syscall(SYS_gettid);
	calls++;
}

static siginfo_t make_info(int signo, int code, int value)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = signo;
	si.si_code = code;
	si.si_pid = 4242;
	si.si_uid = 0;
	si.si_value.sival_int = value;
	return si;
}

static long qinfo(pid_t pid, int sig, siginfo_t *si)
{
	return syscall(SYS_rt_sigqueueinfo, pid, sig, si);
}

static long tgqinfo(pid_t tgid, pid_t tid, int sig, siginfo_t *si)
{
	return syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, si);
}

static volatile int thread_tid, thread_done;

static void *second_thread(void *arg)
{
	pid_t me = getpid();
	siginfo_t si = make_info(SIGUSR1, SI_USER, 1);

	(void)arg;
	thread_tid = (int)syscall(SYS_gettid);
	/* The process id is not this thread's id: kernel/kill codes refused. */
	CHECK_ERRNO(qinfo(me, SIGUSR1, &si), EPERM);
	/* Its own thread id is fine. */
	CHECK(tgqinfo(me, thread_tid, SIGUSR1, &si) == 0);
	CHECK(calls == 1 && got_tid == thread_tid && got_code == SI_USER && got_pid == 4242);
	while (!thread_done)
		sched_yield();
	return NULL;
}

static void threads(void)
{
	pid_t me = getpid();
	pthread_t th;
	siginfo_t si;

	calls = 0;
	CHECK(pthread_create(&th, NULL, second_thread, NULL) == 0);
	while (calls == 0)
		sched_yield();
	/* To the other thread: SI_QUEUE goes, reaching that thread. */
	si = make_info(SIGUSR1, SI_QUEUE, 77);
	CHECK(tgqinfo(me, thread_tid, SIGUSR1, &si) == 0);
	while (calls < 2)
		sched_yield();
	CHECK(got_tid == thread_tid && got_code == SI_QUEUE && got_int == 77);
	si = make_info(SIGUSR1, SI_TKILL, 0);
	CHECK_ERRNO(tgqinfo(me, thread_tid, SIGUSR1, &si), EPERM);
	si = make_info(SIGUSR1, SI_USER, 0);
	CHECK_ERRNO(tgqinfo(me, thread_tid, SIGUSR1, &si), EPERM);
	si = make_info(SIGUSR1, SI_QUEUE, 0);
	CHECK_ERRNO(tgqinfo(1, thread_tid, SIGUSR1, &si), ESRCH);
	CHECK_ERRNO(tgqinfo(0, thread_tid, SIGUSR1, &si), EINVAL);
	CHECK_ERRNO(tgqinfo(me, 0, SIGUSR1, &si), EINVAL);
	CHECK_ERRNO(tgqinfo(me, thread_tid, 65, &si), EINVAL);
	CHECK(tgqinfo(me, thread_tid, 0, &si) == 0);
	thread_done = 1;
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(calls == 2);
}

int main(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
	pid_t me = getpid(), child;
	siginfo_t si;
	union sigval v = { .sival_int = 1234 };

	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);

	/* musl's sigqueue() is rt_sigqueueinfo with SI_QUEUE. */
	CHECK(sigqueue(me, SIGUSR1, v) == 0);
	CHECK(calls == 1 && got_signo == SIGUSR1 && got_code == SI_QUEUE);
	CHECK(got_int == 1234 && got_pid == me);

	/* si_signo is the signal sent, whatever the caller wrote. */
	si = make_info(SIGUSR2, SI_QUEUE, 5);
	CHECK(qinfo(me, SIGUSR1, &si) == 0);
	CHECK(calls == 2 && got_signo == SIGUSR1 && got_int == 5 && got_pid == 4242);

	/* To its own thread id a thread may claim any code. */
	si = make_info(SIGUSR1, SI_KERNEL, 0);
	CHECK(qinfo(me, SIGUSR1, &si) == 0);
	CHECK(calls == 3 && got_code == SI_KERNEL);

	/* Errors: no process groups, unknown ids, bad numbers and pointers. */
	si = make_info(SIGUSR1, SI_QUEUE, 0);
	CHECK_ERRNO(qinfo(0, SIGUSR1, &si), ESRCH);
	CHECK_ERRNO(qinfo(-me, SIGUSR1, &si), ESRCH);
	CHECK_ERRNO(qinfo(999999, SIGUSR1, &si), ESRCH);
	CHECK_ERRNO(qinfo(999999, 65, &si), ESRCH);
	CHECK_ERRNO(qinfo(me, 65, &si), EINVAL);
	CHECK_ERRNO(qinfo(me, -1, &si), EINVAL);
	CHECK_ERRNO(qinfo(me, SIGUSR1, (siginfo_t *)8), EFAULT);
	CHECK(qinfo(me, 0, &si) == 0);
	CHECK(calls == 3);

	/* Another process: only queue codes; kill(2)'s permission rules. */
	child = utest_fork();
	if (child == 0) {
		si = make_info(SIGUSR1, SI_USER, 0);
		CHECK_ERRNO(qinfo(getppid(), SIGUSR1, &si), EPERM);
		si = make_info(SIGUSR1, SI_TKILL, 0);
		CHECK_ERRNO(qinfo(getppid(), SIGUSR1, &si), EPERM);
		CHECK(setuid(1000) == 0);
		si = make_info(SIGUSR1, SI_QUEUE, 0);
		CHECK_ERRNO(qinfo(getppid(), SIGUSR1, &si), EPERM);
		CHECK_ERRNO(qinfo(getppid(), 0, &si), EPERM);
		_exit(0);
	}
	CHECK_CHILD_OK(child);
	CHECK(calls == 3);

	threads();
	return 0;
}
