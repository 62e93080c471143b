/* Every system-call handler the table (syscall.c) refers to. */
#ifndef KERNEL_SYSCALL_LIST_H
#define KERNEL_SYSCALL_LIST_H

#include <syscall.h>

#define DECLARE(name) long sys_##name(SYSCALL_ARGS_DECL)
/* files (fs/) */
DECLARE(write);
DECLARE(writev);

/* memory (mm/) */
DECLARE(mmap);
DECLARE(mprotect);
DECLARE(munmap);
DECLARE(brk);

/* processes and system (kernel/, arch/) */
DECLARE(fork);
DECLARE(vfork);
DECLARE(clone);
DECLARE(execve);
DECLARE(wait4);
DECLARE(getpgid);
DECLARE(setpgid);
DECLARE(getpgrp);
DECLARE(getsid);
DECLARE(setsid);
DECLARE(rt_sigaction);
DECLARE(rt_sigprocmask);
DECLARE(rt_sigpending);
DECLARE(rt_sigsuspend);
DECLARE(rt_sigreturn);
DECLARE(sigaltstack);
DECLARE(pause);
DECLARE(kill);
DECLARE(tkill);
DECLARE(tgkill);
DECLARE(getpid);
DECLARE(gettid);
DECLARE(getppid);
DECLARE(exit);
DECLARE(exit_group);
DECLARE(uname);
DECLARE(arch_prctl);
DECLARE(set_tid_address);
DECLARE(reboot);
#undef DECLARE

#endif
