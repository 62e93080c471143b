/* Helpers shared by the address-space files of mm/ (mm->lock held). */
#ifndef MM_VM_INTERNAL_H
#define MM_VM_INTERNAL_H

#include <vm.h>

struct vma *vma_alloc(unsigned long start, unsigned long end, unsigned int prot,
		      unsigned int flags);
void vma_free(struct vma *v);
void vma_insert(struct mm *mm, struct vma *v);
void vma_remove(struct mm *mm, struct vma *v);
struct vma *vma_prev(struct vma *v);
int vma_split(struct mm *mm, struct vma *v, unsigned long addr);
/* Split areas so that [start, end) is made of whole areas. */
int vma_isolate(struct mm *mm, unsigned long start, unsigned long end);
/* dst maps what src maps, delta_pages further on (takes its own references). */
void vma_share_backing(struct vma *dst, const struct vma *src, unsigned long delta_pages);
/* Page index, in the area's object, of the page at va. */
static inline unsigned long vma_pgoff(const struct vma *v, unsigned long va)
{
	return v->pgoff + ((va - v->start) >> PAGE_SHIFT);
}
bool range_is_free(struct mm *mm, unsigned long addr, unsigned long len);

/* Page-table rights for an area's pages (write withheld from private pages). */
unsigned int vma_mmu_prot(const struct vma *v, bool writable);

/* Fault handling inside an area (fault.c): no rights check, mm->lock held. */
int fault_resolve(struct mm *mm, struct vma *v, unsigned long page_va, unsigned int fault_flags);
int break_cow(struct mm *mm, struct vma *v, unsigned long page_va);
/*
 * Fault in every page of [from, to) inside v as a read (or a write) would,
 * without checking v's rights: 0, or fault_resolve()'s error.
 */
int vm_populate(struct mm *mm, struct vma *v, unsigned long from, unsigned long to, bool write);

/* mlock.c (mm->lock held): may 'more' pages be locked (RLIMIT_MEMLOCK)? */
bool vm_lock_fits(struct mm *mm, unsigned long more);
/* mmap's checks for a new area of len bytes locked by MAP_LOCKED or mlockall: 0, -EPERM, -EAGAIN. */
long vm_lock_new_area(struct mm *mm, bool map_locked, unsigned long len);
/* Fault in the locked (not on-fault) areas' pages in [start, end): 0 or mlock's errno. */
int vm_populate_locked(struct mm *mm, unsigned long start, unsigned long end);

/* File mappings (file_map.c). */
void file_map_link(struct vma *v);
void file_map_unlink(struct vma *v);
/* A missing page of a file area (not present fault); 0 or -EIO/-ENOMEM. */
int file_map_fault(struct mm *mm, struct vma *v, unsigned long page_va, bool write);
/* A write fault in a shared area of a file is being resolved: stamp the file's times. */
void file_map_write_fault(struct vma *v);

/* Shared anonymous memory: the pages all MAP_SHARED mappers see. */
struct shared_anon *shared_anon_create(unsigned long npages);
void shared_anon_get(struct shared_anon *s);
void shared_anon_put(struct shared_anon *s);
void shared_anon_zero(struct shared_anon *s, unsigned long from, unsigned long to);
/* The page at index (allocated zeroed on first use), with a new reference. */
struct page *shared_anon_page(struct shared_anon *s, unsigned long index);
unsigned long shared_anon_pages(const struct shared_anon *s);

#endif
