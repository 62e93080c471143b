/*
 * The kernel's final page tables, built once at boot to replace the
 * boot tables from head.S:
 *   - no identity map: the lower half belongs to user space;
 *   - the direct map covers RAM and ACPI memory from the boot memory map,
 *     with 2 MiB pages where alignment allows;
 *   - the kernel image with per-section rights: text read+execute, rodata
 *     and the symbol table read-only, data and bss read+write, never
 *     writable and executable at once.
 */
#include <boot_info.h>
#include <mm.h>
#include <panic.h>
#include <printk.h>
#include <arch/mmu.h>
#include <asm/cpu.h>
#include "mmu_internal.h"


extern const char _text[], _etext[], _rodata[], _erodata[], _data[], _edata[];
extern const char _ksyms_start[], _kernel_end[];

/* Create the top-level entries for [start, end) so every root can share them. */
static void prealloc_top_level(u64 *pml4, unsigned long start, unsigned long end)
{
	for (unsigned int i = (start >> 39) & 511; i <= (((end - 1) >> 39) & 511); i++) {
		struct page *p;

		if (pml4[i] & PTE_P)
			continue;
		p = alloc_page(GFP_ZERO);
		if (!p)
			panic("mmu: out of memory building the kernel page tables");
		pml4[i] = page_to_phys(p) | PTE_TABLE;
	}
}

static void map_kernel_section(const char *start, const char *end, unsigned int prot)
{
	unsigned long va = ALIGN_DOWN((unsigned long)start, PAGE_SIZE);
	size_t len = ALIGN_UP((unsigned long)end, PAGE_SIZE) - va;

	if (mmu_map(kernel_root, va, va - KERNEL_VIRT_BASE, len, prot))
		panic("mmu: cannot map the kernel image");
}

static bool direct_mapped_type(u32 type)
{
	return type == BOOT_MEM_USABLE || type == BOOT_MEM_ACPI_RECLAIM ||
	       type == BOOT_MEM_ACPI_NVS;
}

static void map_direct(void)
{
	for (unsigned int i = 0; i < boot_info.memmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.memmap[i];
		u64 start = ALIGN_DOWN(r->base, PAGE_SIZE);
		u64 end = ALIGN_UP(r->base + r->size, PAGE_SIZE);

		if (!direct_mapped_type(r->type) || end > DIRECT_MAP_END - DIRECT_MAP_BASE)
			continue;
		if (mmu_map_large(kernel_root, DIRECT_MAP_BASE + start, start, end - start,
				  MMU_READ | MMU_WRITE))
			panic("mmu: out of memory building the direct map");
	}
}

void mmu_init_kernel(void)
{
	struct page *root = alloc_page(GFP_ZERO);
	u64 *pml4;

	if (!root)
		panic("mmu: out of memory building the kernel page tables");
	kernel_root = page_to_phys(root);
	pml4 = page_address(root);
	prealloc_top_level(pml4, DIRECT_MAP_BASE, DIRECT_MAP_BASE + (max_pfn << PAGE_SHIFT));
	prealloc_top_level(pml4, VMALLOC_BASE, VMALLOC_END);
	prealloc_top_level(pml4, KERNEL_VIRT_BASE, ~0ul);

	map_direct();
	map_kernel_section(_text, _etext, MMU_READ | MMU_EXEC);
	map_kernel_section(_rodata, _erodata, MMU_READ);
	map_kernel_section(_data, _edata, MMU_READ | MMU_WRITE);
	map_kernel_section(_ksyms_start, _kernel_end, MMU_READ);
	mmu_switch(kernel_root);
	pr_info("mmu: kernel page tables live; text %lu KiB, rodata %lu KiB, data+bss %lu KiB\n",
		(unsigned long)(_etext - _text) / 1024, (unsigned long)(_erodata - _rodata) / 1024,
		(unsigned long)(_edata - _data) / 1024);
}
