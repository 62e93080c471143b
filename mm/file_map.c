/*
 * File mappings: areas whose pages come from a file's page cache.
 *
 * Model.  An area of a file holds a reference on the struct file and
 * knows the page index of its first page (vma->pgoff).  A fault on a
 * missing page asks the file for that page (file_get_page(), which adds a
 * zeroed page for a hole) and maps it:
 *   - MAP_SHARED maps the page-cache page itself, writable if the area
 *     is: stores land in the cache, so read(2) sees them, and write(2)
 *     into the cache is seen through every mapping at once;
 *   - MAP_PRIVATE maps the same page read-only; the first write copies it
 *     (break_cow() in fault.c: the cache always holds its own reference,
 *     so the copy is never skipped).  Until then, file writes show
 *     through; after it, the private copy is all the area sees.
 * Every page-table entry holds one page reference, so a page stays valid
 * while mapped even if the cache drops it.
 *
 * Times.  As Linux does for files without a page_mkwrite op (tmpfs),
 * every write fault in a shared area stamps the file's mtime and ctime:
 * the first store into a page not yet mapped, or into one mapped
 * read-only.  Pages of a writable shared area are mapped writable even
 * on a read fault, so later stores go unnoticed, as on Linux.
 *
 * End of file.  A page wholly past EOF is never mapped: the fault
 * returns -EIO and the task gets SIGBUS (BUS_ADRERR); the tail of the
 * last page reads as zeroes because the cache keeps it zeroed.
 *
 * Truncate.  Shrinking a file must also take the cut pages out of every
 * address space, or they would stay reachable through old page-table
 * entries.  Each page cache keeps the list of areas mapping it
 * ('mappers', under the cache's spinlock; an area is on it exactly while
 * it is in its mm's tree).  vm_truncate_mappings() runs after the new
 * size is visible and the cache is cut, with the inode lock held; it
 * visits the address spaces one at a time: under the list lock it picks
 * an mm that still has an area not visited by this sweep and takes a
 * user reference on it (never reviving one whose teardown has begun),
 * drops the list lock, takes mm->lock and unmaps, in each of that mm's
 * areas of the file, every page from the new end on (private copies too,
 * as Linux does), marking the areas visited.  Areas created meanwhile
 * (fork, split, mremap copy old entries) are unvisited and get swept on a
 * later round.  A fault that read the old size before the sweep holds
 * its mm->lock, so the sweep waits for it and removes what it mapped;
 * the caller then cuts the cache once more for any page such a fault
 * added behind the first cut (fs/filemap.c generic_truncate()).
 *
 * Hole punching (fallocate PUNCH_HOLE, MADV_REMOVE) uses the same sweep
 * for a range: the file system takes a chunk of pages out of the cache
 * and vm_unmap_cache_pages() removes the entries that map exactly those
 * pages, so private copies survive, as on Linux (fs/filemap.c
 * generic_punch_pages()).
 *
 * Locks: mm->lock (mutex) above page_cache->lock (spinlock).  Truncate
 * holds inode->lock, then mm->lock; the list lock is never held while
 * taking a mutex.
 */
#include <errno.h>
#include <mm.h>
#include <string.h>
#include <vfs.h>
#include <vm.h>
#include <arch/mmu.h>
#include "vm_internal.h"

static struct page_cache *area_cache(const struct vma *v)
{
	return &v->file->inode->pages;
}

void file_map_link(struct vma *v)
{
	struct page_cache *pc = area_cache(v);

	spin_lock(&pc->lock);
	list_add_tail(&v->file_node, &pc->mappers);
	spin_unlock(&pc->lock);
}

void file_map_unlink(struct vma *v)
{
	struct page_cache *pc = area_cache(v);

	spin_lock(&pc->lock);
	list_del(&v->file_node);
	spin_unlock(&pc->lock);
}

/* Is page 'index' wholly past the end of the file? */
static bool past_eof(const struct file *f, unsigned long index)
{
	u64 size = READ_ONCE(f->inode->size);

	return index >= ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT;
}

void file_map_write_fault(struct vma *v)
{
	/*
	 * Without inode->lock, which ranks above mm->lock: Linux's
	 * file_update_time() takes no lock either.  A racing stat may see
	 * seconds and nanoseconds from two different stamps.
	 */
	inode_touch_mctime(v->file->inode);
}

int file_map_fault(struct mm *mm, struct vma *v, unsigned long page_va, bool write)
{
	unsigned long index = vma_pgoff(v, page_va);
	struct page *p, *copy;
	int err;

	if (past_eof(v->file, index))
		return -EIO;
	p = file_get_page(v->file, index);
	if (!p)
		return past_eof(v->file, index) ? -EIO : -ENOMEM;
	if (write && !(v->flags & VM_SHARED)) {
		copy = alloc_page(GFP_KERNEL);	/* a private write: copy at once */
		if (!copy) {
			put_page(p);
			return -ENOMEM;
		}
		memcpy(page_address(copy), page_address(p), PAGE_SIZE);
		put_page(p);
		p = copy;
	}
	err = mmu_set(mm->root, page_va, page_to_phys(p), vma_mmu_prot(v, write));
	if (err)
		put_page(p);
	else if (write && (v->flags & VM_SHARED))
		file_map_write_fault(v);
	return err;
}

/* --- truncate ----------------------------------------------------------------- */

/* An mm with an area of pc this sweep has not visited, with a user reference. */
static struct mm *next_unswept_mm(struct page_cache *pc, u64 gen)
{
	struct mm *found = NULL;
	struct vma *v;

	spin_lock(&pc->lock);
	list_for_each_entry(v, &pc->mappers, file_node) {
		if (READ_ONCE(v->sweep_gen) != gen && mm_tryget(v->mm)) {
			found = v->mm;
			break;
		}
	}
	spin_unlock(&pc->lock);
	return found;
}

/*
 * One sweep over every area mapping a page cache: what to remove from
 * each area, the generation that marks areas visited, and the arguments.
 */
struct sweep {
	struct page_cache *pc;
	u64 gen;
	void (*unmap_area)(struct mm *mm, struct vma *v, const struct sweep *s);
	u64 first;			/* truncate: the first page cut; punch: of 'pages' */
	struct page *const *pages;	/* punch: the pages taken out, by index - first */
	u64 n;				/* punch: how many indexes 'pages' covers */
};

/* Truncate: every page from s->first on, private copies included. */
static void unmap_past(struct mm *mm, struct vma *v, const struct sweep *s)
{
	unsigned long npages = (v->end - v->start) >> PAGE_SHIFT, from;

	if (s->first >= v->pgoff + npages)
		return;		/* all of it stays inside the file */
	from = s->first > v->pgoff ? v->start + ((s->first - v->pgoff) << PAGE_SHIFT) : v->start;
	mmu_unmap_put(mm->root, from, v->end);
}

/* Punch: the entries that map one of the pages taken out (not private copies). */
static void unmap_taken(struct mm *mm, struct vma *v, const struct sweep *s)
{
	u64 npages = (v->end - v->start) >> PAGE_SHIFT;
	u64 lo = MAX(s->first, v->pgoff), hi = MIN(s->first + s->n, v->pgoff + npages);

	for (u64 index = lo; index < hi; index++) {
		struct page *p = s->pages[index - s->first];
		unsigned long va = v->start + ((index - v->pgoff) << PAGE_SHIFT);
		phys_addr_t pa;

		if (p && mmu_translate(mm->root, va, &pa, NULL) && pa == page_to_phys(p))
			mmu_unmap_put(mm->root, va, va + PAGE_SIZE);
	}
}

static void sweep_mm(struct mm *mm, const struct sweep *s)
{
	struct rb_node *n;

	mutex_lock(&mm->lock);
	for (n = rb_first(&mm->vmas); n; n = rb_next(n)) {
		struct vma *v = rb_entry(n, struct vma, node);

		if (!v->file || area_cache(v) != s->pc)
			continue;
		WRITE_ONCE(v->sweep_gen, s->gen);
		s->unmap_area(mm, v, s);
	}
	mutex_unlock(&mm->lock);
}

static void sweep_all(struct sweep *s)
{
	struct mm *mm;

	s->gen = ++s->pc->sweep_gen;
	while ((mm = next_unswept_mm(s->pc, s->gen))) {
		sweep_mm(mm, s);
		mm_put(mm);
	}
}

void vm_truncate_mappings(struct page_cache *pc, u64 pages)
{
	struct sweep s = { .pc = pc, .unmap_area = unmap_past, .first = pages };

	sweep_all(&s);
}

void vm_unmap_cache_pages(struct page_cache *pc, u64 first, struct page *const *pages, u64 n)
{
	struct sweep s = { .pc = pc, .unmap_area = unmap_taken, .first = first, .pages = pages,
			   .n = n };

	sweep_all(&s);
}
