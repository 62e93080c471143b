/* Page-table entry format and walkers shared by mmu.c and mmu_range.c. */
#ifndef X86_MMU_INTERNAL_H
#define X86_MMU_INTERNAL_H

#include <types.h>
#include <arch/memory.h>

#define PTE_P		(1ull << 0)
#define PTE_W		(1ull << 1)
#define PTE_U		(1ull << 2)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_A		(1ull << 5)	/* accessed: set by the CPU */
#define PTE_D		(1ull << 6)	/* dirty: set by the CPU on a write */
#define PTE_PS		(1ull << 7)
#define PTE_G		(1ull << 8)
/*
 * A PROT_NONE user page: not present, so neither user mode nor the kernel's
 * user-copy helpers can reach it (both fault, as on Linux), yet the entry
 * keeps the frame and its reference for when mprotect() opens it again.
 * Bit 9 is one the CPU ignores.
 */
#define PTE_PROTNONE	(1ull << 9)
#define PTE_NX		(1ull << 63)
#define PTE_ADDR	0x000ffffffffff000ull
#define PTE_TABLE	(PTE_P | PTE_W | PTE_U)	/* leaves decide the real rights */

static inline unsigned int pt_index(unsigned long va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

/* Does this leaf entry hold a frame (present, or parked by PROT_NONE)? */
static inline bool pte_has_frame(u64 entry)
{
	return entry & (PTE_P | PTE_PROTNONE);
}

static inline u64 *table_of(u64 entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

u64 prot_to_pte(unsigned int prot, unsigned long va);
u64 *walk(phys_addr_t root, unsigned long va, int target, bool create, int *err);

#endif
