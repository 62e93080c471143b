/*
 * User page faults: find the area, check the access against its rights,
 * then either map a page that was never touched (zeroed, the shared
 * page, or the file's page: file_map.c) or break copy-on-write on a
 * private page: copy it, or take it over when no one else maps it any
 * more.  Stacks grow down into the gap
 * below them on demand, up to RLIMIT_STACK's default.
 */
#include <errno.h>
#include <mm.h>
#include <string.h>
#include <uapi/mman.h>
#include <vm.h>
#include <arch/mmu.h>
#include "vm_internal.h"

unsigned int vma_mmu_prot(const struct vma *v, bool writable)
{
	unsigned int prot = MMU_USER | MMU_READ;

	if (v->prot == PROT_NONE)
		return 0;	/* not present at all: see mmu.h */
	if (v->prot & PROT_EXEC)
		prot |= MMU_EXEC;
	/* Private pages become writable only through a write fault (COW). */
	if ((v->prot & PROT_WRITE) && (writable || (v->flags & VM_SHARED)))
		prot |= MMU_WRITE;
	return prot;
}

static bool access_allowed(const struct vma *v, unsigned int fault_flags)
{
	if (fault_flags & FAULT_WRITE)
		return v->prot & PROT_WRITE;
	if (fault_flags & FAULT_EXEC)
		return v->prot & PROT_EXEC;
	return v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

/* Grow a VM_GROWSDOWN area down to cover addr; -EFAULT when it may not. */
static int grow_stack(struct mm *mm, struct vma *v, unsigned long addr)
{
	struct vma *below = vma_prev(v);
	unsigned long new_start = ALIGN_DOWN(addr, PAGE_SIZE);

	if (!(v->flags & VM_GROWSDOWN) || v->end - new_start > USER_STACK_MAX)
		return -EFAULT;
	if (below && below->end > new_start - PAGE_SIZE)
		return -EFAULT;		/* keep a guard gap to the area below */
	if (new_start < USER_MIN_ADDR)
		return -EFAULT;
	v->start = new_start;
	return 0;
}

/* First touch of an anonymous page: a zeroed frame, or the shared object's. */
static int map_anon_page(struct mm *mm, struct vma *v, unsigned long page_va, bool write)
{
	struct page *p;
	int err;

	if (v->shared)
		p = shared_anon_page(v->shared, vma_pgoff(v, page_va));
	else
		p = alloc_page(GFP_ZERO);
	if (!p)
		return -ENOMEM;
	err = mmu_set(mm->root, page_va, page_to_phys(p), vma_mmu_prot(v, write));
	if (err)
		put_page(p);
	return err;
}

/*
 * A write to a present, write-protected private page: copy it, or take it
 * over when no one else holds it any more.  A page-cache page is always
 * held by its cache too, so it is copied, never written; one that truncate
 * has just dropped from the cache is ours alone and about to be unmapped.
 */
int break_cow(struct mm *mm, struct vma *v, unsigned long page_va)
{
	phys_addr_t pa;
	struct page *old, *copy;
	int err;

	if (!mmu_translate(mm->root, page_va, &pa, NULL))
		return fault_resolve(mm, v, page_va, FAULT_WRITE);
	old = pfn_to_page(pa >> PAGE_SHIFT);
	if (__atomic_load_n(&old->refcount, __ATOMIC_ACQUIRE) == 1)
		return mmu_set(mm->root, page_va, pa, vma_mmu_prot(v, true));
	copy = alloc_page(GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	memcpy(page_address(copy), page_address(old), PAGE_SIZE);
	err = mmu_set(mm->root, page_va, page_to_phys(copy), vma_mmu_prot(v, true));
	if (err) {
		put_page(copy);
		return err;
	}
	put_page(old);
	return 0;
}

int fault_resolve(struct mm *mm, struct vma *v, unsigned long page_va, unsigned int fault_flags)
{
	bool write = fault_flags & FAULT_WRITE;
	unsigned int prot;
	phys_addr_t pa;

	/*
	 * The CPU saw no page, but another thread may have mapped one while
	 * we waited for mm->lock: mapping a fresh page over it would lose
	 * what that thread has written since.
	 */
	if (!(fault_flags & FAULT_PRESENT) && mmu_translate(mm->root, page_va, &pa, &prot) && prot)
		fault_flags |= FAULT_PRESENT;
	if (!(fault_flags & FAULT_PRESENT)) {
		if (v->file)
			return file_map_fault(mm, v, page_va, write);
		return map_anon_page(mm, v, page_va, write);
	}
	if (!write)
		return 0;	/* raced with another thread that fixed it */
	if (v->flags & VM_SHARED) {
		if (!mmu_translate(mm->root, page_va, &pa, NULL))
			return fault_resolve(mm, v, page_va, FAULT_WRITE);
		if (v->file)
			file_map_write_fault(v);
		return mmu_set(mm->root, page_va, pa, vma_mmu_prot(v, true));
	}
	return break_cow(mm, v, page_va);
}

int vm_fault(struct mm *mm, unsigned long addr, unsigned int fault_flags)
{
	struct vma *v;
	int err;

	if (addr >= USER_SPACE_END)
		return -EFAULT;
	mutex_lock(&mm->lock);
	v = vma_find(mm, addr);
	if (!v) {
		err = -EFAULT;
		goto out;
	}
	if (addr < v->start) {
		err = grow_stack(mm, v, addr);
		if (err)
			goto out;
	}
	if (!access_allowed(v, fault_flags)) {
		err = -EACCES;
		goto out;
	}
	if ((v->flags & VM_SPECIAL) && !(fault_flags & FAULT_PRESENT))
		err = -EFAULT;		/* its pages were all set when it was made */
	else
		err = fault_resolve(mm, v, ALIGN_DOWN(addr, PAGE_SIZE), fault_flags);
out:
	mutex_unlock(&mm->lock);
	return err;
}

int vm_populate(struct mm *mm, struct vma *v, unsigned long from, unsigned long to, bool write)
{
	for (unsigned long va = from; va < to; va += PAGE_SIZE) {
		unsigned int prot;
		int err = 0;

		if (!mmu_translate(mm->root, va, NULL, &prot))
			err = fault_resolve(mm, v, va, write ? FAULT_WRITE : 0);
		else if (write && !(prot & MMU_WRITE))
			err = fault_resolve(mm, v, va, FAULT_WRITE | FAULT_PRESENT);
		if (err)
			return err;
	}
	return 0;
}
