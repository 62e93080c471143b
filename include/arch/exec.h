/* What exec and the process code need from the arch about user-mode state. */
#ifndef ARCH_EXEC_H
#define ARCH_EXEC_H

#include <types.h>

struct task;
struct trap_frame;

/* AT_HWCAP for the auxiliary vector. */
unsigned long arch_elf_hwcap(void);

/* AT_MINSIGSTKSZ: the most stack a signal frame can take. */
unsigned long arch_min_sigstack_size(void);

/* The user register frame of a task: at the top of its kernel stack. */
struct trap_frame *arch_user_frame(struct task *t);

/* Reset user CPU state for a new program starting at entry with stack sp. */
int arch_exec_reset(struct task *t, struct trap_frame *frame, u64 entry, u64 sp);

/* User registers for a core file, in the order of Linux's user_regs_struct. */
#define ARCH_CORE_NREGS	27
void arch_core_regs(struct task *t, u64 regs[ARCH_CORE_NREGS]);

/* Load the FPU/SSE registers' initial state (signal handlers start with it). */
void arch_fpu_load_initial(void);

/* Leave the kernel into user mode through frame; never returns. */
void arch_enter_user(struct trap_frame *frame) __attribute__((noreturn));

/* Collect hardware entropy (RDSEED/RDRAND if present, TSC jitter) into buf. */
void arch_gather_entropy(u8 *buf, size_t len);

#endif
