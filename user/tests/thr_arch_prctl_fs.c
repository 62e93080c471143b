/*
 * arch_prctl(ARCH_GET_FS) returns the thread pointer libc installed (for
 * musl, pthread_self()); each thread has its own; ARCH_SET_FS to a new
 * value is read back by ARCH_GET_FS and by %fs-relative loads; an unknown
 * code is EINVAL.
 */
#include <pthread.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "utest.h"

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

static unsigned long get_fs(void)
{
	unsigned long fs = 0;

	CHECK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs) == 0);
	return fs;
}

static void *thread_fn(void *arg)
{
	*(unsigned long *)arg = get_fs();
	return NULL;
}

/* No libc in between: while %fs is elsewhere, errno is unreachable. */
static long raw_arch_prctl(long code, unsigned long arg)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"((long)SYS_arch_prctl), "D"(code), "S"(arg)
			 : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	static unsigned long fake[4];
	unsigned long mine = get_fs(), theirs = 0, through_fs = 0, back = 0;
	pthread_t th;
	long r1, r2, r3;

	CHECK(mine == (unsigned long)pthread_self());
	CHECK(pthread_create(&th, NULL, thread_fn, &theirs) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(theirs != 0 && theirs != mine);
	CHECK(theirs == (unsigned long)th);

	/* Point %fs elsewhere briefly, then restore it. */
	fake[0] = 0x1122334455667788UL;
	r1 = raw_arch_prctl(ARCH_SET_FS, (unsigned long)fake);
	__asm__ volatile("movq %%fs:0, %0" : "=r"(through_fs));
	r2 = raw_arch_prctl(ARCH_GET_FS, (unsigned long)&back);
	r3 = raw_arch_prctl(ARCH_SET_FS, mine);
	CHECK(r1 == 0 && r2 == 0 && r3 == 0);
	CHECK(back == (unsigned long)fake);
	CHECK(through_fs == 0x1122334455667788UL);
	CHECK(get_fs() == mine);
	CHECK_ERRNO(syscall(SYS_arch_prctl, 0x9999, 0), EINVAL);
	return 0;
}
