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
/* Undo ioremap() or memremap_ro(). */
void iounmap(const void *va);

/* Zeroed, page-granular, guarded; NULL when out of memory or address space. */
void *vmalloc(size_t size);
void vfree(const void *va);

/* A kernel stack of 'size' bytes (page multiple) with a guard page below. */
void *kstack_alloc(size_t size);
#define kstack_free(va) vfree(va)

/*
 * Map firmware memory (ACPI tables) cacheable and read-only; it may lie
 * outside the RAM the direct map covers.  NULL on failure.
 */
const void *memremap_ro(phys_addr_t pa, size_t size);

/* True when addr lies in the guard page below some kernel stack. */
bool kstack_guard_hit(unsigned long addr);

#endif
