/*
 * Moving page-table entries for mremap: the frames stay where they are
 * and keep their references; only their virtual addresses change.
 */
#include <errno.h>
#include <mm.h>
#include <arch/mmu.h>
#include "mmu_internal.h"

int mmu_move_range(phys_addr_t root, unsigned long from, unsigned long to, size_t len)
{
	/*
	 * Make every table the destination needs first: running out of
	 * memory half way through the move would leave some pages at 'to'
	 * with no area over them (the caller frees the new area), gone from
	 * 'from', and the moved entries not yet flushed from other CPUs.
	 */
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		int err;
		u64 *src = walk(root, from + off, 1, false, &err);

		if (src && pte_has_frame(*src) && !walk(root, to + off, 1, true, &err))
			return err;
	}
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		int err;
		u64 *src = walk(root, from + off, 1, false, &err), *dst;

		if (!src || !pte_has_frame(*src))
			continue;
		dst = walk(root, to + off, 1, true, &err);
		if (!dst)
			return err;
		*dst = (*src & ~PTE_G) | (to + off >= 0xffff800000000000ul ? PTE_G : 0);
		*src = 0;
	}
	tlb_flush_root(root, from, len);
	tlb_flush_root(root, to, len);
	return 0;
}
