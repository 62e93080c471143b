/*
 * mlock(2), mlock2, munlock, mlockall and munlockall.
 *
 * Nothing is ever paged out here, so locking has only Linux's visible
 * effects, and those are kept: a locked area carries VM_LOCKED (VmLck in
 * /proc/PID/status, "Locked" and the "lo" flag in smaps), its pages are
 * faulted in at once unless the lock is "on fault" (MLOCK_ONFAULT,
 * MCL_ONFAULT: VM_LOCKONFAULT), MADV_DONTNEED and MADV_REMOVE refuse it,
 * and mlockall(MCL_FUTURE) makes later mappings locked too (mm->def_flags).
 * A forked child and an exec'd program start with nothing locked.
 *
 * Limits, as Linux's: without root (CAP_IPC_LOCK), RLIMIT_MEMLOCK bounds
 * the pages locked in the address space: a zero limit makes locking
 * EPERM, going over it ENOMEM (mmap: EAGAIN).  Areas the kernel owns
 * (the vDSO's) are skipped silently, as Linux's VM_SPECIAL areas are.
 * Ranges: mlock rounds its start down to a page and its length up; a hole
 * in the range is ENOMEM, after the areas before it were done.
 */
#include <cred.h>
#include <errno.h>
#include <mm.h>
#include <proc.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/mman.h>
#include <uapi/resource.h>
#include <vm.h>
#include "vm_internal.h"

#define MLOCK_ONFAULT	0x01
#define MCL_CURRENT	1
#define MCL_FUTURE	2
#define MCL_ONFAULT	4

/* Pages of mm's locked areas inside [start, end) (all of them: 0, ~0ul). */
static unsigned long locked_pages(struct mm *mm, unsigned long start, unsigned long end)
{
	unsigned long n = 0;

	for (struct vma *v = vma_find(mm, start); v && v->start < end; v = vma_next(v))
		if (v->flags & VM_LOCKED)
			n += (MIN(v->end, end) - MAX(v->start, start)) >> PAGE_SHIFT;
	return n;
}

unsigned long vm_locked_pages(struct mm *mm)
{
	return locked_pages(mm, 0, ~0ul);
}

static bool lock_privileged(void)
{
	return current_cred()->euid == 0;	/* CAP_IPC_LOCK */
}

/* Linux's can_do_mlock(): any limit at all, or the capability. */
static bool may_lock(void)
{
	return rlimit_cur(RLIMIT_MEMLOCK) != 0 || lock_privileged();
}

/* Would 'more' newly locked pages stay within RLIMIT_MEMLOCK? (mm->lock held) */
bool vm_lock_fits(struct mm *mm, unsigned long more)
{
	u64 limit = rlimit_cur(RLIMIT_MEMLOCK) >> PAGE_SHIFT;

	return lock_privileged() || vm_locked_pages(mm) + more <= limit;
}

long vm_lock_new_area(struct mm *mm, bool map_locked, unsigned long len)
{
	if (map_locked && !may_lock())
		return -EPERM;
	if ((map_locked || (mm->def_flags & VM_LOCKED)) && !vm_lock_fits(mm, len >> PAGE_SHIFT))
		return -EAGAIN;
	return 0;
}

/*
 * Give every area in [start, end) the lock flags 'set' (0: unlocked),
 * splitting at the ends; special areas keep theirs.  -ENOMEM for a hole,
 * after the areas before it (mm->lock held).
 */
static long apply_lock_flags(struct mm *mm, unsigned long start, unsigned long end,
			     unsigned int set)
{
	unsigned long cur = start;
	struct vma *v = vma_find(mm, start);

	if (!v || v->start > start)
		return -ENOMEM;
	while (cur < end) {
		unsigned long to;
		long err;

		v = vma_find(mm, cur);
		if (!v || v->start > cur)
			return -ENOMEM;
		to = MIN(v->end, end);
		if (!(v->flags & VM_SPECIAL) && (v->flags & VM_LOCK_MASK) != set) {
			err = vma_isolate(mm, cur, to);
			if (err)
				return err;
			v = vma_find(mm, cur);
			v->flags = (v->flags & ~VM_LOCK_MASK) | set;
		}
		cur = to;
	}
	return 0;
}

int vm_populate_locked(struct mm *mm, unsigned long start, unsigned long end)
{
	for (struct vma *v = vma_find(mm, start); v && v->start < end; v = vma_next(v)) {
		bool write = (v->prot & PROT_WRITE) && !(v->flags & VM_SHARED);
		int err;

		if ((v->flags & VM_LOCK_MASK) != VM_LOCKED || v->prot == PROT_NONE)
			continue;
		err = vm_populate(mm, v, MAX(v->start, start), MIN(v->end, end), write);
		/* Linux's __mlock_posix_error_return(): no page there, or no memory. */
		if (err == -EIO || err == -EFAULT)
			return -ENOMEM;
		if (err)
			return err == -ENOMEM ? -EAGAIN : err;
	}
	return 0;
}

/*
 * mlock's and munlock's range: the start rounded down to its page, the
 * length up to whole pages.  1 with [*start, *end) set, 0 for an empty
 * range, -EINVAL when it wraps.
 */
static int lock_range(unsigned long *start, size_t len, unsigned long *end)
{
	len = ALIGN_UP(len + (*start & ~PAGE_MASK), PAGE_SIZE);
	*start &= PAGE_MASK;
	*end = *start + len;
	if (*end < *start)
		return -EINVAL;
	return *end != *start;
}

static long do_mlock(unsigned long start, size_t len, unsigned int set)
{
	struct mm *mm = current_task()->mm;
	unsigned long end;
	long err;

	if (!may_lock())
		return -EPERM;
	err = lock_range(&start, len, &end);
	if (err <= 0)
		return err;
	mutex_lock(&mm->lock);
	err = vm_lock_fits(mm, ((end - start) >> PAGE_SHIFT) - locked_pages(mm, start, end)) ?
	      0 : -ENOMEM;
	if (!err)
		err = apply_lock_flags(mm, start, end, set);
	if (!err)
		err = vm_populate_locked(mm, start, end);
	mutex_unlock(&mm->lock);
	return err;
}

SYSCALL_DEFINE2(mlock, unsigned long, start, size_t, len)
{
	return do_mlock(start, len, VM_LOCKED);
}

SYSCALL_DEFINE3(mlock2, unsigned long, start, size_t, len, int, flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED | ((flags & MLOCK_ONFAULT) ? VM_LOCKONFAULT : 0));
}

SYSCALL_DEFINE2(munlock, unsigned long, start, size_t, len)
{
	struct mm *mm = current_task()->mm;
	unsigned long end;
	long err = lock_range(&start, len, &end);

	if (err <= 0)
		return err;
	mutex_lock(&mm->lock);
	err = apply_lock_flags(mm, start, end, 0);
	mutex_unlock(&mm->lock);
	return err;
}

/* Every area gets 'set' (mm->lock held); special ones keep theirs. */
static void lock_all_areas(struct mm *mm, unsigned int set)
{
	for (struct vma *v = vma_find(mm, 0); v; v = vma_next(v))
		if (!(v->flags & VM_SPECIAL))
			v->flags = (v->flags & ~VM_LOCK_MASK) | set;
}

static unsigned long total_pages(struct mm *mm)
{
	unsigned long n = 0;

	for (struct vma *v = vma_find(mm, 0); v; v = vma_next(v))
		n += (v->end - v->start) >> PAGE_SHIFT;
	return n;
}

SYSCALL_DEFINE1(mlockall, int, flags)
{
	struct mm *mm = current_task()->mm;
	unsigned int set = VM_LOCKED | ((flags & MCL_ONFAULT) ? VM_LOCKONFAULT : 0);
	long err = 0;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!may_lock())
		return -EPERM;
	mutex_lock(&mm->lock);
	if ((flags & MCL_CURRENT) && !lock_privileged() &&
	    total_pages(mm) > rlimit_cur(RLIMIT_MEMLOCK) >> PAGE_SHIFT) {
		err = -ENOMEM;
	} else {
		mm->def_flags = (flags & MCL_FUTURE) ? set : 0;
		if (flags & MCL_CURRENT) {
			lock_all_areas(mm, set);
			vm_populate_locked(mm, 0, ~0ul);	/* errors ignored, as Linux */
		}
	}
	mutex_unlock(&mm->lock);
	return err;
}

SYSCALL_DEFINE0(munlockall)
{
	struct mm *mm = current_task()->mm;

	mutex_lock(&mm->lock);
	mm->def_flags = 0;
	lock_all_areas(mm, 0);
	mutex_unlock(&mm->lock);
	return 0;
}
