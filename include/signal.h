/*
 * Signals raised by the kernel.  Until user handlers exist (rt_sigaction
 * returns -ENOSYS for now), every signal takes its default action: the
 * ones this file raises (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) all
 * terminate the process with a core-dump flag in its exit status, exactly
 * what Linux reports for an unhandled fault.
 */
#ifndef SIGNAL_H
#define SIGNAL_H

#include <uapi/signal.h>

/* A synchronous fault in the current task: deliver sig (code, address). */
void force_sig_fault(int sig, int code, unsigned long addr) __attribute__((noreturn));

#endif
