/*
 * Shared anonymous memory (MAP_SHARED | MAP_ANONYMOUS): one object holds
 * the pages, indexed by page offset, and every mapping of it (including
 * the child's after fork) maps those same frames.  Pages are allocated
 * zeroed on first touch.  'lock' protects the page array; the object is
 * freed, with its pages, when its last area goes.
 */
#include <kmalloc.h>
#include <string.h>
#include <spinlock.h>
#include <vmalloc.h>
#include "vm_internal.h"

struct shared_anon {
	struct spinlock lock;
	int refcount;			/* atomic: areas using it */
	unsigned long npages;		/* immutable */
	struct page **pages;		/* lock */
};

struct shared_anon *shared_anon_create(unsigned long npages)
{
	struct shared_anon *s = kzalloc(sizeof(*s));

	if (!s)
		return NULL;
	s->pages = npages * sizeof(struct page *) <= KMALLOC_MAX_SLAB ?
		   kzalloc(npages * sizeof(struct page *)) : vmalloc(npages * sizeof(struct page *));
	if (!s->pages) {
		kfree(s);
		return NULL;
	}
	s->lock = (struct spinlock)SPINLOCK_INIT("shared_anon");
	s->refcount = 1;
	s->npages = npages;
	return s;
}

void shared_anon_get(struct shared_anon *s)
{
	__atomic_add_fetch(&s->refcount, 1, __ATOMIC_RELAXED);
}

void shared_anon_put(struct shared_anon *s)
{
	if (__atomic_sub_fetch(&s->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	for (unsigned long i = 0; i < s->npages; i++) {
		if (s->pages[i])
			put_page(s->pages[i]);
	}
	if (s->npages * sizeof(struct page *) <= KMALLOC_MAX_SLAB)
		kfree(s->pages);
	else
		vfree(s->pages);
	kfree(s);
}

struct page *shared_anon_page(struct shared_anon *s, unsigned long index)
{
	struct page *p, *fresh = NULL;
	unsigned long flags;

	if (index >= s->npages)
		return NULL;
	for (;;) {
		flags = spin_lock_irqsave(&s->lock);
		p = s->pages[index];
		if (!p && fresh) {
			s->pages[index] = p = fresh;
			fresh = NULL;
		}
		if (p)
			get_page(p);
		spin_unlock_irqrestore(&s->lock, flags);
		if (p)
			break;
		fresh = alloc_page(GFP_ZERO);	/* allocate outside the lock */
		if (!fresh)
			return NULL;
	}
	if (fresh)
		put_page(fresh);		/* someone else installed one first */
	return p;
}

/*
 * MADV_REMOVE: pages [from, to) read as zeroes again everywhere.  Linux
 * frees them (shared anonymous memory is a tmpfs file there); zeroing in
 * place reads the same for every mapper, which keeps this object free of
 * a list of mappers, at the price of keeping the frames.
 */
void shared_anon_zero(struct shared_anon *s, unsigned long from, unsigned long to)
{
	for (unsigned long i = from; i < to && i < s->npages; i++) {
		unsigned long flags = spin_lock_irqsave(&s->lock);
		struct page *p = s->pages[i];

		if (p)
			get_page(p);
		spin_unlock_irqrestore(&s->lock, flags);
		if (p) {
			memset(page_address(p), 0, PAGE_SIZE);
			put_page(p);
		}
	}
}

unsigned long shared_anon_pages(const struct shared_anon *s)
{
	return s->npages;
}
