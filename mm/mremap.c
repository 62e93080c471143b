/*
 * mremap(2): shrink a mapping in place, grow it in place when the space
 * behind it is free, or (MREMAP_MAYMOVE) move it elsewhere, carrying its
 * pages along without copying them; MREMAP_DONTUNMAP moves the pages and
 * leaves the old range mapped and empty.  The old range must lie within one
 * area, as Linux requires.  A file mapping keeps its file offset: the
 * moved area starts at the page index the old range had.
 */
#include <errno.h>
#include <kmalloc.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/mman.h>
#include <vm.h>
#include <arch/mmu.h>
#include "vm_internal.h"

/*
 * MREMAP_DONTUNMAP: the old range stays mapped but empty (its pages went
 * with the move), so it faults afresh: zeroes for private anonymous
 * memory, the shared pages or the file's again otherwise.  As Linux, it
 * is no longer locked.
 */
static void keep_old_range(struct mm *mm, unsigned long old, size_t len)
{
	struct vma *v;

	if (vma_isolate(mm, old, old + len))
		return;		/* out of memory splitting: it stays as it was */
	v = vma_find(mm, old);
	if (v)
		v->flags &= ~VM_LOCK_MASK;
}

/* Move [old, old+old_len) of v to a new area at 'to' of new_len bytes. */
static long move_mapping(struct mm *mm, struct vma *v, unsigned long old, size_t old_len,
			 unsigned long to, size_t new_len, bool keep_old)
{
	struct vma *nv = vma_alloc(to, to + new_len, v->prot, v->flags);
	int err;

	if (!nv)
		return -ENOMEM;
	vma_share_backing(nv, v, (old - v->start) >> PAGE_SHIFT);
	if (v->shared && nv->pgoff + (new_len >> PAGE_SHIFT) > shared_anon_pages(v->shared)) {
		vma_free(nv);
		return -ENOMEM;	/* a shared object cannot grow behind other mappers */
	}
	err = mmu_move_range(mm->root, old, to, MIN(old_len, new_len));
	if (err) {
		vma_free(nv);
		return err;
	}
	vma_insert(mm, nv);
	if (keep_old)
		keep_old_range(mm, old, old_len);
	else	/* what is left of the old range has no pages any more: drop the area part */
		vm_unmap(mm, old, old_len);
	return (long)to;
}

/*
 * MREMAP_DONTUNMAP (same size, MREMAP_MAYMOVE checked): the pages move to
 * new_addr (exactly with MREMAP_FIXED, else as a hint), the old range
 * stays; Linux's checks: not the vDSO, in range, no overlap.
 */
static long move_keeping_old(struct mm *mm, struct vma *v, unsigned long old, size_t len,
			     unsigned int flags, unsigned long new_addr)
{
	long to;

	if (v->flags & VM_SPECIAL)
		return -EINVAL;
	if (!IS_ALIGNED(new_addr, PAGE_SIZE) || len > USER_SPACE_END ||
	    new_addr > USER_SPACE_END - len)
		return -EINVAL;
	if (old + len > new_addr && new_addr + len > old)
		return -EINVAL;		/* the ranges may not overlap */
	if (flags & MREMAP_FIXED) {
		to = vm_unmap(mm, new_addr, len);
		if (to)
			return to;
		to = (long)new_addr;
	} else {
		to = vma_find_free(mm, new_addr, len);
		if (to < 0)
			return to;
	}
	v = vma_find(mm, old);		/* the unmap may have split it */
	return move_mapping(mm, v, old, len, (unsigned long)to, len, true);
}

/*
 * old_len 0 on a shared mapping: a second mapping of the same pages (Linux
 * keeps this old trick; a private one is EINVAL).  Only by moving: without
 * MREMAP_MAYMOVE there is nowhere to put it (ENOMEM).
 */
static long duplicate_shared(struct mm *mm, struct vma *v, unsigned long old, size_t new_len,
			     unsigned int flags, unsigned long new_addr)
{
	struct vma *nv;
	long to;

	if (!(v->flags & VM_SHARED) || (v->flags & VM_SPECIAL))
		return -EINVAL;
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		if (new_len > USER_SPACE_END || new_addr > USER_SPACE_END - new_len)
			return -EINVAL;
		to = vm_unmap(mm, new_addr, new_len);
		if (to)
			return to;
		to = (long)new_addr;
		v = vma_find(mm, old);
		if (!v || v->start > old)
			return -EFAULT;		/* the unmap took the source */
	} else {
		to = vma_find_free(mm, 0, new_len);
		if (to < 0)
			return to;
	}
	nv = vma_alloc((unsigned long)to, (unsigned long)to + new_len, v->prot, v->flags);
	if (!nv)
		return -ENOMEM;
	vma_share_backing(nv, v, (old - v->start) >> PAGE_SHIFT);
	if (v->shared && nv->pgoff + (new_len >> PAGE_SHIFT) > shared_anon_pages(v->shared)) {
		vma_free(nv);
		return -ENOMEM;	/* past the end of the shared object */
	}
	vma_insert(mm, nv);
	return to;
}

static long do_mremap(struct mm *mm, unsigned long old, size_t old_len, size_t new_len,
		      unsigned int flags, unsigned long new_addr)
{
	struct vma *v = vma_find(mm, old);
	long to;

	if (!v || v->start > old || old + old_len > v->end)
		return -EFAULT;
	if (!old_len)
		return duplicate_shared(mm, v, old, new_len, flags, new_addr);
	if ((v->flags & VM_SPECIAL) && (old != v->start || old_len != v->end - v->start ||
					new_len != old_len))
		return -EINVAL;		/* the vDSO moves whole, never resized */
	if (flags & MREMAP_DONTUNMAP)
		return move_keeping_old(mm, v, old, old_len, flags, new_addr);
	if (new_len <= old_len && !(flags & MREMAP_FIXED)) {
		if (new_len < old_len) {
			long err = vm_unmap(mm, old + new_len, old_len - new_len);

			if (err)
				return err;
		}
		return (long)old;
	}
	if (!(flags & MREMAP_FIXED) && old + old_len == v->end &&
	    range_is_free(mm, v->end, new_len - old_len) &&
	    old + new_len <= USER_SPACE_END && !v->shared) {
		v->end = old + new_len;		/* grow in place */
		return (long)old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		if (new_addr + new_len > USER_SPACE_END)
			return -EINVAL;
		if (new_addr < old + old_len && old < new_addr + new_len)
			return -EINVAL;		/* the ranges may not overlap */
		to = vm_unmap(mm, new_addr, new_len);
		if (to)
			return to;
		to = (long)new_addr;
	} else {
		to = vma_find_free(mm, 0, new_len);
		if (to < 0)
			return to;
	}
	return move_mapping(mm, v, old, old_len, (unsigned long)to, new_len, false);
}

SYSCALL_DEFINE5(mremap, unsigned long, old, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm *mm = current_task()->mm;
	long ret;

	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* Always a move, never a resize (Linux compares the lengths unrounded). */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (!IS_ALIGNED(old, PAGE_SIZE) ||
	    ((flags & MREMAP_FIXED) && !IS_ALIGNED(new_addr, PAGE_SIZE)))
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len || old_len > USER_SPACE_END || new_len > USER_SPACE_END)
		return -EINVAL;
	mutex_lock(&mm->lock);
	ret = do_mremap(mm, old, old_len, new_len, (unsigned int)flags, new_addr);
	mutex_unlock(&mm->lock);
	return ret;
}
