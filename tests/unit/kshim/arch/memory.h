/*
 * Host stand-in for include/arch/memory.h: the "direct map" is an arena
 * the unit test allocates (kshim_arena, page aligned), so frame pfn lives
 * at kshim_arena + pfn * PAGE_SIZE and direct-map addresses are ordinary
 * host pointers ASan can see.
 */
#ifndef ARCH_MEMORY_H
#define ARCH_MEMORY_H

#include <types.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1ul << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

extern unsigned char *kshim_arena;	/* set up by the test */
extern unsigned long kshim_arena_size;

/* Host pointers are user-half addresses, as on the kernel's side of the line. */
#define USER_SPACE_END		0x0000800000000000ul
#define DIRECT_MAP_BASE		((unsigned long)kshim_arena)
#define DIRECT_MAP_END		((unsigned long)kshim_arena + kshim_arena_size)

static inline void *phys_to_virt(phys_addr_t pa)
{
	return kshim_arena + pa;
}

static inline phys_addr_t virt_to_phys(const void *va)
{
	return (phys_addr_t)((const unsigned char *)va - kshim_arena);
}

#endif
