/* arch_prctl(2): the FS base (user TLS) and GS base of the calling thread. */
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <asm/cpu.h>

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

SYSCALL_DEFINE2(arch_prctl, int, code, unsigned long, addr)
{
	struct task *t = current_task();
	unsigned long zero = 0;

	switch (code) {
	case ARCH_SET_FS:
		if (addr >= USER_SPACE_END)
			return -EPERM;
		t->arch.fs_base = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(t->arch.fs_base, (unsigned long __user *)addr);
	case ARCH_GET_GS:
		return put_user(zero, (unsigned long __user *)addr);
	case ARCH_SET_GS:
		return -EPERM;	/* user GS base would need swapping on every entry */
	default:
		return -EINVAL;
	}
}
