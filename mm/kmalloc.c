/*
 * Slab caches for kmalloc.
 *
 * Each size class has a cache; a cache owns slabs, each one page cut
 * into equal objects (so any object's page is its slab).  A slab's struct page (the head page)
 * records its cache, how many objects are out, and the head of a free
 * list threaded through the free objects themselves.  A free object holds
 * [next free object][FREE_MAGIC]; kfree() finding the magic already there
 * walks the slab's free list to tell a double free from user data that
 * happens to match.
 *
 * Slabs with free objects sit on the cache's 'partial' list; full slabs
 * are on no list; a slab whose last object is freed goes back to the page
 * allocator unless it is the cache's only partial slab (so a hot
 * alloc/free pair does not thrash the buddy allocator).
 *
 * Each cache's lock protects its lists and every slab page of the cache.
 */
#include <kmalloc.h>
#include <panic.h>
#include <spinlock.h>
#include <string.h>
#include "kmalloc_internal.h"

#define FREE_MAGIC	0x6b6b6b6b6b6b6b6bul

struct kmem_cache {
	struct spinlock lock;
	struct list_head partial;	/* lock: slabs with free objects */
	u32 object_size;		/* immutable */
	u32 objects_per_slab;		/* immutable */
	u32 nr_partial;			/* lock */
};

#define CACHE(sz) {							\
	.lock = SPINLOCK_INIT("kmalloc-" #sz),				\
	.object_size = (sz), .objects_per_slab = PAGE_SIZE / (sz) }

static struct kmem_cache caches[] = {
	CACHE(16), CACHE(32), CACHE(64), CACHE(96), CACHE(128),
	CACHE(192), CACHE(256), CACHE(512), CACHE(1024), CACHE(2048),
};

static struct kmem_cache *cache_for(size_t size)
{
	for (size_t i = 0; i < ARRAY_SIZE(caches); i++) {
		if (size <= caches[i].object_size)
			return &caches[i];
	}
	return NULL;
}

static void set_free(void *obj, void *next)
{
	((void **)obj)[0] = next;
	((unsigned long *)obj)[1] = FREE_MAGIC;
}

/* A new slab with every object on its free list; lock not held. */
static struct page *slab_create(struct kmem_cache *c)
{
	struct page *p = alloc_page(GFP_KERNEL);
	char *base;

	if (!p)
		return NULL;
	base = page_address(p);
	for (u32 i = 0; i < c->objects_per_slab; i++) {
		void *next = i + 1 < c->objects_per_slab ? base + (i + 1) * c->object_size : NULL;

		set_free(base + i * c->object_size, next);
	}
	p->flags |= PG_SLAB;
	p->slab_cache = c;
	p->slab_freelist = base;
	p->slab_inuse = 0;
	return p;
}

static void *cache_alloc(struct kmem_cache *c)
{
	unsigned long flags = spin_lock_irqsave(&c->lock);
	struct page *slab;
	void *obj;

	if (list_empty(&c->partial)) {
		spin_unlock_irqrestore(&c->lock, flags);
		slab = slab_create(c);
		if (!slab)
			return NULL;
		flags = spin_lock_irqsave(&c->lock);
		list_add(&slab->list, &c->partial);
		c->nr_partial++;
	}
	slab = list_first_entry(&c->partial, struct page, list);
	obj = slab->slab_freelist;
	slab->slab_freelist = ((void **)obj)[0];
	((unsigned long *)obj)[1] = 0;
	if (++slab->slab_inuse == c->objects_per_slab) {
		list_del(&slab->list);
		c->nr_partial--;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	return obj;
}

static bool on_freelist(struct page *slab, const void *obj)
{
	for (void *f = slab->slab_freelist; f; f = ((void **)f)[0]) {
		if (f == obj)
			return true;
	}
	return false;
}

static void cache_free(struct page *slab, void *obj)
{
	struct kmem_cache *c = slab->slab_cache;
	unsigned long flags = spin_lock_irqsave(&c->lock);
	bool release = false;

	if (((unsigned long *)obj)[1] == FREE_MAGIC && on_freelist(slab, obj)) {
		spin_unlock_irqrestore(&c->lock, flags);
		panic("kfree: double free of %p (kmalloc-%u)", obj, c->object_size);
	}
	set_free(obj, slab->slab_freelist);
	slab->slab_freelist = obj;
	if (slab->slab_inuse-- == c->objects_per_slab) {
		list_add(&slab->list, &c->partial);	/* was full */
		c->nr_partial++;
	} else if (slab->slab_inuse == 0 && c->nr_partial > 1) {
		list_del(&slab->list);
		c->nr_partial--;
		release = true;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	if (release) {
		slab->flags &= ~PG_SLAB;
		slab->slab_cache = NULL;
		free_page(slab);
	}
}

static unsigned int order_for(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

void *kmalloc(size_t size, unsigned int gfp)
{
	struct kmem_cache *c = cache_for(size ? size : 1);
	struct page *p;
	void *obj;

	if (c) {
		obj = cache_alloc(c);
		if (obj && (gfp & GFP_ZERO))
			memset(obj, 0, c->object_size);
		return obj;
	}
	if (size > (PAGE_SIZE << (MAX_ORDER - 1)))
		return NULL;
	p = alloc_pages(gfp, order_for(size));
	return p ? page_address(p) : NULL;
}

/* The slab or block head owning ptr; panics on a pointer kmalloc never returned. */
static struct page *owner_of(const void *ptr)
{
	unsigned long va = (unsigned long)ptr;
	struct page *p = virt_to_page(ptr);

	if (!p || va < DIRECT_MAP_BASE || va >= DIRECT_MAP_END)
		panic("kfree: %p is not a kmalloc address", ptr);
	if (p->flags & PG_SLAB) {
		struct kmem_cache *c = p->slab_cache;
		unsigned long off = va & (PAGE_SIZE - 1);

		if (off % c->object_size || off / c->object_size >= c->objects_per_slab)
			panic("kfree: %p points inside an object of kmalloc-%u", ptr,
			      c->object_size);
		return p;
	}
	if ((p->flags & PG_HEAD) && p->refcount > 0 && IS_ALIGNED(va, PAGE_SIZE))
		return p;
	panic("kfree: %p was not allocated by kmalloc (or is already free)", ptr);
}

void kfree(const void *ptr)
{
	struct page *p;

	if (!ptr)
		return;
	p = owner_of(ptr);
	if (p->flags & PG_SLAB)
		cache_free(p, (void *)ptr);
	else
		free_pages(p, p->order);
}

size_t ksize(const void *ptr)
{
	struct page *p = owner_of(ptr);

	if (p->flags & PG_SLAB)
		return p->slab_cache->object_size;
	return PAGE_SIZE << p->order;
}

void kmalloc_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(caches); i++)
		list_init(&caches[i].partial);
}
