/*
 * madvise(2) and mincore(2): advice about a range of the address space,
 * and which of its pages are resident.
 *
 * madvise: MADV_DONTNEED (and MADV_DONTNEED_LOCKED; nothing is ever
 * locked here) really drops the range's pages: a private page reads as
 * zero (anonymous) or as the file's current contents again, a shared one
 * as the shared contents.  MADV_FREE may drop private anonymous pages
 * lazily; we drop them at once, which Linux also allows.  MADV_DONTFORK
 * and MADV_WIPEONFORK (private anonymous only) mark areas that a forked
 * child does not get, or gets empty; MADV_DOFORK and MADV_KEEPONFORK
 * undo that.  MADV_POPULATE_READ/WRITE fault the pages in now, as a read
 * or a write would.  Pure hints that change no semantics (access
 * patterns, KSM, huge pages, dump filters, cold/pageout) are accepted and
 * ignored after the same checks.  MADV_REMOVE punches a hole in the
 * file behind a shared writable area (fallocate(PUNCH_HOLE), with
 * mm->lock dropped, as Linux does): every mapper then reads zeroes there.
 * The memory-failure injections are not implemented: -EINVAL, what a
 * Linux built without them returns.
 *
 * As on Linux, the advice goes to each area of the range in turn; a hole
 * gives -ENOMEM once the mapped parts are done, an area the advice does
 * not fit stops the walk with -EINVAL.
 */
#include <errno.h>
#include <mm.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <uapi/fcntl.h>
#include <uapi/mman.h>
#include <vfs.h>
#include <vm.h>
#include <arch/mmu.h>
#include "vm_internal.h"

/* Give advice to [from, to), which lies inside area v; may split v. */
typedef long (*advice_fn)(struct mm *mm, struct vma *v, unsigned long from, unsigned long to,
			  int advice);

static long advise_nothing(struct mm *mm, struct vma *v, unsigned long from, unsigned long to,
			   int advice)
{
	return 0;
}

static long advise_drop(struct mm *mm, struct vma *v, unsigned long from, unsigned long to,
			int advice)
{
	if (advice == MADV_FREE && (v->file || (v->flags & VM_SHARED)))
		return -EINVAL;		/* MADV_FREE: private anonymous memory only */
	if (advice != MADV_DONTNEED_LOCKED && (v->flags & VM_LOCKED))
		return -EINVAL;		/* locked pages stay */
	mmu_unmap_put(mm->root, from, to);
	return 0;
}

static long advise_fork(struct mm *mm, struct vma *v, unsigned long from, unsigned long to,
			int advice)
{
	unsigned int set = 0, clear = 0;
	long err;

	switch (advice) {
	case MADV_DONTFORK: set = VM_DONTCOPY; break;
	case MADV_DOFORK: clear = VM_DONTCOPY; break;
	case MADV_WIPEONFORK: set = VM_WIPEONFORK; break;
	case MADV_KEEPONFORK: clear = VM_WIPEONFORK; break;
	}
	if (advice == MADV_WIPEONFORK && (v->file || (v->flags & VM_SHARED)))
		return -EINVAL;
	err = vma_isolate(mm, from, to);
	if (err)
		return err;
	v = vma_find(mm, from);
	v->flags = (v->flags | set) & ~clear;
	return 0;
}

/* Fault in [from, to) as reads or writes would (MADV_POPULATE_*). */
static long advise_populate(struct mm *mm, struct vma *v, unsigned long from,
			    unsigned long to, int advice)
{
	bool write = advice == MADV_POPULATE_WRITE;
	int err;

	if (!(v->prot & (write ? PROT_WRITE : PROT_READ)))
		return -EINVAL;		/* the access would not be allowed */
	err = vm_populate(mm, v, from, to, write);
	return err == -EIO ? -EFAULT : err;	/* -EFAULT: where an access gets SIGBUS */
}

static advice_fn advice_handler(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP: case MADV_COLD:
	case MADV_PAGEOUT:
		return advise_nothing;
	case MADV_DONTNEED: case MADV_DONTNEED_LOCKED: case MADV_FREE:
		return advise_drop;
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
		return advise_fork;
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
		return advise_populate;
	default:
		return NULL;
	}
}

/* Apply fn to every area part in [start, end); -ENOMEM for holes. */
static long advise_range(struct mm *mm, unsigned long start, unsigned long end, advice_fn fn,
			 int advice)
{
	unsigned long cur = start;
	struct vma *v = vma_find(mm, start);
	long hole = 0;

	while (cur < end && v && v->start < end) {
		unsigned long from = MAX(v->start, cur), to = MIN(v->end, end);
		long err;

		if (v->start > cur)
			hole = -ENOMEM;
		err = fn(mm, v, from, to, advice);
		if (err)
			return err;
		cur = to;
		v = vma_find(mm, to);	/* fn may have split the areas */
	}
	return cur < end ? -ENOMEM : hole;
}

/*
 * MADV_REMOVE for the part [from, to) of area v (mm->lock held): checks
 * as Linux's madvise_remove(); a file area gives back the file (with a
 * reference) and the offset to punch, shared anonymous memory is zeroed
 * here.
 */
static long remove_prepare(struct vma *v, unsigned long from, unsigned long to,
			   struct file **f, s64 *offset)
{
	*f = NULL;
	if (v->flags & VM_LOCKED)
		return -EINVAL;
	if (!v->file && !v->shared)
		return -EINVAL;
	/* Debian's 6.1 asks vma_is_shared_maywrite(), not for PROT_WRITE now. */
	if (!(v->flags & VM_SHARED) || (v->file && !(v->flags & VM_MAYWRITE)))
		return -EACCES;
	if (v->shared) {
		shared_anon_zero(v->shared, vma_pgoff(v, from), vma_pgoff(v, to));
		return 0;
	}
	*f = v->file;
	file_get(*f);
	*offset = (s64)vma_pgoff(v, from) << PAGE_SHIFT;
	return 0;
}

/* One area at a time: fallocate takes the inode's lock, which ranks above mm->lock. */
static long madvise_remove(struct mm *mm, unsigned long start, unsigned long end)
{
	long hole = 0;

	while (start < end) {
		struct vma *v;
		struct file *f;
		unsigned long to;
		s64 offset = 0;
		long err;

		mutex_lock(&mm->lock);
		v = vma_find(mm, start);
		if (!v || v->start >= end) {
			mutex_unlock(&mm->lock);
			return -ENOMEM;
		}
		if (v->start > start)
			hole = -ENOMEM;
		start = MAX(v->start, start);
		to = MIN(v->end, end);
		err = remove_prepare(v, start, to, &f, &offset);
		mutex_unlock(&mm->lock);
		if (f) {
			err = vfs_fallocate(f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset,
					    (s64)(to - start));
			file_put(f);
		}
		if (err)
			return err;
		start = to;
	}
	return hole;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, unsigned long, len_in, int, advice)
{
	struct mm *mm = current_task()->mm;
	advice_fn fn = advice_handler(advice);
	unsigned long len = ALIGN_UP(len_in, PAGE_SIZE);
	long ret;

	if ((!fn && advice != MADV_REMOVE) || !IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if (len_in && !len)
		return -EINVAL;		/* rounding up wrapped */
	if (start + len < start)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (start >= USER_SPACE_END || len > USER_SPACE_END - start)
		return -ENOMEM;
	if (advice == MADV_REMOVE)
		return madvise_remove(mm, start, start + len);
	mutex_lock(&mm->lock);
	ret = advise_range(mm, start, start + len, fn, advice);
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
