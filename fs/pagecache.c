/*
 * The page cache: each inode's data pages, found by page index.
 *
 * A radix tree of 64-way nodes (512 bytes, one kmalloc slab object each).
 * A tree of height h covers indexes below 64^h; it grows at the top when
 * a larger index arrives and never shrinks except when it empties, which
 * keeps every operation a short loop.  Height 6 covers 2^36 pages, the
 * VFS_MAX_FILE_SIZE limit.
 *
 * pc->lock (a spinlock, taken without disabling interrupts: no interrupt
 * handler touches files) protects the tree.  The tree owns one reference
 * to every page in it; lookups return a second one, so a reader may keep
 * using a page that truncate has just dropped from the tree.  Nothing
 * here sleeps: node and page allocations never wait.
 *
 * A page fallocate(2) added and nobody wrote yet is "unwritten": it reads
 * as zeroes like any fresh page, but SEEK_DATA and SEEK_HOLE count it as
 * a hole (Linux's tmpfs: such a page is not uptodate).  The mark is bit
 * 0 of the bottom-level slot (struct page pointers are aligned), so it
 * lives and dies with the page's place in this tree.  Getting a page to
 * write or map it (page_cache_get_or_add()) clears the mark.
 *
 * A tree with a quota (struct page_quota, shared by a file system's
 * inodes) charges it before allocating a page and refunds it when the
 * page is not added or leaves the tree.
 */
#include <kmalloc.h>
#include <mm.h>
#include <string.h>
#include <vfs.h>

#define PC_SHIFT	6
#define PC_SLOTS	(1u << PC_SHIFT)
#define PC_MASK		(PC_SLOTS - 1)
#define PC_MAX_HEIGHT	6

struct pc_node {
	void *slot[PC_SLOTS];	/* child nodes, or pages at the bottom level */
};

STATIC_ASSERT(sizeof(struct pc_node) == 512);

#define PC_UNWRITTEN	1ul	/* bottom-level slot tag: fallocated, not written */

static struct page *pc_page(void *slot)
{
	return (struct page *)((unsigned long)slot & ~PC_UNWRITTEN);
}

static bool pc_unwritten(void *slot)
{
	return (unsigned long)slot & PC_UNWRITTEN;
}

/* Pages held by all trees; atomic, changed with each tree's nr_pages. */
static u64 total_pages;

u64 page_cache_total_pages(void)
{
	return __atomic_load_n(&total_pages, __ATOMIC_RELAXED);
}

void page_cache_init(struct page_cache *pc)
{
	pc->lock = (struct spinlock)SPINLOCK_INIT("page_cache");
	pc->root = NULL;
	pc->height = 0;
	pc->nr_pages = 0;
	list_init(&pc->mappers);
	pc->sweep_gen = 0;
	pc->quota = NULL;
}

/* Take one page from the quota, if there is one; false when it is used up. */
static bool quota_charge(struct page_quota *q)
{
	if (!q)
		return true;
	if (__atomic_add_fetch(&q->used, 1, __ATOMIC_RELAXED) <= READ_ONCE(q->limit))
		return true;
	__atomic_sub_fetch(&q->used, 1, __ATOMIC_RELAXED);
	return false;
}

static void quota_refund(struct page_quota *q, u64 pages)
{
	if (q && pages)
		__atomic_sub_fetch(&q->used, pages, __ATOMIC_RELAXED);
}

/* Indexes a tree of this height can hold: 64^height. */
static u64 pc_capacity(unsigned int height)
{
	return 1ull << (PC_SHIFT * height);
}

static unsigned int pc_slot(u64 index, unsigned int level)
{
	return (index >> (PC_SHIFT * level)) & PC_MASK;
}

/* The slot holding index's page, or NULL; creates nodes when 'create'. */
static void **pc_walk(struct page_cache *pc, u64 index, bool create)
{
	void **slot = &pc->root;

	for (unsigned int level = pc->height; level > 0; level--) {
		struct pc_node *node = *slot;

		if (!node) {
			if (!create)
				return NULL;
			node = kzalloc(sizeof(*node));
			if (!node)
				return NULL;
			*slot = node;
		}
		slot = &node->slot[pc_slot(index, level - 1)];
	}
	return slot;
}

/* Raise the tree until it covers index; false when out of memory. */
static bool pc_grow(struct page_cache *pc, u64 index)
{
	while (pc->height == 0 || index >= pc_capacity(pc->height)) {
		struct pc_node *node;

		if (pc->height == 0) {
			pc->height = 1;
			continue;	/* an empty tree: root is created on demand */
		}
		if (pc->height >= PC_MAX_HEIGHT)
			return false;
		if (pc->root) {
			node = kzalloc(sizeof(*node));
			if (!node)
				return false;
			node->slot[0] = pc->root;
			pc->root = node;
		}
		pc->height++;
	}
	return true;
}

/* The page at index with a reference, or NULL; clear_mark: it is being written. */
static struct page *pc_lookup(struct page_cache *pc, u64 index, bool clear_mark)
{
	struct page *p = NULL;
	void **slot;

	spin_lock(&pc->lock);
	if (pc->height && index < pc_capacity(pc->height)) {
		slot = pc_walk(pc, index, false);
		if (slot && *slot) {
			if (clear_mark)
				*slot = pc_page(*slot);
			p = pc_page(*slot);
			get_page(p);
		}
	}
	spin_unlock(&pc->lock);
	return p;
}

struct page *page_cache_lookup(struct page_cache *pc, u64 index)
{
	return pc_lookup(pc, index, false);
}

/*
 * The page at index, added (zeroed; marked unwritten when asked) if
 * missing; NULL with *err -ENOSPC (quota) or -ENOMEM.
 */
static struct page *pc_get_or_add(struct page_cache *pc, u64 index, bool unwritten, int *err)
{
	struct page *p = pc_lookup(pc, index, !unwritten), *fresh;
	void **slot;

	if (p)
		return p;
	*err = -ENOSPC;
	if (!quota_charge(pc->quota))
		return NULL;
	*err = -ENOMEM;
	fresh = alloc_page(GFP_ZERO);
	if (!fresh) {
		quota_refund(pc->quota, 1);
		return NULL;
	}
	spin_lock(&pc->lock);
	slot = pc_grow(pc, index) ? pc_walk(pc, index, true) : NULL;
	if (slot && !*slot) {
		*slot = unwritten ? (void *)((unsigned long)fresh | PC_UNWRITTEN) : fresh;
		pc->nr_pages++;		/* the tree's reference */
		__atomic_add_fetch(&total_pages, 1, __ATOMIC_RELAXED);
		fresh = NULL;
	} else if (slot && !unwritten) {
		*slot = pc_page(*slot);
	}
	p = slot ? pc_page(*slot) : NULL;
	if (p)
		get_page(p);
	spin_unlock(&pc->lock);
	if (fresh) {		/* lost a race, or no memory for nodes */
		put_page(fresh);
		quota_refund(pc->quota, 1);
	}
	return p;
}

struct page *page_cache_get_or_add_err(struct page_cache *pc, u64 index, int *err)
{
	return pc_get_or_add(pc, index, false, err);
}

struct page *page_cache_get_or_add(struct page_cache *pc, u64 index)
{
	int err;

	return pc_get_or_add(pc, index, false, &err);
}

int page_cache_reserve(struct page_cache *pc, u64 index)
{
	int err;
	struct page *p = pc_get_or_add(pc, index, true, &err);

	if (!p)
		return err;
	put_page(p);
	return 0;
}

/*
 * Drop pages in [from, to) below node (covering 64^level indexes from
 * base); with 'taken', hand each page's reference to taken[index - from]
 * instead of dropping it.
 */
static u64 pc_prune(struct pc_node *node, unsigned int level, u64 base, u64 from, u64 to,
		    struct page **taken)
{
	u64 span = pc_capacity(level - 1), dropped = 0;

	for (unsigned int i = 0; i < PC_SLOTS; i++) {
		u64 start = base + i * span;

		if (!node->slot[i] || start + span <= from || start >= to)
			continue;
		if (level == 1) {
			if (taken)
				taken[start - from] = pc_page(node->slot[i]);
			else
				put_page(pc_page(node->slot[i]));
			node->slot[i] = NULL;
			dropped++;
			continue;
		}
		dropped += pc_prune(node->slot[i], level - 1, start, from, to, taken);
		if (start >= from && start + span <= to) {	/* emptied whole */
			kfree(node->slot[i]);
			node->slot[i] = NULL;
		}
	}
	return dropped;
}

static u64 remove_range(struct page_cache *pc, u64 from, u64 to, struct page **taken)
{
	u64 dropped = 0;

	spin_lock(&pc->lock);
	if (pc->root && from < to && from < pc_capacity(pc->height)) {
		dropped = pc_prune(pc->root, pc->height, 0, from, to, taken);
		pc->nr_pages -= dropped;
		__atomic_sub_fetch(&total_pages, dropped, __ATOMIC_RELAXED);
		quota_refund(pc->quota, dropped);
		if (from == 0 && to >= pc_capacity(pc->height)) {
			kfree(pc->root);
			pc->root = NULL;
			pc->height = 0;
		}
	}
	spin_unlock(&pc->lock);
	return dropped;
}

u64 page_cache_remove_range(struct page_cache *pc, u64 from, u64 to)
{
	return remove_range(pc, from, to, NULL);
}

u64 page_cache_take_range(struct page_cache *pc, u64 from, u64 to, struct page **taken)
{
	memset(taken, 0, (to - from) * sizeof(*taken));
	return remove_range(pc, from, to, taken);
}

u64 page_cache_truncate(struct page_cache *pc, u64 from)
{
	return page_cache_remove_range(pc, from, ~0ull);
}

/*
 * The first index in [from, to) below slot (covering 64^level indexes
 * from base; level 0: slot is a page) that holds data (present) or a
 * hole (!present); to when there is none.
 */
static u64 pc_find(void *slot, unsigned int level, u64 base, u64 from, u64 to, bool present)
{
	struct pc_node *node = slot;
	u64 span;

	if (!slot)
		return present ? to : MAX(base, from);
	if (level == 0)		/* a page: unwritten ones count as holes */
		return pc_unwritten(slot) != present ? MAX(base, from) : to;
	span = pc_capacity(level - 1);
	for (unsigned int i = 0; i < PC_SLOTS; i++) {
		u64 start = base + i * span, r;

		if (start + span <= from)
			continue;
		if (start >= to)
			break;
		r = pc_find(node->slot[i], level - 1, start, from, to, present);
		if (r < to)
			return r;
	}
	return to;
}

u64 page_cache_find(struct page_cache *pc, u64 from, u64 to, bool present)
{
	u64 cap, r;

	if (from >= to)
		return to;
	spin_lock(&pc->lock);
	cap = pc->height ? pc_capacity(pc->height) : 0;
	r = from < cap ? pc_find(pc->root, pc->height, 0, from, MIN(to, cap), present) : cap;
	if (r >= MIN(to, cap))		/* nothing below the tree's reach: all holes */
		r = present ? to : MAX(from, MIN(cap, to));
	spin_unlock(&pc->lock);
	return r;
}
