/*
 * Memory bring-up, in the only order that works: frames below 4 GiB,
 * the final page tables (which need frames), frames above 4 GiB (which
 * need the final direct map), then the heap.
 */
#include <kmalloc.h>
#include <mm.h>
#include <printk.h>
#include <arch/mmu.h>
#include "kmalloc_internal.h"


void mm_init(void)
{
	page_alloc_init();
	mmu_init_kernel();
	page_alloc_add_high_memory();
	kmalloc_init();

}

void mm_print_usage(void)
{
	extern const char _kernel_phys_start[], _kernel_end[];
	u64 image = virt_to_phys(_kernel_end) - (u64)_kernel_phys_start;
	u64 descriptors = ALIGN_UP(max_pfn * sizeof(struct page), PAGE_SIZE);
	u64 allocated = (mm_total_pages() - mm_free_pages()) * PAGE_SIZE;

	pr_info("Memory: %lluK/%lluK available (kernel image %lluK, page descriptors %lluK, "
		"allocated %lluK)\n",
		(unsigned long long)mm_free_pages() * (PAGE_SIZE / 1024),
		(unsigned long long)(mm_total_pages() * PAGE_SIZE + image + descriptors) / 1024,
		(unsigned long long)image / 1024, (unsigned long long)descriptors / 1024,
		(unsigned long long)allocated / 1024);
}
