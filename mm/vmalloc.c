/*
 * Provisional: until mm/ builds the final page tables, the boot page
 * tables map the first 4 GiB of physical space (RAM and MMIO alike) in the
 * direct map, so device windows below 4 GiB are reachable there.
 */
#include <vmalloc.h>
#include <arch/memory.h>

void *ioremap(phys_addr_t pa, size_t size)
{
	if (pa + size > (4ull << 30) || pa + size < pa)
		return NULL;
	return phys_to_virt(pa);
}

const void *memremap_ro(phys_addr_t pa, size_t size)
{
	return ioremap(pa, size);
}

void iounmap(void *va)
{
	(void)va;
}

bool kstack_guard_hit(unsigned long addr)
{
	(void)addr;
	return false;
}
