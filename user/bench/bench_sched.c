/*
 * Context switches without pipes: two processes hand a token back and forth
 * through a futex word in shared anonymous memory.  One round trip is two
 * FUTEX_WAKEs, two FUTEX_WAITs and two switches, with no file or buffer in
 * the way, so it isolates the scheduler's switch path (issue 4 asks for
 * this figure beside pipe_pingpong).
 */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bench.h"

#define ROUNDS 2000
#define FUTEX_WAIT 0	/* musl ships no <linux/futex.h> */
#define FUTEX_WAKE 1

/* The token: whose turn it is.  Each side waits while it is the other's. */
enum { TURN_PARENT, TURN_CHILD };

static long futex(volatile int *word, int op, int val)
{
	return syscall(SYS_futex, word, op, val, NULL, NULL, 0);
}

/* Wait until *turn == me, then hand it to the other side and wake it. */
static int take_and_pass(volatile int *turn, int me, int other)
{
	while (__atomic_load_n(turn, __ATOMIC_ACQUIRE) != me)
		if (futex(turn, FUTEX_WAIT, other) == -1 && errno != EAGAIN && errno != EINTR)
			return -1;
	__atomic_store_n(turn, other, __ATOMIC_RELEASE);
	return futex(turn, FUTEX_WAKE, 1) == -1 ? -1 : 0;
}

void bench_futex_pingpong(void)
{
	volatile int *turn = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	uint64_t t0, t1;
	pid_t pid;

	if (turn == MAP_FAILED)
		bench_fail_errno("mmap", errno);
	*turn = TURN_PARENT;
	pid = must(fork(), "fork");
	if (pid == 0) {
		for (long i = 0; i < ROUNDS; i++)
			if (take_and_pass(turn, TURN_CHILD, TURN_PARENT))
				_exit(errno == ENOSYS ? CHILD_ENOSYS : CHILD_FAILED);
		_exit(CHILD_OK);
	}
	t0 = bench_now();
	for (long i = 0; i < ROUNDS; i++)
		if (take_and_pass(turn, TURN_PARENT, TURN_CHILD))
			bench_fail_errno("futex", errno);
	/* The child's last pass hands the token back once more. */
	while (__atomic_load_n(turn, __ATOMIC_ACQUIRE) != TURN_PARENT)
		if (futex(turn, FUTEX_WAIT, TURN_CHILD) == -1 && errno != EAGAIN && errno != EINTR)
			bench_fail_errno("futex", errno);
	t1 = bench_now();
	bench_reap(pid, "futex");
	munmap((void *)turn, 4096);
	bench_time("futex_pingpong", bench_per_op(t0, t1, ROUNDS, 1000), "us");
}
