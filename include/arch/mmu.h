/*
 * The page-table contract.  An address space is named by the physical
 * address of its top-level table ("root", the CR3 value on x86_64).  All
 * kernel-half mappings are shared by every root: they live in top-level
 * entries created once at boot and copied into each new root.
 *
 * Functions here allocate intermediate tables with alloc_page() and fail
 * with -ENOMEM when that fails; the caller holds whatever lock protects
 * the address space (mm->lock for user space, vmalloc_lock for the
 * vmalloc area).  They flush the TLB of every CPU that may cache what
 * they change or remove, through tlb_flush_root(), before they return.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <types.h>

#define MMU_READ	(1u << 0)
#define MMU_WRITE	(1u << 1)
#define MMU_EXEC	(1u << 2)
#define MMU_USER	(1u << 3)
#define MMU_NOCACHE	(1u << 4)	/* device memory: uncached */

extern phys_addr_t kernel_root;		/* immutable after mmu_init_kernel() */

/* Map [va, va+len) to [pa, pa+len) with 4 KiB pages; -EEXIST if any is mapped. */
int mmu_map(phys_addr_t root, unsigned long va, phys_addr_t pa, size_t len, unsigned int prot);
/* Same, using 2 MiB pages wherever alignment allows. */
int mmu_map_large(phys_addr_t root, unsigned long va, phys_addr_t pa, size_t len,
		  unsigned int prot);
/* Remove mappings (4 KiB granularity); absent pages are skipped. */
void mmu_unmap(phys_addr_t root, unsigned long va, size_t len);
/* Change permissions of mapped 4 KiB pages; -EFAULT if one is not mapped. */
int mmu_protect(phys_addr_t root, unsigned long va, size_t len, unsigned int prot);
/* Translate va; false when unmapped.  prot may be NULL. */
bool mmu_translate(phys_addr_t root, unsigned long va, phys_addr_t *pa, unsigned int *prot);

/*
 * A 4 KiB user page's frame and what the CPU recorded about it, for
 * /proc/PID/smaps: 0 when nothing is mapped (a PROT_NONE page counts as
 * mapped), else MMU_STATE_MAPPED with ACCESSED and DIRTY as set.
 */
#define MMU_STATE_MAPPED	(1u << 0)
#define MMU_STATE_ACCESSED	(1u << 1)
#define MMU_STATE_DIRTY		(1u << 2)
unsigned int mmu_page_state(phys_addr_t root, unsigned long va, phys_addr_t *pa);

/* Point va at pa with prot whether or not it was mapped (COW break, faults). */
int mmu_set(phys_addr_t root, unsigned long va, phys_addr_t pa, unsigned int prot);

/*
 * Range helpers that also manage page references:
 * mmu_unmap_put() unmaps [start, end) and put_page()s every frame it
 * unmapped, only after every CPU's TLB has forgotten it (vmalloc uses it
 * for the kernel half too); mmu_copy_range() makes dst map the same frames as src over
 * [start, end), taking a reference on each, and with 'cow' removes write
 * access in both so the first write faults and copies.  Both skip absent
 * tables quickly.  mmu_copy_range returns 0 or -ENOMEM.
 */
void mmu_unmap_put(phys_addr_t root, unsigned long start, unsigned long end);
int mmu_copy_range(phys_addr_t dst, phys_addr_t src, unsigned long start, unsigned long end,
		   bool cow);
/* Move the present entries of [from, from+len) to [to, to+len); 0 or -ENOMEM. */
int mmu_move_range(phys_addr_t root, unsigned long from, unsigned long to, size_t len);

/* Change rights of every present page in [start, end); absent ones are skipped. */
void mmu_protect_range(phys_addr_t root, unsigned long start, unsigned long end,
		       unsigned int prot);

/* A new root sharing the kernel half; 0 when out of memory. */
phys_addr_t mmu_new_root(void);
/* Free a root and the user-half tables under it (not the mapped frames). */
void mmu_free_root(phys_addr_t root);
void mmu_switch(phys_addr_t root);

/*
 * Invalidate [va, va+len) in the TLB of every online CPU and return once
 * all have done it (cross-CPU shootdown).  Safe with interrupts off and
 * locks held; not from NMI context.
 */
void tlb_flush_range(unsigned long va, size_t len);
/*
 * The same for a range of the address space 'root': a user range only on
 * the CPUs that have root loaded now (the others flushed it when they
 * switched away), a kernel range everywhere.
 */
void tlb_flush_root(phys_addr_t root, unsigned long va, size_t len);

/* Boot: build the kernel's final tables and switch to them. */
void mmu_init_kernel(void);

#endif
