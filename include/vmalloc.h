/*
 * Virtually contiguous kernel memory in the vmalloc area (arch/memory.h):
 * big buffers, kernel stacks with guard pages, and device MMIO windows.
 */
#ifndef VMALLOC_H
#define VMALLOC_H

#include <types.h>

/*
 * Map 'size' bytes of device memory at physical 'pa' uncached, writable,
 * not executable.  Returns the virtual address of pa (keeping its offset
 * within the page) or NULL when out of address space or memory.
 */
void *ioremap(phys_addr_t pa, size_t size);
void iounmap(void *va);

/*
 * Map firmware memory (ACPI tables) cacheable and read-only; it may lie
 * outside the RAM the direct map covers.  NULL on failure.
 */
const void *memremap_ro(phys_addr_t pa, size_t size);

/* True when addr lies in the guard page below some kernel stack. */
bool kstack_guard_hit(unsigned long addr);

#endif
