/*
 * CLONE_CHILD_CLEARTID: when a thread exits, the kernel stores 0 at its
 * clear_child_tid address and does a FUTEX_WAKE there, which is how
 * pthread_join waits.  A raw clone thread with CLONE_PARENT_SETTID and
 * CLONE_CHILD_SETTID finds its tid written to both words, and the parent,
 * blocked in FUTEX_WAIT on the word with no timeout, is woken by the exit.
 * set_tid_address returns the caller's tid.  Then pthread_join on four
 * threads, which rests on the same mechanism.
 */
#define _GNU_SOURCE
#define FUTEX_WAIT 0
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "utest.h"

static volatile int ptid, ctid = -1;
static volatile int child_saw_tid, child_saw_ctid;
static char stack[64 * 1024] __attribute__((aligned(16)));

/* The clone child has no TLS of its own: no errno, so no libc calls. */
static long raw_syscall2(long n, long a, long b)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
	return ret;
}

static int thread_fn(void *arg)
{
	struct timespec nap = { 0, 50 * 1000000L };

	(void)arg;
	child_saw_tid = (int)raw_syscall2(SYS_gettid, 0, 0);
	child_saw_ctid = ctid;	/* CLONE_CHILD_SETTID wrote it before we ran */
	raw_syscall2(SYS_nanosleep, (long)&nap, 0);
	return 0;	/* musl's clone() then calls SYS_exit: this thread only */
}

static void *worker(void *arg)
{
	return (void *)((uintptr_t)arg * 2);
}

int main(void)
{
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
		    CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
		    CLONE_CHILD_CLEARTID;
	pthread_t th[4];
	int tid, v;

	CHECK(syscall(SYS_set_tid_address, NULL) == getpid());

	tid = clone(thread_fn, stack + sizeof(stack), flags, NULL,
		    (int *)&ptid, NULL, (int *)&ctid);
	CHECK(tid > 0 && tid != getpid());
	CHECK(ptid == tid);
	/* -1 until the child first runs, its tid until it exits, then 0. */
	while ((v = ctid) != 0) {
		CHECK(v == tid || v == -1);
		long r = syscall(SYS_futex, &ctid, FUTEX_WAIT, v, NULL, NULL, 0);

		CHECK(r == 0 || errno == EAGAIN || errno == EINTR);
	}
	CHECK(ctid == 0);
	CHECK(child_saw_tid == tid);
	CHECK(child_saw_ctid == tid);

	for (uintptr_t i = 0; i < 4; i++)
		CHECK(pthread_create(&th[i], NULL, worker, (void *)i) == 0);
	for (uintptr_t i = 0; i < 4; i++) {
		void *ret;

		CHECK(pthread_join(th[i], &ret) == 0);
		CHECK((uintptr_t)ret == i * 2);
	}
	return 0;
}
