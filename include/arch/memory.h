/*
 * Virtual memory layout (x86_64, 4-level paging):
 *
 *   0x0000000000000000 - 0x00007fffffffffff   user space (128 TiB)
 *   0xffff800000000000 - 0xffffbfffffffffff   direct map of all RAM (64 TiB)
 *   0xffffc00000000000 - 0xffffc7ffffffffff   vmalloc: kernel stacks, big buffers, MMIO
 *   0xffffffff80000000 - 0xffffffffbfffffff   kernel image (physical + KERNEL_VIRT_BASE)
 */
#ifndef ARCH_MEMORY_H
#define ARCH_MEMORY_H

#include <types.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1ul << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define HUGE_PAGE_SIZE		(1ul << 21)

#define USER_SPACE_END		0x0000800000000000ul
#define DIRECT_MAP_BASE		0xffff800000000000ul
#define DIRECT_MAP_END		0xffffc00000000000ul
#define VMALLOC_BASE		0xffffc00000000000ul
#define VMALLOC_END		0xffffc80000000000ul
#define KERNEL_VIRT_BASE	0xffffffff80000000ul

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(pa + DIRECT_MAP_BASE);
}

/* Works for direct-map and kernel-image addresses. */
static inline phys_addr_t virt_to_phys(const void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= KERNEL_VIRT_BASE)
		return v - KERNEL_VIRT_BASE;
	return v - DIRECT_MAP_BASE;
}

#endif
