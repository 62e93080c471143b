/*
 * Range walks over user page tables for the address-space code: unmap
 * with reference drops, copy-on-write duplication for fork, and bulk
 * permission changes.  All of them walk the tables level by level and
 * skip a whole absent table at once, so a huge sparse mapping costs only
 * what is actually populated.
 */
#include <errno.h>
#include <mm.h>
#include <arch/mmu.h>
#include "mmu_internal.h"

typedef int (*leaf_fn)(u64 *pte, unsigned long va, void *ctx);

/*
 * Call fn on every 4 KiB leaf holding a frame (present, or parked by
 * PROT_NONE) in [start, end) under table (level).
 */
static int walk_range(u64 *table, int level, unsigned long start, unsigned long end,
		      leaf_fn fn, void *ctx)
{
	unsigned long span = 1ul << (PAGE_SHIFT + 9 * (level - 1));

	for (unsigned long va = start; va < end;) {
		unsigned long next = (va & ~(span - 1)) + span;
		u64 *e = &table[pt_index(va, level)];
		int err = 0;

		if (next > end || next == 0)
			next = end;
		if (level == 1) {
			if (pte_has_frame(*e))
				err = fn(e, va, ctx);
		} else if ((*e & PTE_P) && !(*e & PTE_PS)) {	/* user space has no large pages */
			err = walk_range(table_of(*e), level - 1, va, next, fn, ctx);
		}
		if (err)
			return err;
		va = next;
	}
	return 0;
}

/*
 * Unmapped frames wait in a batch until the TLBs are flushed: another CPU
 * may still use a stale translation until then, so dropping a frame first
 * could let it be reused while that CPU still writes to it.
 */
#define UNMAP_BATCH	32

struct unmap_batch {
	phys_addr_t root;
	unsigned long start, end;	/* range unmapped since the last flush */
	unsigned int n;
	struct page *pages[UNMAP_BATCH];
};

static void unmap_batch_flush(struct unmap_batch *b)
{
	if (b->end > b->start)
		tlb_flush_root(b->root, b->start, b->end - b->start);
	for (unsigned int i = 0; i < b->n; i++)
		put_page(b->pages[i]);
	b->n = 0;
	b->start = b->end;
}

static int unmap_put_leaf(u64 *pte, unsigned long va, void *ctx)
{
	struct unmap_batch *b = ctx;

	if (b->n == UNMAP_BATCH) {
		unmap_batch_flush(b);
		b->start = va;
	}
	b->pages[b->n++] = pfn_to_page((*pte & PTE_ADDR) >> PAGE_SHIFT);
	*pte = 0;
	b->end = va + PAGE_SIZE;
	return 0;
}

void mmu_unmap_put(phys_addr_t root, unsigned long start, unsigned long end)
{
	struct unmap_batch b = { .root = root, .start = start, .end = start };

	walk_range(phys_to_virt(root), 4, start, end, unmap_put_leaf, &b);
	unmap_batch_flush(&b);
}

struct copy_ctx {
	phys_addr_t dst;
	bool cow;
};

static int copy_leaf(u64 *pte, unsigned long va, void *arg)
{
	struct copy_ctx *c = arg;
	u64 entry = *pte;
	int err;
	u64 *d;

	if (c->cow)
		entry &= ~PTE_W;	/* a PROT_NONE entry has no W to clear */
	d = walk(c->dst, va, 1, true, &err);
	if (!d)
		return err;
	get_page(pfn_to_page((entry & PTE_ADDR) >> PAGE_SHIFT));
	*d = entry;
	*pte = entry;
	return 0;
}

int mmu_copy_range(phys_addr_t dst, phys_addr_t src, unsigned long start, unsigned long end,
		   bool cow)
{
	struct copy_ctx c = { .dst = dst, .cow = cow };
	int err = walk_range(phys_to_virt(src), 4, start, end, copy_leaf, &c);

	if (cow)
		tlb_flush_root(src, start, end - start);
	return err;
}

static int protect_leaf(u64 *pte, unsigned long va, void *ctx)
{
	unsigned int prot = *(unsigned int *)ctx;

	/* Accessed and dirty survive a change of rights, as on Linux (smaps). */
	*pte = (*pte & (PTE_ADDR | PTE_A | PTE_D)) | prot_to_pte(prot, va);
	return 0;
}

void mmu_protect_range(phys_addr_t root, unsigned long start, unsigned long end,
		       unsigned int prot)
{
	walk_range(phys_to_virt(root), 4, start, end, protect_leaf, &prot);
	tlb_flush_root(root, start, end - start);
}
