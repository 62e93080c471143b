/*
 * Program execution: replace the calling task's address space with a new
 * program.  Everything that can fail (reading arguments, checking and
 * loading the ELF file and its interpreter, building the stack) happens
 * on a new address space first; the caller's is untouched until the new
 * one is complete, so a failed exec returns an error to a caller that can
 * carry on.
 */
#ifndef EXEC_H
#define EXEC_H

#include <types.h>

#define ARG_MAX		(2ul << 20)	/* total argv + envp bytes, as Linux with 8 MiB stacks */
#define MAX_ARG_STRLEN	(32 * 4096)	/* longest single argument */

struct trap_frame;

/* Arguments copied into the kernel: argc strings, then envc strings, each NUL-terminated. */
struct exec_args {
	char *buf;
	size_t len, cap;
	int argc, envc;
};

void exec_args_init(struct exec_args *a);
void exec_args_free(struct exec_args *a);
/* Append a kernel string (0, -E2BIG, -ENOMEM). */
int exec_args_add(struct exec_args *a, const char *s);
/* Append the user string vector at uvec (NULL-terminated); returns the count or -errno. */
int exec_args_add_user_vector(struct exec_args *a, const char *const *uvec);

/*
 * Load 'path' with the given arguments into the current task and set up
 * 'frame' to start it.  0 or a negative errno (the task is then unchanged).
 */
int do_execve(const char *path, struct exec_args *args, struct trap_frame *frame);

/* Run the program at path as the current kernel thread's user program; returns only on error. */
int kernel_execve(const char *path, const char *const argv[], const char *const envp[]);

#endif
