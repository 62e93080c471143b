/*
 * mmap, munmap, mprotect and brk: argument checks that need no lock,
 * then the address-space operations in vm.c under mm->lock.
 */
#include <errno.h>
#include <file.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/mman.h>
#include <vfs.h>
#include <vm.h>
#include <arch/memory.h>

/*
 * The flags every mapping understands (Linux's LEGACY_MAP_MASK, plus
 * MAP_32BIT, which it accepts too): MAP_SHARED_VALIDATE refuses any other
 * with -EOPNOTSUPP (none of our files supports MAP_SYNC), where
 * MAP_SHARED and MAP_PRIVATE ignore them.
 */
#define MAP_UNINITIALIZED	0x4000000
#define MAP_KNOWN_FLAGS	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS |		\
			 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED |		\
			 MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |	\
			 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT)

/* Largest file offset a mapping may reach (MAX_LFS_FILESIZE): else -EOVERFLOW. */
#define MAP_MAX_OFFSET		0x7ffffffffffffffful

static bool offset_fits(unsigned long len, unsigned long off)
{
	len = ALIGN_UP(len, PAGE_SIZE);
	return len <= MAP_MAX_OFFSET && off >> PAGE_SHIFT <= (MAP_MAX_OFFSET - len) >> PAGE_SHIFT;
}

/*
 * May f be mapped this way?  Linux's do_mmap() order: the offset must fit,
 * MAP_SHARED_VALIDATE takes known flags only, the fd must allow reading
 * (any map) and writing for a writable MAP_SHARED; PROT_EXEC needs a
 * mount without noexec; the file must support mmap at all.
 */
static long check_file_map(struct file *f, unsigned long len, unsigned long prot,
			   unsigned long flags, unsigned long off)
{
	unsigned int type = flags & MAP_TYPE;

	if (len && !offset_fits(len, off))
		return -EOVERFLOW;
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (type == MAP_SHARED_VALIDATE && (flags & ~MAP_KNOWN_FLAGS))
		return -EOPNOTSUPP;
	if (type != MAP_PRIVATE && (prot & PROT_WRITE) && !(f->mode & FMODE_WRITE))
		return -EACCES;
	if (!(f->mode & FMODE_READ))
		return -EACCES;
	if ((prot & PROT_EXEC) && (READ_ONCE(f->path.mnt->flags) & MNT_NOEXEC))
		return -EPERM;
	if (!f->ops->get_page && !f->ops->mmap_anonymous)
		return -ENODEV;
	if (flags & MAP_GROWSDOWN)
		return -EINVAL;
	return 0;
}

static long mmap_file(struct mm *mm, unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, int fd, unsigned long off)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = check_file_map(f, len, prot, flags, off);
	if (ret)
		goto out_put;
	mutex_lock(&mm->lock);
	if (f->ops->get_page)
		ret = vm_map_file(mm, addr, len, (unsigned int)prot, (unsigned int)flags, f,
				  off >> PAGE_SHIFT);
	else	/* /dev/zero: plain anonymous memory, shared or private */
		ret = vm_map(mm, addr, len, (unsigned int)prot, (unsigned int)flags);
	mutex_unlock(&mm->lock);
out_put:
	file_put(f);
	return ret;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, int, fd, unsigned long, off)
{
	struct mm *mm = current_task()->mm;
	long ret;

	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return mmap_file(mm, addr, len, prot, flags, fd, off);
	/* Anonymous memory knows only MAP_SHARED and MAP_PRIVATE, as Linux 6.1. */
	if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE && len)
		return -EINVAL;
	if ((flags & MAP_TYPE) == MAP_SHARED && (flags & MAP_GROWSDOWN) && len)
		return -EINVAL;
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
