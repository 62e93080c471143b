/* clone3(2)'s argument block, as Linux's include/uapi/linux/sched.h defines it. */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

#include <stdint.h>

/* Flags only clone3 takes (above the 32 bits of clone's). */
#define CLONE_CLEAR_SIGHAND	0x100000000ull	/* child: every handled signal back to default */
#define CLONE_INTO_CGROUP	0x200000000ull	/* child starts in the cgroup args.cgroup */
#define CLONE_NEWTIME		0x00000080	/* inside CSIGNAL: clone3 only */

struct clone_args {
	uint64_t flags;
	uint64_t pidfd;		/* CLONE_PIDFD: where the pidfd goes */
	uint64_t child_tid;		/* CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID */
	uint64_t parent_tid;		/* CLONE_PARENT_SETTID */
	uint64_t exit_signal;	/* signal to the parent when the child ends */
	uint64_t stack;		/* lowest byte of the child's stack ... */
	uint64_t stack_size;		/* ... and its size */
	uint64_t tls;		/* CLONE_SETTLS */
	uint64_t set_tid;		/* array of pids to take, one per pid namespace level */
	uint64_t set_tid_size;
	uint64_t cgroup;		/* CLONE_INTO_CGROUP: a cgroup directory's fd */
};

#define CLONE_ARGS_SIZE_VER0	64	/* up to tls */
#define CLONE_ARGS_SIZE_VER1	80	/* set_tid, set_tid_size */
#define CLONE_ARGS_SIZE_VER2	88	/* cgroup */

_Static_assert(sizeof(struct clone_args) == CLONE_ARGS_SIZE_VER2, "clone_args");
_Static_assert(__builtin_offsetof(struct clone_args, tls) == 56, "clone_args.tls");
_Static_assert(__builtin_offsetof(struct clone_args, set_tid) == 64, "clone_args.set_tid");

#endif
