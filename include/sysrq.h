/*
 * Magic SysRq (kernel/sysrq.c): debugging commands that a hung system
 * still obeys, with Linux's keys.  They come from /proc/sysrq-trigger
 * (root only: the file's mode 0200 is the check, as on Linux) and, when
 * the command line has sysrq=1, from the serial console as a BREAK
 * followed by the key within five seconds.
 */
#ifndef SYSRQ_H
#define SYSRQ_H

#include <types.h>

/* Run the command for key; an unknown key prints the list of keys.  Any context. */
void sysrq_handle(char key);

/* Did the command line enable SysRq on the serial console (sysrq=1)?  At boot only. */
bool sysrq_console_enabled(void);

/*
 * The task dump (kernel/task_dump.c).  show_state() prints every task
 * (only those in uninterruptible sleep when blocked_only), then every
 * CPU; show_cpus() prints each CPU's current task, run queue and
 * backtrace.  Any context; they take no lock for long.
 */
void show_state(bool blocked_only);
void show_cpus(void);

#endif
