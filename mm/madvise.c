/*
 * madvise(2) and mincore(2): advice about a range of the address space,
 * and which of its pages are resident.
 *
 * madvise: MADV_DONTNEED (and MADV_DONTNEED_LOCKED; nothing is ever
 * locked here) really drops the range's pages: a private page reads as
 * zero (anonymous) or as the file's current contents again, a shared one
 * as the shared contents.  MADV_FREE may drop anonymous private pages
 * lazily; we drop them at once, which Linux also allows.  Pure hints
 * that change no semantics (access patterns, KSM, huge pages, dump
 * filters, cold/pageout) are accepted and ignored, after the same range
 * checks Linux makes.  Advice that would change semantics we do not
 * implement (MADV_REMOVE, the fork controls, the populate requests) is
 * refused with -EINVAL, what Linux built without the feature returns.
 * As on Linux, a hole in the range gives -ENOMEM after the advice was
 * applied to the mapped parts.
 */
#include <errno.h>
#include <mm.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <uapi/mman.h>
#include <vfs.h>
#include <vm.h>
#include <arch/mmu.h>
#include "vm_internal.h"

enum advice_kind { ADVICE_HINT, ADVICE_DROP, ADVICE_FREE, ADVICE_UNSUPPORTED };

static enum advice_kind classify(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP: case MADV_COLD:
	case MADV_PAGEOUT:
		return ADVICE_HINT;
	case MADV_DONTNEED: case MADV_DONTNEED_LOCKED:
		return ADVICE_DROP;
	case MADV_FREE:
		return ADVICE_FREE;
	default:
		return ADVICE_UNSUPPORTED;
	}
}

/* Apply advice to every area part in [start, end); -ENOMEM for holes. */
static long advise_range(struct mm *mm, unsigned long start, unsigned long end,
			 enum advice_kind kind)
{
	unsigned long cur = start;
	struct vma *v;
	long ret = 0;

	/* MADV_FREE only applies to private anonymous memory (Linux: -EINVAL). */
	for (v = vma_find(mm, start); kind == ADVICE_FREE && v && v->start < end; v = vma_next(v)) {
		if (v->file || (v->flags & VM_SHARED))
			return -EINVAL;
	}
	for (v = vma_find(mm, start); v && v->start < end; v = vma_next(v)) {
		unsigned long from = MAX(v->start, start), to = MIN(v->end, end);

		if (v->start > cur)
			ret = -ENOMEM;
		if (kind != ADVICE_HINT)
			mmu_unmap_put(mm->root, from, to);
		cur = to;
	}
	return cur < end ? -ENOMEM : ret;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, unsigned long, len_in, int, advice)
{
	struct mm *mm = current_task()->mm;
	enum advice_kind kind = classify(advice);
	unsigned long len = ALIGN_UP(len_in, PAGE_SIZE);
	long ret;

	if (kind == ADVICE_UNSUPPORTED || !IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if (len_in && !len)
		return -EINVAL;		/* rounding up wrapped */
	if (start + len < start)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (start >= USER_SPACE_END || len > USER_SPACE_END - start)
		return -ENOMEM;
	mutex_lock(&mm->lock);
	ret = advise_range(mm, start, start + len, kind);
	mutex_unlock(&mm->lock);
	return ret;
}

/* --- mincore ------------------------------------------------------------------ */

#define MINCORE_CHUNK	256	/* pages reported per pass under mm->lock */

/* Is the page at va resident: mapped here, or (files) in the page cache? */
static u8 page_resident(struct mm *mm, struct vma *v, unsigned long va)
{
	struct page *p;

	if (mmu_translate(mm->root, va, NULL, NULL))
		return 1;
	if (!v->file)
		return 0;
	p = page_cache_lookup(&v->file->inode->pages, vma_pgoff(v, va));
	if (!p)
		return 0;
	put_page(p);
	return 1;
}

/* Fill vec for n pages from va; -ENOMEM when one is not mapped. */
static long mincore_chunk(struct mm *mm, unsigned long va, size_t n, u8 *vec)
{
	long ret = 0;

	mutex_lock(&mm->lock);
	for (size_t i = 0; i < n; i++, va += PAGE_SIZE) {
		struct vma *v = vma_find(mm, va);

		if (!v || v->start > va) {
			ret = -ENOMEM;
			break;
		}
		vec[i] = page_resident(mm, v, va);
	}
	mutex_unlock(&mm->lock);
	return ret;
}

SYSCALL_DEFINE3(mincore, unsigned long, start, unsigned long, len, u8 __user *, uvec)
{
	struct mm *mm = current_task()->mm;
	u8 vec[MINCORE_CHUNK];
	unsigned long pages;

	if (!IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if (start >= USER_SPACE_END || len > USER_SPACE_END - start)
		return -ENOMEM;
	pages = ALIGN_UP(len, PAGE_SIZE) >> PAGE_SHIFT;
	if (!access_ok(uvec, pages))
		return -EFAULT;
	while (pages) {
		size_t n = MIN(pages, (unsigned long)MINCORE_CHUNK);
		long err = mincore_chunk(mm, start, n, vec);

		if (err)
			return err;
		if (copy_to_user(uvec, vec, n))
			return -EFAULT;
		uvec += n;
		start += n << PAGE_SHIFT;
		pages -= n;
	}
	return 0;
}
