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
DECLARE(mremap);

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
DECLARE(setitimer);
DECLARE(getitimer);
DECLARE(alarm);
DECLARE(clock_gettime);
DECLARE(clock_getres);
DECLARE(clock_settime);
DECLARE(gettimeofday);
DECLARE(settimeofday);
DECLARE(time);
DECLARE(nanosleep);
DECLARE(clock_nanosleep);
DECLARE(restart_syscall);
DECLARE(getuid);
DECLARE(geteuid);
DECLARE(getgid);
DECLARE(getegid);
DECLARE(setuid);
DECLARE(setgid);
DECLARE(setreuid);
DECLARE(setregid);
DECLARE(setresuid);
DECLARE(getresuid);
DECLARE(setresgid);
DECLARE(getresgid);
DECLARE(setfsuid);
DECLARE(setfsgid);
DECLARE(getgroups);
DECLARE(setgroups);
DECLARE(prlimit64);
DECLARE(getrlimit);
DECLARE(setrlimit);
DECLARE(getrusage);
DECLARE(times);
DECLARE(sysinfo);
DECLARE(getrandom);
DECLARE(prctl);
DECLARE(sched_yield);
DECLARE(sched_getaffinity);
DECLARE(getcpu);
DECLARE(set_robust_list);
DECLARE(futex);
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
