/*
 * Physical memory: one struct page per page frame, and the buddy
 * allocator that hands frames out in power-of-two blocks.
 *
 * Every frame from pfn 0 to the highest usable frame has a struct page in
 * mem_map[].  A frame is in exactly one state: reserved (firmware, kernel
 * image, holes), free (inside a buddy block), or allocated (refcount >= 1).
 * Allocated pages start with refcount 1; get_page()/put_page() share them
 * (copy-on-write and the page cache build on this) and the last put_page()
 * frees the page.
 */
#ifndef MM_H
#define MM_H

#include <types.h>
#include <list.h>
#include <arch/memory.h>

#define MAX_ORDER	11	/* orders 0..10: blocks of 4 KiB .. 4 MiB */

/* struct page flags */
#define PG_RESERVED	(1u << 0)	/* never given to the allocator */
#define PG_BUDDY	(1u << 1)	/* head of a free buddy block; 'order' valid */
#define PG_HEAD		(1u << 2)	/* first page of an allocated block; 'order' valid */
#define PG_SLAB		(1u << 3)	/* owned by a kmalloc cache */

struct kmem_cache;

struct page {
	u32 flags;
	u32 order;			/* with PG_BUDDY or PG_HEAD */
	s32 refcount;			/* atomic; 0 when free or reserved */
	u32 slab_inuse;			/* PG_SLAB: objects handed out */
	struct list_head list;		/* buddy free list, or the cache's slab list */
	struct kmem_cache *slab_cache;	/* PG_SLAB */
	void *slab_freelist;		/* PG_SLAB: first free object */
};

extern struct page *mem_map;		/* immutable after boot */
extern u64 max_pfn;			/* one past the highest frame in mem_map */

static inline struct page *pfn_to_page(u64 pfn)
{
	return &mem_map[pfn];
}

static inline u64 page_to_pfn(const struct page *p)
{
	return (u64)(p - mem_map);
}

static inline phys_addr_t page_to_phys(const struct page *p)
{
	return page_to_pfn(p) << PAGE_SHIFT;
}

static inline void *page_address(const struct page *p)
{
	return phys_to_virt(page_to_phys(p));
}

/* The struct page of a direct-map address, or NULL if it is not one. */
struct page *virt_to_page(const void *va);

/* Allocation flags */
#define GFP_KERNEL	0u
#define GFP_ZERO	(1u << 0)	/* fill with zeroes */

/*
 * Allocate 2^order contiguous frames with refcount 1; NULL when memory is
 * exhausted.  Never sleeps for now; safe with interrupts off.
 */
struct page *alloc_pages(unsigned int gfp, unsigned int order);
void free_pages(struct page *p, unsigned int order);

static inline struct page *alloc_page(unsigned int gfp)
{
	return alloc_pages(gfp, 0);
}

static inline void free_page(struct page *p)
{
	free_pages(p, 0);
}

void get_page(struct page *p);
/* Drop a reference; the last one frees the block (order from PG_HEAD). */
void put_page(struct page *p);

/* Statistics in pages. */
u64 mm_free_pages(void);
u64 mm_total_pages(void);

/* Boot: all of memory management, called once from kernel_main. */
void mm_init(void);
/* Print what the kernel itself uses: image, page descriptors, allocations. */
void mm_print_usage(void);

/* Boot steps of mm_init(); see mm/page_alloc.c for their order. */
void page_alloc_init(void);
void page_alloc_add_high_memory(void);

#endif
