/*
 * clone3(2) (musl has no wrapper: syscall 435 with struct clone_args).
 *
 *   - the argument block: smaller than 64 bytes is EINVAL, larger than a
 *     page E2BIG; any size up to a page works when the unknown tail is
 *     zero and fails with E2BIG when it is not; a bad pointer is EFAULT;
 *   - flag rules: unknown bits, CSIGNAL bits and CLONE_DETACHED are
 *     EINVAL, so are CLONE_SIGHAND with CLONE_CLEAR_SIGHAND, an
 *     exit_signal with CLONE_THREAD or CLONE_PARENT, an exit_signal above
 *     64 or with upper bits, a stack without a size or a size without a
 *     stack, set_tid without set_tid_size and the reverse;
 *   - a plain fork with exit_signal SIGCHLD, CLONE_PARENT_SETTID and
 *     CLONE_CHILD_SETTID;
 *   - exit_signal 0: the child is reaped with __WALL only;
 *   - stack + stack_size: the child starts with %rsp = stack + size, and
 *     CLONE_SETTLS sets its FS base (checked by the child in asm, which
 *     runs on the new stack and exits by raw syscall);
 *   - CLONE_CLEAR_SIGHAND: handled signals back to default in the child,
 *     ignored ones stay ignored;
 *   - set_tid: a pid in use is EEXIST, 0 or two levels EINVAL, a free pid
 *     becomes the child's pid; without root it is EPERM.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "utest.h"

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#define CLONE_CLEAR_SIGHAND_ 0x100000000ull
#define ARCH_GET_FS 0x1003

struct clone_args_ {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

static long clone3(void *args, size_t size)
{
	return syscall(SYS_clone3, args, size);
}

/* A clone3 expected to fail with err, made in a buffer of 'size' bytes. */
static void expect_fail(const struct clone_args_ *a, size_t size, int err)
{
	static uint8_t buf[8192];

	memset(buf, 0, sizeof(buf));
	memcpy(buf, a, size < sizeof(*a) ? size : sizeof(*a));
	errno = 0;
	long r = clone3(buf, size);
	if (r == 0)
		_exit(99);	/* a child that should not exist */
	if (r != -1 || errno != err)
		fprintf(stderr, "flags 0x%llx size %zu: got %ld errno %d, want errno %d\n",
			(unsigned long long)a->flags, size, r, errno, err);
	CHECK(r == -1 && errno == err);
}

static void sizes(void)
{
	struct clone_args_ a = { .exit_signal = SIGCHLD };
	static uint8_t big[128];
	int status;
	long pid;

	expect_fail(&a, 0, EINVAL);
	expect_fail(&a, 63, EINVAL);
	expect_fail(&a, 4097, E2BIG);
	errno = 0;
	CHECK(clone3(NULL, 64) == -1 && errno == EFAULT);
	/* A bigger block with a zero tail is fine ... */
	memset(big, 0, sizeof(big));
	memcpy(big, &a, sizeof(a));
	pid = clone3(big, sizeof(big));
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(7);
	status = utest_wait((pid_t)pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	/* ... and version 0 (64 bytes) too ... */
	pid = clone3(&a, 64);
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(8);
	status = utest_wait((pid_t)pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 8);
	/* ... but not a non-zero byte beyond the known fields. */
	big[100] = 1;
	errno = 0;
	CHECK(clone3(big, sizeof(big)) == -1 && errno == E2BIG);
}

static void flag_rules(void)
{
	static char stack[4096];
	int tid = 1;

	expect_fail(&(struct clone_args_){ .flags = 1ull << 40 }, 88, EINVAL);
	expect_fail(&(struct clone_args_){ .flags = SIGCHLD }, 88, EINVAL);
	expect_fail(&(struct clone_args_){ .flags = CLONE_DETACHED }, 88, EINVAL);
	expect_fail(&(struct clone_args_){
		.flags = CLONE_VM | CLONE_SIGHAND | CLONE_CLEAR_SIGHAND_ }, 88, EINVAL);
	expect_fail(&(struct clone_args_){
		.flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, .exit_signal = SIGCHLD }, 88, EINVAL);
	expect_fail(&(struct clone_args_){ .flags = CLONE_PARENT, .exit_signal = SIGCHLD }, 88,
		    EINVAL);
	expect_fail(&(struct clone_args_){ .exit_signal = 65 }, 88, EINVAL);
	expect_fail(&(struct clone_args_){ .exit_signal = (1ull << 32) | SIGCHLD }, 88, EINVAL);
	expect_fail(&(struct clone_args_){ .stack = (uintptr_t)stack, .exit_signal = SIGCHLD },
		    88, EINVAL);
	expect_fail(&(struct clone_args_){ .stack_size = 4096, .exit_signal = SIGCHLD }, 88,
		    EINVAL);
	expect_fail(&(struct clone_args_){ .set_tid_size = 1, .exit_signal = SIGCHLD }, 88, EINVAL);
	expect_fail(&(struct clone_args_){ .set_tid = (uintptr_t)&tid, .exit_signal = SIGCHLD },
		    88, EINVAL);
	/* The legacy rules hold too: CLONE_THREAD needs CLONE_SIGHAND. */
	expect_fail(&(struct clone_args_){ .flags = CLONE_THREAD | CLONE_VM }, 88, EINVAL);
}

static void plain_fork(void)
{
	int ptid = 0, ctid = 0, status;
	struct clone_args_ a = {
		.flags = CLONE_PARENT_SETTID | CLONE_CHILD_SETTID,
		.parent_tid = (uintptr_t)&ptid, .child_tid = (uintptr_t)&ctid,
		.exit_signal = SIGCHLD,
	};
	long pid = clone3(&a, sizeof(a));

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(ctid == getpid() ? 5 : 6);	/* the child's own copy */
	CHECK(ptid == pid);
	status = utest_wait((pid_t)pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
}

static void no_exit_signal(void)
{
	struct clone_args_ a = { .exit_signal = 0 };
	long pid = clone3(&a, sizeof(a));
	int status;

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(4);
	CHECK(waitpid((pid_t)pid, &status, __WALL) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 4);
}

/*
 * The child checks, in asm on its new stack, that %rsp is stack + size
 * and that ARCH_GET_FS reads tls; it exits with bit 0 set for a wrong
 * stack and bit 1 for a wrong FS base.
 */
static char child_stack[16384] __attribute__((aligned(16)));
static uint64_t fs_scratch;

static void new_stack_and_tls(void)
{
	uint64_t tls = 0x123456789000ull;
	struct clone_args_ a = {
		.flags = CLONE_SETTLS, .exit_signal = SIGCHLD,
		.stack = (uintptr_t)child_stack, .stack_size = sizeof(child_stack), .tls = tls,
	};
	register uint64_t want_sp __asm__("r13") = (uintptr_t)child_stack + sizeof(child_stack);
	register uint64_t want_fs __asm__("r14") = tls;
	register uint64_t *scratch __asm__("r12") = &fs_scratch;
	long pid;
	int status;

	__asm__ volatile(
		"syscall\n\t"
		"testq %%rax, %%rax\n\t"
		"jnz 1f\n\t"
		"xorl %%ebx, %%ebx\n\t"		/* the child */
		"cmpq %%r13, %%rsp\n\t"
		"setne %%bl\n\t"
		"movl $158, %%eax\n\t"		/* arch_prctl(ARCH_GET_FS, scratch) */
		"movl %[get_fs], %%edi\n\t"
		"movq %%r12, %%rsi\n\t"
		"syscall\n\t"
		"movq (%%r12), %%rax\n\t"
		"cmpq %%r14, %%rax\n\t"
		"setne %%al\n\t"
		"movzbl %%al, %%eax\n\t"
		"leal (%%rbx, %%rax, 2), %%edi\n\t"
		"movl $60, %%eax\n\t"		/* exit */
		"syscall\n\t"
		"ud2\n"
		"1:"
		: "=a"(pid)
		: "a"((long)SYS_clone3), "D"(&a), "S"(sizeof(a)), "r"(want_sp), "r"(want_fs),
		  "r"(scratch), [get_fs] "i"(ARCH_GET_FS)
		: "rbx", "rcx", "rdx", "r11", "memory");
	CHECK(pid > 0);
	status = utest_wait((pid_t)pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "new stack/tls child: status 0x%x\n", status);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void clear_sighand(void)
{
	struct clone_args_ a = { .flags = CLONE_CLEAR_SIGHAND_, .exit_signal = SIGCHLD };
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	struct sigaction old;
	long pid;
	int status;

	CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
	CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR);
	pid = clone3(&a, sizeof(a));
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK(sigaction(SIGUSR1, NULL, &old) == 0);
		CHECK(old.sa_handler == SIG_DFL && !(old.sa_flags & SA_RESTART));
		CHECK(sigaction(SIGUSR2, NULL, &old) == 0);
		CHECK(old.sa_handler == SIG_IGN);
		_exit(0);
	}
	status = utest_wait((pid_t)pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == on_usr1);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

/* A pid nobody uses: a child's, after it is reaped. */
static pid_t free_pid(void)
{
	pid_t pid = utest_fork();

	if (pid == 0)
		_exit(0);
	utest_wait(pid);
	return pid;
}

static void set_tid(void)
{
	int tids[2] = { getpid(), 0 };
	struct clone_args_ a = {
		.set_tid = (uintptr_t)tids, .set_tid_size = 1, .exit_signal = SIGCHLD,
	};
	long pid;
	int status;

	expect_fail(&a, sizeof(a), EEXIST);	/* our own pid */
	tids[0] = 0;
	expect_fail(&a, sizeof(a), EINVAL);
	tids[0] = free_pid();
	a.set_tid_size = 2;
	expect_fail(&a, sizeof(a), EINVAL);	/* only one pid namespace level */
	a.set_tid_size = 1;
	pid = clone3(&a, sizeof(a));
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(getpid() == tids[0] ? 0 : 1);
	CHECK(pid == tids[0]);
	status = utest_wait((pid_t)pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Not root: EPERM. */
	pid = utest_fork();
	if (pid == 0) {
		tids[0] = free_pid();
		CHECK(setuid(1000) == 0);
		expect_fail(&a, sizeof(a), EPERM);
		_exit(0);
	}
	status = utest_wait((pid_t)pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	CHECK(getuid() == 0);	/* the runner is root; set_tid needs it */
	sizes();
	flag_rules();
	plain_fork();
	no_exit_signal();
	new_stack_and_tls();
	clear_sighand();
	set_tid();
	return 0;
}
