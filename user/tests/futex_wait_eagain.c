/*
 * FUTEX_WAIT compares the word with the expected value first: when they
 * differ it fails at once with EAGAIN (private and shared variants).  An
 * unaligned address is EINVAL, an unmapped one EFAULT, an unknown
 * operation ENOSYS.  FUTEX_WAKE with nobody waiting returns 0.
 */
#include <stdint.h>
#include <sys/syscall.h>
#include "utest.h"

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_PRIVATE_FLAG	128

static long futex(void *uaddr, int op, int val, const struct timespec *t)
{
	return syscall(SYS_futex, uaddr, op, val, t, NULL, 0);
}

int main(void)
{
	static int word[2] __attribute__((aligned(8))) = { 5, 0 };

	CHECK_ERRNO(futex(&word[0], FUTEX_WAIT, 4, NULL), EAGAIN);
	CHECK_ERRNO(futex(&word[0], FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 6, NULL), EAGAIN);
	CHECK_ERRNO(futex((char *)&word[0] + 1, FUTEX_WAIT, 5, NULL), EINVAL);
	CHECK_ERRNO(futex((void *)(uintptr_t)8, FUTEX_WAIT, 0, NULL), EFAULT);
	CHECK_ERRNO(futex(&word[0], 99, 0, NULL), ENOSYS);
	CHECK(futex(&word[0], FUTEX_WAKE, 1, NULL) == 0);
	CHECK(futex(&word[0], FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 100, NULL) == 0);
	return 0;
}
