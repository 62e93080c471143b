/*
 * Virtual memory areas: the tree, splitting, and the placement of new
 * mappings.  Everything here runs with mm->lock held.  An area of a file
 * is also on that file's list of mappers (page_cache.mappers) exactly
 * while it is in its mm's tree, so truncate can find every address space
 * that maps the file (mm/file_map.c).
 */
#include <errno.h>
#include <file.h>
#include <kmalloc.h>
#include <uapi/mman.h>
#include <vfs.h>
#include <vm.h>
#include <arch/mmu.h>
#include "vm_internal.h"

struct vma *vma_find(struct mm *mm, unsigned long addr)
{
	struct rb_node *n = mm->vmas.node;
	struct vma *best = NULL;

	while (n) {
		struct vma *v = rb_entry(n, struct vma, node);

		if (addr < v->end) {
			best = v;
			if (addr >= v->start)
				break;
			n = n->left;
		} else {
			n = n->right;
		}
	}
	return best;
}

struct vma *vma_next(struct vma *v)
{
	struct rb_node *n = rb_next(&v->node);

	return n ? rb_entry(n, struct vma, node) : NULL;
}

struct vma *vma_prev(struct vma *v)
{
	struct rb_node *n = rb_prev(&v->node);

	return n ? rb_entry(n, struct vma, node) : NULL;
}

void vma_insert(struct mm *mm, struct vma *v)
{
	struct rb_node **link = &mm->vmas.node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (v->start < rb_entry(parent, struct vma, node)->start)
			link = &parent->left;
		else
			link = &parent->right;
	}
	rb_link_node(&v->node, parent, link);
	rb_insert_fixup(&mm->vmas, &v->node);
	mm->nr_vmas++;
	v->mm = mm;
	if (v->file)
		file_map_link(v);
}

void vma_remove(struct mm *mm, struct vma *v)
{
	if (v->file)
		file_map_unlink(v);
	rb_erase(&mm->vmas, &v->node);
	mm->nr_vmas--;
}

/*
 * Free an area that is in no tree.  The file reference may be the last
 * one; dropping it here, under mm->lock, is allowed because the release
 * of a mappable file takes no lock above mm->lock (docs/locking.md).
 */
void vma_free(struct vma *v)
{
	if (v->shared)
		shared_anon_put(v->shared);
	if (v->file)
		file_put(v->file);
	kfree(v);
}

void vma_share_backing(struct vma *dst, const struct vma *src, unsigned long delta_pages)
{
	dst->pgoff = src->pgoff + delta_pages;
	if (src->shared) {
		dst->shared = src->shared;
		shared_anon_get(src->shared);
	}
	if (src->file) {
		dst->file = src->file;
		file_get(src->file);
	}
}

struct vma *vma_alloc(unsigned long start, unsigned long end, unsigned int prot,
		      unsigned int flags)
{
	struct vma *v = kzalloc(sizeof(*v));

	if (!v)
		return NULL;
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags;
	return v;
}

/* Split v at addr (inside it): v keeps [start, addr), a new area gets the rest. */
int vma_split(struct mm *mm, struct vma *v, unsigned long addr)
{
	struct vma *tail = vma_alloc(addr, v->end, v->prot, v->flags);

	if (!tail)
		return -ENOMEM;
	vma_share_backing(tail, v, (addr - v->start) >> PAGE_SHIFT);
	v->end = addr;
	vma_insert(mm, tail);
	return 0;
}

/* Is [addr, addr+len) free of areas? */
bool range_is_free(struct mm *mm, unsigned long addr, unsigned long len)
{
	struct vma *v = vma_find(mm, addr);

	return !v || v->start >= addr + len;
}

/*
 * Find room for len bytes: at the hint if it is free, else top-down below
 * mmap_base like Linux's default layout.  Returns the address or -ENOMEM.
 */
long vma_find_free(struct mm *mm, unsigned long hint, unsigned long len)
{
	unsigned long top = mm->mmap_base;
	struct rb_node *n;

	if (hint >= USER_MIN_ADDR && hint <= USER_SPACE_END - len &&
	    range_is_free(mm, hint, len))
		return (long)hint;
	for (n = rb_last(&mm->vmas); n; n = rb_prev(n)) {
		struct vma *v = rb_entry(n, struct vma, node);

		if (v->start >= top)
			continue;
		if (v->end <= top && top - v->end >= len)
			break;
		top = v->start;
	}
	if (top < len || top - len < USER_MIN_ADDR)
		return -ENOMEM;
	return (long)(top - len);
}
