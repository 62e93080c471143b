/*
 * Page-frame allocator: the buddy core (buddy.c) over all of RAM, set up
 * from the boot memory map.
 *
 * Boot order:
 *   page_alloc_init()             mem_map placed below 4 GiB (the boot page
 *                                 tables reach only that far), frames below
 *                                 4 GiB made available
 *   mmu_init_kernel()             final page tables, direct map of all RAM
 *   page_alloc_add_high_memory()  frames above 4 GiB made available
 *
 * Frames that are never made available: the first MiB (firmware data, and
 * later the AP start-up trampoline), the kernel image, the initrd, and
 * mem_map itself.  zone_lock protects the buddy state; it is taken with
 * interrupts off so interrupt handlers may allocate.
 */
#include <boot_info.h>
#include <errno.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <spinlock.h>
#include <string.h>
#include "buddy.h"

#define LOW_RESERVED_END	0x100000ull
#define BOOT_MAPPED_LIMIT	(4ull << 30)
#define MAX_RESERVED		8

struct range {
	u64 start, end;		/* physical, [start, end) */
};

struct page *mem_map;
u64 max_pfn;

static DEFINE_SPINLOCK(zone_lock);
static struct buddy zone;		/* zone_lock */
static u64 total_pages;			/* immutable after boot */
static struct range reserved[MAX_RESERVED];	/* boot only */
static unsigned int nr_reserved;

extern const char _kernel_phys_start[], _kernel_end[];

static void reserve(u64 start, u64 end)
{
	if (nr_reserved == MAX_RESERVED)
		panic("page_alloc: too many reserved ranges");
	reserved[nr_reserved].start = ALIGN_DOWN(start, PAGE_SIZE);
	reserved[nr_reserved].end = ALIGN_UP(end, PAGE_SIZE);
	nr_reserved++;
}

static const struct range *first_overlap(u64 start, u64 end)
{
	const struct range *best = NULL;

	for (unsigned int i = 0; i < nr_reserved; i++) {
		const struct range *r = &reserved[i];

		if (r->start < end && r->end > start && (!best || r->start < best->start))
			best = r;
	}
	return best;
}

/* Make [start, end) available, skipping reserved ranges. */
static void add_usable(u64 start, u64 end)
{
	while (start < end) {
		const struct range *r = first_overlap(start, end);
		u64 stop = r ? MAX(r->start, start) : end;

		if (stop > start) {
			buddy_add_range(&zone, start >> PAGE_SHIFT, (stop - start) >> PAGE_SHIFT);
			total_pages += (stop - start) >> PAGE_SHIFT;
		}
		if (!r)
			break;
		start = r->end;
	}
}

/* Call fn on the page-aligned part of each usable region within [lo, hi). */
static void for_each_usable(u64 lo, u64 hi, void (*fn)(u64, u64))
{
	for (unsigned int i = 0; i < boot_info.memmap_count; i++) {
		const struct boot_mem_region *m = &boot_info.memmap[i];
		u64 start = ALIGN_UP(m->base, PAGE_SIZE);
		u64 end = ALIGN_DOWN(m->base + m->size, PAGE_SIZE);

		if (m->type != BOOT_MEM_USABLE)
			continue;
		start = MAX(start, lo);
		end = MIN(end, hi);
		if (start < end)
			fn(start, end);
	}
}

static u64 found_mem_map;
static u64 mem_map_bytes;

static void try_place_mem_map(u64 start, u64 end)
{
	while (!found_mem_map && start + mem_map_bytes <= end) {
		const struct range *r = first_overlap(start, start + mem_map_bytes);

		if (!r)
			found_mem_map = start;
		else
			start = r->end;
	}
}

static void note_max_pfn(u64 start, u64 end)
{
	(void)start;
	max_pfn = MAX(max_pfn, end >> PAGE_SHIFT);
}

void page_alloc_init(void)
{
	for_each_usable(0, ~0ull, note_max_pfn);
	if (max_pfn == 0)
		panic("page_alloc: the memory map lists no usable RAM");

	reserve(0, LOW_RESERVED_END);
	reserve((u64)_kernel_phys_start, virt_to_phys(_kernel_end));
	if (boot_info.initrd_size)
		reserve(boot_info.initrd_base, boot_info.initrd_base + boot_info.initrd_size);

	mem_map_bytes = ALIGN_UP(max_pfn * sizeof(struct page), PAGE_SIZE);
	for_each_usable(0, BOOT_MAPPED_LIMIT, try_place_mem_map);
	if (!found_mem_map)
		panic("page_alloc: no room for %llu KiB of page descriptors below 4 GiB",
		      (unsigned long long)mem_map_bytes / 1024);
	reserve(found_mem_map, found_mem_map + mem_map_bytes);
	mem_map = phys_to_virt(found_mem_map);

	buddy_init(&zone, mem_map, 0, max_pfn);
	for_each_usable(0, BOOT_MAPPED_LIMIT, add_usable);
	pr_info("page_alloc: mem_map %llu KiB at 0x%llx for %llu frames\n",
		(unsigned long long)mem_map_bytes / 1024, (unsigned long long)found_mem_map,
		(unsigned long long)max_pfn);
}

void page_alloc_add_high_memory(void)
{
	for_each_usable(BOOT_MAPPED_LIMIT, ~0ull, add_usable);
	pr_info("page_alloc: %llu KiB available of %llu KiB managed\n",
		(unsigned long long)mm_free_pages() * 4, (unsigned long long)total_pages * 4);
}

struct page *virt_to_page(const void *va)
{
	unsigned long v = (unsigned long)va;
	u64 pfn;

	if (v >= DIRECT_MAP_BASE && v < DIRECT_MAP_END)
		pfn = (v - DIRECT_MAP_BASE) >> PAGE_SHIFT;
	else if (v >= KERNEL_VIRT_BASE)
		pfn = (v - KERNEL_VIRT_BASE) >> PAGE_SHIFT;
	else
		return NULL;
	return pfn < max_pfn ? pfn_to_page(pfn) : NULL;
}

struct page *alloc_pages(unsigned int gfp, unsigned int order)
{
	unsigned long flags = spin_lock_irqsave(&zone_lock);
	struct page *p = buddy_alloc(&zone, order);

	spin_unlock_irqrestore(&zone_lock, flags);
	if (!p)
		return NULL;
	p->refcount = 1;
	if (gfp & GFP_ZERO)
		memset(page_address(p), 0, PAGE_SIZE << order);
	return p;
}

static void release_block(struct page *p, unsigned int order)
{
	unsigned long flags = spin_lock_irqsave(&zone_lock);
	int err = buddy_free(&zone, p, order);

	spin_unlock_irqrestore(&zone_lock, flags);
	if (err)
		panic("free_pages: frame 0x%llx (order %u) is not an allocated block",
		      (unsigned long long)page_to_phys(p), order);
}

void free_pages(struct page *p, unsigned int order)
{
	s32 left = __atomic_sub_fetch(&p->refcount, 1, __ATOMIC_ACQ_REL);

	if (left == 0)
		release_block(p, order);
	else if (left < 0)
		panic("free_pages: frame 0x%llx freed twice",
		      (unsigned long long)page_to_phys(p));
}

void get_page(struct page *p)
{
	__atomic_add_fetch(&p->refcount, 1, __ATOMIC_RELAXED);
}

void put_page(struct page *p)
{
	free_pages(p, p->order);
}

u64 mm_free_pages(void)
{
	return READ_ONCE(zone.free_pages);
}

u64 mm_total_pages(void)
{
	return total_pages;
}
