/*
 * x86_64 4-level page tables behind include/arch/mmu.h.
 *
 * Kernel-half top-level entries (PML4 256-511) that the kernel uses are
 * created once at boot (direct map, vmalloc area, kernel image) and copied
 * into every address space, so kernel mappings made later appear in all
 * of them without touching each root.  Kernel leaf entries are global, so
 * a CR3 switch keeps them in the TLB.
 */
#include <errno.h>
#include <boot_info.h>
#include <mm.h>
#include <panic.h>
#include <percpu.h>
#include <printk.h>
#include <string.h>
#include <arch/cpu.h>
#include <arch/memory.h>
#include <arch/mmu.h>
#include <asm/cpu.h>
#include <asm/features.h>
#include "mmu_internal.h"
#include "smp.h"

#define KERNEL_HALF	0xffff800000000000ul
#define PML4_KERNEL_FIRST 256
#define ENTRIES		512

phys_addr_t kernel_root;

u64 prot_to_pte(unsigned int prot, unsigned long va)
{
	u64 pte = PTE_P;

	if (!(prot & (MMU_READ | MMU_WRITE | MMU_EXEC)))
		return PTE_PROTNONE;	/* no access at all: keep the frame, not present */

	if (prot & MMU_WRITE)
		pte |= PTE_W;
	if (prot & MMU_USER)
		pte |= PTE_U;
	if (!(prot & MMU_EXEC) && x86_features.nx)
		pte |= PTE_NX;
	if (prot & MMU_NOCACHE)
		pte |= PTE_PCD | PTE_PWT;
	if (va >= KERNEL_HALF)
		pte |= PTE_G;
	return pte;
}

static unsigned int pte_to_prot(u64 pte)
{
	unsigned int prot = MMU_READ;

	if (pte & PTE_W)
		prot |= MMU_WRITE;
	if (pte & PTE_U)
		prot |= MMU_USER;
	if (!(pte & PTE_NX))
		prot |= MMU_EXEC;
	if (pte & PTE_PCD)
		prot |= MMU_NOCACHE;
	return prot;
}

/*
 * The entry for va at 'target' level (1 = 4 KiB page, 2 = 2 MiB page),
 * creating missing tables when 'create'.  NULL with *err set: -ENOMEM, or
 * -EEXIST when a large page covers va; NULL with *err 0: not mapped.
 */
u64 *walk(phys_addr_t root, unsigned long va, int target, bool create, int *err)
{
	u64 *table = phys_to_virt(root);

	*err = 0;
	for (int level = 4; level > target; level--) {
		u64 *e = &table[pt_index(va, level)];

		if (!(*e & PTE_P)) {
			struct page *p;

			if (!create)
				return NULL;
			p = alloc_page(GFP_ZERO);
			if (!p) {
				*err = -ENOMEM;
				return NULL;
			}
			*e = page_to_phys(p) | PTE_TABLE;
		} else if (*e & PTE_PS) {
			*err = -EEXIST;
			return NULL;
		}
		table = table_of(*e);
	}
	return &table[pt_index(va, target)];
}

static int map_one(phys_addr_t root, unsigned long va, phys_addr_t pa, int level,
		   unsigned int prot)
{
	int err;
	u64 *e = walk(root, va, level, true, &err);

	if (!e)
		return err;
	if (*e & PTE_P)
		return -EEXIST;
	*e = (pa & PTE_ADDR) | prot_to_pte(prot, va) | (level == 2 ? PTE_PS : 0);
	return 0;
}

int mmu_map(phys_addr_t root, unsigned long va, phys_addr_t pa, size_t len, unsigned int prot)
{
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		int err = map_one(root, va + off, pa + off, 1, prot);

		if (err) {
			mmu_unmap(root, va, off);
			return err;
		}
	}
	return 0;
}

int mmu_map_large(phys_addr_t root, unsigned long va, phys_addr_t pa, size_t len,
		  unsigned int prot)
{
	size_t off = 0;

	while (off < len) {
		bool huge = IS_ALIGNED(va + off, HUGE_PAGE_SIZE) &&
			    IS_ALIGNED(pa + off, HUGE_PAGE_SIZE) && len - off >= HUGE_PAGE_SIZE;
		int err = map_one(root, va + off, pa + off, huge ? 2 : 1, prot);

		if (err && err != -EEXIST)
			return err;
		off += huge ? HUGE_PAGE_SIZE : PAGE_SIZE;
	}
	return 0;
}

void mmu_unmap(phys_addr_t root, unsigned long va, size_t len)
{
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		int err;
		u64 *e = walk(root, va + off, 1, false, &err);

		if (e)
			*e = 0;
	}
	tlb_flush_root(root, va, len);
}

int mmu_protect(phys_addr_t root, unsigned long va, size_t len, unsigned int prot)
{
	for (size_t off = 0; off < len; off += PAGE_SIZE) {
		int err;
		u64 *e = walk(root, va + off, 1, false, &err);

		if (!e || !(*e & PTE_P)) {
			tlb_flush_root(root, va, off);
			return -EFAULT;
		}
		*e = (*e & (PTE_ADDR | PTE_A | PTE_D)) | prot_to_pte(prot, va + off);
	}
	tlb_flush_root(root, va, len);
	return 0;
}

bool mmu_translate(phys_addr_t root, unsigned long va, phys_addr_t *pa, unsigned int *prot)
{
	u64 *table = phys_to_virt(root);

	for (int level = 4; level >= 1; level--) {
		u64 e = table[pt_index(va, level)];
		u64 span = 1ull << (PAGE_SHIFT + 9 * (level - 1));

		if (level == 1 && (e & PTE_PROTNONE)) {
			if (pa)
				*pa = (e & PTE_ADDR) | (va & (span - 1));
			if (prot)
				*prot = 0;	/* PROT_NONE: a frame, but no access */
			return true;
		}
		if (!(e & PTE_P))
			return false;
		if (level == 1 || (e & PTE_PS)) {
			if (pa)
				*pa = (e & PTE_ADDR & ~(span - 1)) | (va & (span - 1));
			if (prot)
				*prot = pte_to_prot(e);
			return true;
		}
		table = table_of(e);
	}
	return false;
}

/*
 * This CPU only.  Also runs in the shootdown NMI (smp.c), which may land
 * between the two CR4 writes below: with PGE already clear, toggling it
 * again would flush nothing, so reload CR3 instead (with PGE clear no
 * entry is global, and a CR3 load drops all of them).
 */
void tlb_flush_local(unsigned long va, size_t len)
{
	if (len > 64 * PAGE_SIZE) {
		u64 cr4 = read_cr4();

		if (cr4 & CR4_PGE) {
			/* Toggling PGE flushes global (kernel) entries too. */
			write_cr4(cr4 & ~CR4_PGE);
			write_cr4(cr4);
		} else {
			write_cr3(read_cr3());
		}
		return;
	}
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		invlpg(va + off);
}

/*
 * Every CPU: this one directly, the others through smp_tlb_shootdown(),
 * which returns once they all have flushed, so the caller may then free
 * what the range mapped.  Kernel ranges need every CPU; user ranges are
 * sent to every CPU too (no per-address-space CPU set yet).  Callable
 * with interrupts off and with any lock held; must not be called from an
 * NMI.
 */
/*
 * The root each CPU has in CR3 (atomic; each CPU writes its own).  A CPU
 * that switches to another root drops every user translation (no PCIDs,
 * user entries are not global), so only the CPUs with root loaded now
 * can hold stale user entries of root.  This spares the single-threaded
 * processes nearly every shootdown: a copy-on-write fault, an exit or a
 * fork used to wait for every other CPU to take an NMI, and with the
 * other virtual CPU descheduled by a busy host each wait lasted until
 * the host ran it again, slowing fork-heavy tests (busybox timeout,
 * shell scripts) many times over on two CPUs.
 *
 * Ordering: the flusher stores the entries, then (full fence) reads
 * loaded_root; a switching CPU stores loaded_root, then loads CR3 (a
 * serializing instruction) and only then walks the tables.  Either the
 * flusher sees the new root and asks that CPU, or that CPU's walks see
 * the new entries.
 */
static phys_addr_t loaded_root[MAX_CPUS];
/*
 * The CPUs that have ever loaded a root (atomic; bits are only added,
 * before the CPU's first loaded_root store), so that a flush looks at the
 * CPUs that exist instead of all MAX_CPUS slots: the page-fault path
 * flushes once per fault, and the scan showed in its cost.
 */
static u64 switching_cpus;

void tlb_flush_root(phys_addr_t root, unsigned long va, size_t len)
{
	unsigned int self;
	unsigned long flags;
	u64 targets = 0;

	if (va >= USER_SPACE_END) {
		tlb_flush_range(va, len);	/* shared by every root */
		return;
	}
	if (len == 0)
		return;
	flags = arch_irq_save();
	self = this_cpu()->id;
	if (__atomic_load_n(&loaded_root[self], __ATOMIC_RELAXED) == root)
		tlb_flush_local(va, len);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (u64 others = __atomic_load_n(&switching_cpus, __ATOMIC_SEQ_CST) & ~(1ull << self);
	     others; others &= others - 1) {
		unsigned int i = (unsigned int)__builtin_ctzll(others);

		if (__atomic_load_n(&loaded_root[i], __ATOMIC_SEQ_CST) == root)
			targets |= 1ull << i;
	}
	if (targets)
		smp_tlb_shootdown_cpus(targets, va, len);
	arch_irq_restore(flags);
}

void tlb_flush_range(unsigned long va, size_t len)
{
	unsigned long flags;

	if (len == 0)
		return;
	flags = arch_irq_save();
	tlb_flush_local(va, len);
	smp_tlb_shootdown(va, len);
	arch_irq_restore(flags);
}

unsigned int mmu_page_state(phys_addr_t root, unsigned long va, phys_addr_t *pa)
{
	int err;
	u64 *e = walk(root, va, 1, false, &err);
	unsigned int state;

	if (!e || !(*e & (PTE_P | PTE_PROTNONE)))
		return 0;
	state = MMU_STATE_MAPPED;
	if (*e & PTE_A)
		state |= MMU_STATE_ACCESSED;
	if (*e & PTE_D)
		state |= MMU_STATE_DIRTY;
	*pa = *e & PTE_ADDR;
	return state;
}

int mmu_set(phys_addr_t root, unsigned long va, phys_addr_t pa, unsigned int prot)
{
	int err;
	u64 *e = walk(root, va, 1, true, &err);

	if (!e)
		return err;
	*e = (pa & PTE_ADDR) | prot_to_pte(prot, va);
	tlb_flush_root(root, va, PAGE_SIZE);
	return 0;
}

phys_addr_t mmu_new_root(void)
{
	struct page *p = alloc_page(GFP_ZERO);
	u64 *dst, *src;

	if (!p)
		return 0;
	dst = page_address(p);
	src = phys_to_virt(kernel_root);
	for (int i = PML4_KERNEL_FIRST; i < ENTRIES; i++)
		dst[i] = src[i];
	return page_to_phys(p);
}

static void free_table(u64 *table, int level)
{
	for (int i = 0; i < ENTRIES && level > 1; i++) {
		if ((table[i] & PTE_P) && !(table[i] & PTE_PS))
			free_table(table_of(table[i]), level - 1);
	}
	free_page(virt_to_page(table));
}

void mmu_free_root(phys_addr_t root)
{
	u64 *pml4 = phys_to_virt(root);

	for (int i = 0; i < PML4_KERNEL_FIRST; i++) {
		if (pml4[i] & PTE_P)
			free_table(table_of(pml4[i]), 3);
	}
	free_page(virt_to_page(pml4));
}

void mmu_switch(phys_addr_t root)
{
	unsigned int id = this_cpu()->id;

	/* Published before the switch: see tlb_flush_root(). */
	if (!(__atomic_load_n(&switching_cpus, __ATOMIC_RELAXED) & (1ull << id)))
		__atomic_fetch_or(&switching_cpus, 1ull << id, __ATOMIC_SEQ_CST);
	__atomic_store_n(&loaded_root[id], root, __ATOMIC_SEQ_CST);
	write_cr3(root);
}
