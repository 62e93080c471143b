/*
 * The system-call table, indexed by Linux x86_64 numbers, and dispatch.
 * Adding a call: define it with SYSCALL_DEFINEn next to the code it
 * belongs to, declare it in kernel/syscall_list.h, and add one line here.
 * An empty slot returns -ENOSYS and logs the call's name once.
 */
#include <errno.h>
#include <printk.h>
#include <syscall.h>
#include "syscall_list.h"

#define SYSCALL(name)	[__NR_##name] = sys_##name

static const syscall_fn syscall_table[NR_SYSCALLS] = {
	/* files (fs/) */
	SYSCALL(write),
	SYSCALL(writev),

	/* memory (mm/) */
	SYSCALL(mmap),
	SYSCALL(mprotect),
	SYSCALL(munmap),
	SYSCALL(brk),
	SYSCALL(mremap),

	/* processes and system (kernel/, arch/) */
	SYSCALL(fork),
	SYSCALL(vfork),
	SYSCALL(clone),
	SYSCALL(execve),
	SYSCALL(wait4),
	SYSCALL(getpgid),
	SYSCALL(setpgid),
	SYSCALL(getpgrp),
	SYSCALL(getsid),
	SYSCALL(setsid),
	SYSCALL(rt_sigaction),
	SYSCALL(rt_sigprocmask),
	SYSCALL(rt_sigpending),
	SYSCALL(rt_sigsuspend),
	SYSCALL(rt_sigreturn),
	SYSCALL(sigaltstack),
	SYSCALL(pause),
	SYSCALL(kill),
	SYSCALL(tkill),
	SYSCALL(tgkill),
	SYSCALL(setitimer),
	SYSCALL(getitimer),
	SYSCALL(alarm),
	SYSCALL(clock_gettime),
	SYSCALL(clock_getres),
	SYSCALL(clock_settime),
	SYSCALL(gettimeofday),
	SYSCALL(settimeofday),
	SYSCALL(time),
	SYSCALL(nanosleep),
	SYSCALL(clock_nanosleep),
	SYSCALL(restart_syscall),
	SYSCALL(getuid),
	SYSCALL(geteuid),
	SYSCALL(getgid),
	SYSCALL(getegid),
	SYSCALL(setuid),
	SYSCALL(setgid),
	SYSCALL(setreuid),
	SYSCALL(setregid),
	SYSCALL(setresuid),
	SYSCALL(getresuid),
	SYSCALL(setresgid),
	SYSCALL(getresgid),
	SYSCALL(setfsuid),
	SYSCALL(setfsgid),
	SYSCALL(getgroups),
	SYSCALL(setgroups),
	SYSCALL(prlimit64),
	SYSCALL(getrlimit),
	SYSCALL(setrlimit),
	SYSCALL(getrusage),
	SYSCALL(times),
	SYSCALL(sysinfo),
	SYSCALL(getrandom),
	SYSCALL(prctl),
	SYSCALL(sched_yield),
	SYSCALL(sched_getaffinity),
	SYSCALL(getcpu),
	SYSCALL(set_robust_list),
	SYSCALL(futex),
	SYSCALL(getpid),
	SYSCALL(gettid),
	SYSCALL(getppid),
	SYSCALL(exit),
	SYSCALL(exit_group),
	SYSCALL(uname),
	SYSCALL(arch_prctl),
	SYSCALL(set_tid_address),
	SYSCALL(reboot),
};

static u8 enosys_logged[NR_SYSCALLS];

long syscall_dispatch(unsigned long nr, const unsigned long a[6])
{
	syscall_fn fn = nr < NR_SYSCALLS ? syscall_table[nr] : NULL;

	if (likely(fn))
		return fn(a[0], a[1], a[2], a[3], a[4], a[5]);
	if (nr >= NR_SYSCALLS || !__atomic_exchange_n(&enosys_logged[nr], 1, __ATOMIC_RELAXED))
		pr_notice("syscall %lu (%s) is not implemented: -ENOSYS\n", nr,
			  nr < NR_SYSCALLS && syscall_names[nr] ? syscall_names[nr] : "unknown");
	return -ENOSYS;
}
