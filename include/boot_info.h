/*
 * What the boot loader told us, in one protocol-neutral form.  Both boot
 * paths (PVH and Multiboot2, arch/x86_64/boot/) fill this before anything
 * else runs; later code never looks at loader structures.
 */
#ifndef BOOT_INFO_H
#define BOOT_INFO_H

#include <types.h>

#define BOOT_MEMMAP_MAX	128

enum boot_mem_type {
	BOOT_MEM_USABLE = 1,
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI_RECLAIM = 3,
	BOOT_MEM_ACPI_NVS = 4,
	BOOT_MEM_BAD = 5,
};

struct boot_mem_region {
	u64 base;
	u64 size;
	u32 type;		/* enum boot_mem_type (E820 numbering) */
};

struct boot_info {
	const char *loader;		/* "PVH" or "Multiboot2 (GRUB ...)" */
	char cmdline[4096];
	struct boot_mem_region memmap[BOOT_MEMMAP_MAX];
	unsigned int memmap_count;
	phys_addr_t initrd_base;	/* 0 when there is no initrd */
	u64 initrd_size;
	phys_addr_t rsdp;		/* 0 when the loader gave none */
	struct {
		phys_addr_t base;	/* 0 when there is no framebuffer */
		u32 width, height, pitch;
		u8 bpp;
	} fb;
};

extern struct boot_info boot_info;

#endif
