/*
 * The buddy algorithm on its own, with no locking and no knowledge of
 * physical addresses, so host unit tests can drive it.  mm/page_alloc.c
 * wraps it with a lock.
 *
 * A free block of order k covers 2^k frames starting at a pfn that is a
 * multiple of 2^k; its first struct page carries PG_BUDDY and the order,
 * and sits on free[k].  Freeing merges a block with its buddy (pfn ^ 2^k)
 * for as long as the buddy is also a free block of the same order.
 */
#ifndef MM_BUDDY_H
#define MM_BUDDY_H

#include <mm.h>

struct buddy {
	struct page *pages;		/* pages[i] describes frame base_pfn + i */
	u64 base_pfn;
	u64 npages;
	struct list_head free[MAX_ORDER];
	u64 nr_free[MAX_ORDER];		/* blocks on each list */
	u64 free_pages;			/* frames in all free blocks */
};

/* Every frame starts reserved; buddy_add_range() makes frames available. */
void buddy_init(struct buddy *b, struct page *pages, u64 base_pfn, u64 npages);
void buddy_add_range(struct buddy *b, u64 pfn, u64 count);

/* A block of 2^order frames (head page returned), or NULL. */
struct page *buddy_alloc(struct buddy *b, unsigned int order);
/* Returns 0, or -EINVAL when p is not an allocated block head (double free). */
int buddy_free(struct buddy *b, struct page *p, unsigned int order);

#endif
