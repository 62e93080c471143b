/*
 * Translate the boot loader's handoff (PVH hvm_start_info or a Multiboot2
 * information block) into struct boot_info.  Everything we keep is copied:
 * the loader's structures live in memory the frame allocator will reuse.
 * Loader data is treated as untrusted input: lengths are bounded and
 * malformed entries are skipped with a message, never followed blindly.
 */
#include <boot_info.h>
#include <arch/memory.h>
#include <asm/boot.h>
#include <format.h>
#include <printk.h>
#include <string.h>
#include "bootinfo.h"

struct boot_info boot_info;
static u8 rsdp_copy[64] __aligned(16);	/* Multiboot2 hands the RSDP by value */

/* Physical addresses the boot page tables can reach (identity + direct map). */
#define BOOT_MAPPED_LIMIT	(4ull << 30)

static bool boot_range_ok(u64 pa, u64 len)
{
	return pa != 0 && pa < BOOT_MAPPED_LIMIT && len <= BOOT_MAPPED_LIMIT - pa;
}

static void copy_cmdline(u64 pa)
{
	const char *src;
	size_t i;

	if (!boot_range_ok(pa, 1))
		return;
	src = phys_to_virt(pa);
	for (i = 0; i + 1 < sizeof(boot_info.cmdline) && pa + i < BOOT_MAPPED_LIMIT && src[i]; i++)
		boot_info.cmdline[i] = src[i];
	boot_info.cmdline[i] = '\0';
}

static void add_region(u64 base, u64 size, u32 type)
{
	struct boot_mem_region *r;

	if (size == 0)
		return;
	if (boot_info.memmap_count == BOOT_MEMMAP_MAX) {
		pr_warn("boot: memory map has more than %d entries; ignoring the rest\n",
			BOOT_MEMMAP_MAX);
		return;
	}
	if (type < BOOT_MEM_USABLE || type > BOOT_MEM_BAD)
		type = BOOT_MEM_RESERVED;
	r = &boot_info.memmap[boot_info.memmap_count++];
	r->base = base;
	r->size = size;
	r->type = type;
}

/* --- PVH ---------------------------------------------------------------- */

struct hvm_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	u64 memmap_paddr;
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

struct hvm_memmap_entry {
	u64 addr;
	u64 size;
	u32 type;
	u32 reserved;
};

#define HVM_START_MAGIC	0x336ec578

static int parse_pvh(u64 pa)
{
	const struct hvm_start_info *si;

	if (!boot_range_ok(pa, sizeof(*si)))
		return -1;
	si = phys_to_virt(pa);
	if (si->magic != HVM_START_MAGIC)
		return -1;
	boot_info.loader = "PVH";
	copy_cmdline(si->cmdline_paddr);
	boot_info.rsdp = si->rsdp_paddr;

	if (si->nr_modules > 0 &&
	    boot_range_ok(si->modlist_paddr, sizeof(struct hvm_modlist_entry))) {
		const struct hvm_modlist_entry *m = phys_to_virt(si->modlist_paddr);

		boot_info.initrd_base = m->paddr;
		boot_info.initrd_size = m->size;
	}
	if (si->version >= 1 && si->memmap_entries > 0 &&
	    boot_range_ok(si->memmap_paddr,
			  (u64)si->memmap_entries * sizeof(struct hvm_memmap_entry))) {
		const struct hvm_memmap_entry *e = phys_to_virt(si->memmap_paddr);

		for (u32 i = 0; i < si->memmap_entries; i++)
			add_region(e[i].addr, e[i].size, e[i].type);
	}
	return 0;
}

/* --- Multiboot2 ----------------------------------------------------------- */

struct mb2_tag {
	u32 type;
	u32 size;
};

enum {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER_NAME = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_MMAP = 6,
	MB2_TAG_FRAMEBUFFER = 8,
	MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15,
};

struct mb2_mmap_entry {
	u64 base;
	u64 len;
	u32 type;
	u32 reserved;
};

static char loader_name[64];

static void mb2_tag(const struct mb2_tag *t, u64 tag_pa)
{
	const u8 *body = (const u8 *)(t + 1);
	u32 body_len = t->size - sizeof(*t);

	switch (t->type) {
	case MB2_TAG_CMDLINE:
		copy_cmdline(tag_pa + sizeof(*t));
		break;
	case MB2_TAG_LOADER_NAME:
		snprintf(loader_name, sizeof(loader_name), "Multiboot2 (%.*s)",
			 (int)strnlen((const char *)body, body_len), (const char *)body);
		boot_info.loader = loader_name;
		break;
	case MB2_TAG_MODULE:
		if (body_len >= 8 && boot_info.initrd_base == 0) {
			const u32 *m = (const u32 *)body;

			if (m[1] > m[0]) {
				boot_info.initrd_base = m[0];
				boot_info.initrd_size = m[1] - m[0];
			}
		}
		break;
	case MB2_TAG_MMAP: {
		u32 esize = ((const u32 *)body)[0];

		if (body_len < 8 || esize < sizeof(struct mb2_mmap_entry))
			break;
		for (u32 off = 8; off + esize <= body_len; off += esize) {
			const struct mb2_mmap_entry *e = (const void *)(body + off);

			add_region(e->base, e->len, e->type);
		}
		break;
	}
	case MB2_TAG_FRAMEBUFFER:
		if (body_len >= 21) {
			boot_info.fb.base = *(const u64 *)body;
			boot_info.fb.pitch = *(const u32 *)(body + 8);
			boot_info.fb.width = *(const u32 *)(body + 12);
			boot_info.fb.height = *(const u32 *)(body + 16);
			boot_info.fb.bpp = body[20];
		}
		break;
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		/* Prefer the ACPI 2.0 RSDP when both are present. */
		if (body_len >= 20 && (t->type == MB2_TAG_ACPI_NEW || boot_info.rsdp == 0)) {
			memcpy(rsdp_copy, body, MIN(body_len, sizeof(rsdp_copy)));
			boot_info.rsdp = virt_to_phys(rsdp_copy);
		}
		break;
	}
}

static int parse_multiboot2(u64 pa)
{
	const u32 *hdr;
	u32 total;

	if (!boot_range_ok(pa, 8))
		return -1;
	hdr = phys_to_virt(pa);
	total = hdr[0];
	if (total < 16 || !boot_range_ok(pa, total))
		return -1;
	boot_info.loader = "Multiboot2";
	for (u32 off = 8; off + sizeof(struct mb2_tag) <= total;) {
		const struct mb2_tag *t = (const void *)((const u8 *)hdr + off);

		if (t->type == MB2_TAG_END)
			break;
		if (t->size < sizeof(*t) || t->size > total - off) {
			pr_warn("boot: malformed Multiboot2 tag %u at offset %u\n", t->type, off);
			break;
		}
		mb2_tag(t, pa + off);
		off += ALIGN_UP(t->size, 8);
	}
	return 0;
}

int boot_info_parse(int protocol, u64 info_pa)
{
	if (protocol == BOOT_PROTO_PVH)
		return parse_pvh(info_pa);
	if (protocol == BOOT_PROTO_MULTIBOOT2)
		return parse_multiboot2(info_pa);
	return -1;
}
