/*
 * mmap, munmap, mprotect and brk: argument checks that need no lock,
 * then the address-space operations in vm.c under mm->lock.
 */
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/mman.h>
#include <vm.h>
#include <arch/memory.h>

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, int, fd, unsigned long, off)
{
	struct mm *mm = current_task()->mm;
	long ret;

	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -EBADF;		/* no file descriptors exist yet */
	(void)fd;
	mutex_lock(&mm->lock);
	ret = vm_map(mm, addr, len, (unsigned int)prot, (unsigned int)flags);
	mutex_unlock(&mm->lock);
	return ret;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, unsigned long, len)
{
	struct mm *mm = current_task()->mm;
	long ret;

	mutex_lock(&mm->lock);
	ret = vm_unmap(mm, addr, len);
	mutex_unlock(&mm->lock);
	return ret;
}

SYSCALL_DEFINE3(mprotect, unsigned long, addr, unsigned long, len, unsigned long, prot)
{
	struct mm *mm = current_task()->mm;
	long ret;

	mutex_lock(&mm->lock);
	ret = vm_protect(mm, addr, len, (unsigned int)prot);
	mutex_unlock(&mm->lock);
	return ret;
}

SYSCALL_DEFINE1(brk, unsigned long, new_brk)
{
	struct mm *mm = current_task()->mm;
	long ret;

	mutex_lock(&mm->lock);
	ret = vm_brk(mm, new_brk);
	mutex_unlock(&mm->lock);
	return ret;
}
