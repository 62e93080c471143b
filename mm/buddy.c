/*
 * Buddy allocator core (see buddy.h for the model).  Allocation takes the
 * smallest free block of at least the requested order and splits it,
 * returning the upper halves to the free lists; that makes a single-page
 * allocation O(1) when free[0] is non-empty and O(MAX_ORDER) at worst.
 */
#include <errno.h>
#include "buddy.h"

static struct page *page_at(struct buddy *b, u64 pfn)
{
	return &b->pages[pfn - b->base_pfn];
}

static u64 pfn_of(struct buddy *b, struct page *p)
{
	return b->base_pfn + (u64)(p - b->pages);
}

static void push_free(struct buddy *b, struct page *p, unsigned int order)
{
	p->flags |= PG_BUDDY;
	p->order = order;
	list_add(&p->list, &b->free[order]);
	b->nr_free[order]++;
}

static void pop_free(struct buddy *b, struct page *p, unsigned int order)
{
	list_del(&p->list);
	p->flags &= ~PG_BUDDY;
	b->nr_free[order]--;
}

void buddy_init(struct buddy *b, struct page *pages, u64 base_pfn, u64 npages)
{
	b->pages = pages;
	b->base_pfn = base_pfn;
	b->npages = npages;
	b->free_pages = 0;
	for (unsigned int i = 0; i < MAX_ORDER; i++) {
		list_init(&b->free[i]);
		b->nr_free[i] = 0;
	}
	for (u64 i = 0; i < npages; i++) {
		pages[i].flags = PG_RESERVED;
		pages[i].order = 0;
		pages[i].refcount = 0;
		list_init(&pages[i].list);
	}
}

/* Merge the free block at pfn upwards as far as its buddies allow. */
static void insert_and_merge(struct buddy *b, u64 pfn, unsigned int order)
{
	while (order < MAX_ORDER - 1) {
		u64 buddy_pfn = pfn ^ (1ull << order);
		struct page *bp;

		if (buddy_pfn < b->base_pfn || buddy_pfn + (1ull << order) > b->base_pfn + b->npages)
			break;
		bp = page_at(b, buddy_pfn);
		if (!(bp->flags & PG_BUDDY) || bp->order != order)
			break;
		pop_free(b, bp, order);
		pfn &= ~(1ull << order);
		order++;
	}
	push_free(b, page_at(b, pfn), order);
}

/* Make one reserved frame available (the slow path for odd overlaps). */
static void add_frame(struct buddy *b, u64 pfn)
{
	struct page *p = page_at(b, pfn);

	if (!(p->flags & PG_RESERVED))
		return;		/* already available: overlapping ranges */
	p->flags &= ~PG_RESERVED;
	b->free_pages++;
	insert_and_merge(b, pfn, 0);
}

static bool block_reserved(struct buddy *b, u64 pfn, unsigned int order)
{
	for (u64 i = 0; i < (1ull << order); i++) {
		if (!(page_at(b, pfn + i)->flags & PG_RESERVED))
			return false;
	}
	return true;
}

/* Largest order whose aligned block starts at pfn and ends by 'end'. */
static unsigned int fitting_order(u64 pfn, u64 end)
{
	unsigned int k = 0;

	while (k + 1 < MAX_ORDER && !(pfn & ((2ull << k) - 1)) && pfn + (2ull << k) <= end)
		k++;
	return k;
}

void buddy_add_range(struct buddy *b, u64 pfn, u64 count)
{
	u64 end = pfn + count;

	if (pfn < b->base_pfn)
		pfn = b->base_pfn;
	if (end > b->base_pfn + b->npages)
		end = b->base_pfn + b->npages;
	while (pfn < end) {
		unsigned int k = fitting_order(pfn, end);

		if (!block_reserved(b, pfn, k)) {
			for (u64 i = 0; i < (1ull << k); i++)
				add_frame(b, pfn + i);
		} else {
			for (u64 i = 0; i < (1ull << k); i++)
				page_at(b, pfn + i)->flags &= ~PG_RESERVED;
			b->free_pages += 1ull << k;
			insert_and_merge(b, pfn, k);
		}
		pfn += 1ull << k;
	}
}

struct page *buddy_alloc(struct buddy *b, unsigned int order)
{
	unsigned int k = order;
	struct page *p;
	u64 pfn;

	if (order >= MAX_ORDER)
		return NULL;
	while (k < MAX_ORDER && list_empty(&b->free[k]))
		k++;
	if (k == MAX_ORDER)
		return NULL;
	p = list_first_entry(&b->free[k], struct page, list);
	pop_free(b, p, k);
	pfn = pfn_of(b, p);
	while (k > order) {		/* give back the upper halves */
		k--;
		push_free(b, page_at(b, pfn + (1ull << k)), k);
	}
	p->flags |= PG_HEAD;
	p->order = order;
	b->free_pages -= 1ull << order;
	return p;
}

int buddy_free(struct buddy *b, struct page *p, unsigned int order)
{
	u64 pfn;

	if (p < b->pages || p >= b->pages + b->npages)
		return -EINVAL;
	pfn = pfn_of(b, p);
	if (!(p->flags & PG_HEAD) || (p->flags & (PG_BUDDY | PG_RESERVED)) ||
	    p->order != order || (pfn & ((1ull << order) - 1)))
		return -EINVAL;
	p->flags &= ~(PG_HEAD | PG_SLAB);
	b->free_pages += 1ull << order;
	insert_and_merge(b, pfn, order);
	return 0;
}
