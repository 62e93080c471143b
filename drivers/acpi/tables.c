/*
 * ACPI table discovery and the table index.
 *
 * Finding the root: the boot loader may hand us the RSDP's address
 * (boot_info.rsdp: PVH start info, Multiboot2 ACPI tag).  Otherwise we
 * search where BIOS PCs put it: the first KiB of the Extended BIOS Data
 * Area (its segment is stored at physical 0x40e) and the BIOS area
 * 0xe0000-0xfffff, at 16-byte boundaries.  An RSDP is accepted only when
 * its signature is "RSD PTR " and its first 20 bytes sum to zero; the
 * ACPI 2.0 part (length, XSDT address) also needs its extended checksum.
 *
 * The root table is the XSDT when the RSDP is 2.0+ and the XSDT is valid,
 * else the RSDT.  Every table it lists is mapped, bounded, checksummed and
 * entered in a small index keyed by signature; acpi_find_table() serves
 * lookups from the index, so nothing after boot touches an unchecked table.
 *
 * All state here is written by acpi_init() on the boot CPU before other
 * CPUs and interrupts run, and is immutable afterwards (no lock).
 */
#include <acpi.h>
#include <boot_info.h>
#include <cmdline.h>
#include <errno.h>
#include <printk.h>
#include <string.h>
#include <vmalloc.h>
#include "acpi_internal.h"

struct acpi_rsdp {
	char signature[8];	/* "RSD PTR " */
	u8 checksum;		/* covers the first 20 bytes */
	char oem_id[6];
	u8 revision;		/* 0: ACPI 1.0, 2: ACPI 2.0 and later */
	u32 rsdt_address;
	/* ACPI 2.0+ */
	u32 length;		/* of this structure */
	u64 xsdt_address;
	u8 ext_checksum;	/* covers 'length' bytes */
	u8 reserved[3];
} __packed;

STATIC_ASSERT(sizeof(struct acpi_rsdp) == 36);

#define RSDP_V1_LEN		20
#define RSDP_MAX_LEN		4096
#define BDA_EBDA_SEGMENT	0x40e
#define EBDA_SCAN_LEN		1024
#define BIOS_AREA_START		0xe0000
#define BIOS_AREA_LEN		0x20000
#define ACPI_MAX_TABLES		64

struct acpi_table_entry {
	char sig[4];
	phys_addr_t pa;
	const struct acpi_table_header *hdr;
};

/* Immutable after acpi_init() (see the top comment). */
static struct acpi_table_entry tables[ACPI_MAX_TABLES];
static unsigned int ntables;
static bool root_found;

u8 acpi_checksum(const void *p, size_t len)
{
	const u8 *b = p;
	u8 sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += b[i];
	return sum;
}

bool acpi_table_valid(const void *t, size_t avail)
{
	const struct acpi_table_header *h = t;
	u32 len;

	if (avail < sizeof(*h))
		return false;
	len = h->length;
	if (len < sizeof(*h) || len > avail || len > ACPI_TABLE_MAX_LEN)
		return false;
	return acpi_checksum(t, len) == 0;
}

void acpi_printable(char *dst, const char *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = src[i];

		if (c == '\0')
			c = ' ';
		else if (c < 0x20 || c > 0x7e)
			c = '?';
		dst[i] = c;
	}
	dst[n] = '\0';
}

/* "ACPI: APIC 0x000000000FFE197E 000080 (v01 BOCHS  BXPC     00000001 BXPC 00000001)" */
static void log_table(phys_addr_t pa, const struct acpi_table_header *h)
{
	char sig[5], oem[7], table_id[9], creator[5];

	acpi_printable(sig, h->signature, 4);
	acpi_printable(oem, h->oem_id, 6);
	acpi_printable(table_id, h->oem_table_id, 8);
	acpi_printable(creator, (const char *)&h->creator_id, 4);
	pr_info("ACPI: %s 0x%016llX %06X (v%02u %-6s %-8s %08X %-4s %08X)\n",
		sig, (unsigned long long)pa, h->length, h->revision, oem, table_id,
		h->oem_revision, creator, h->creator_revision);
}

static const struct acpi_table_header *index_lookup_pa(phys_addr_t pa)
{
	for (unsigned int i = 0; i < ntables; i++) {
		if (tables[i].pa == pa)
			return tables[i].hdr;
	}
	return NULL;
}

/*
 * Map the table at pa in full and check its length and checksum.  Returns
 * the mapping (kept for the life of the system) or NULL, reported.
 */
static const struct acpi_table_header *map_checked(phys_addr_t pa, char sig[5])
{
	const struct acpi_table_header *h = memremap_ro(pa, sizeof(*h));
	u32 len;

	if (!h) {
		pr_warn("ACPI: cannot map a table header at 0x%llx; ignoring it\n",
			(unsigned long long)pa);
		return NULL;
	}
	acpi_printable(sig, h->signature, 4);
	len = h->length;
	iounmap(h);
	if (len < sizeof(*h) || len > ACPI_TABLE_MAX_LEN || pa + len < pa) {
		pr_warn("ACPI: [%s] at 0x%llx has an invalid length %u; ignoring it\n",
			sig, (unsigned long long)pa, len);
		return NULL;
	}
	h = memremap_ro(pa, len);
	if (!h) {
		pr_warn("ACPI: cannot map [%s] at 0x%llx (%u bytes); ignoring it\n",
			sig, (unsigned long long)pa, len);
		return NULL;
	}
	if (h->length != len || acpi_checksum(h, len) != 0) {
		pr_warn("ACPI: [%s] at 0x%llx has a bad checksum; ignoring it\n",
			sig, (unsigned long long)pa);
		iounmap(h);
		return NULL;
	}
	return h;
}

const struct acpi_table_header *acpi_table_add(phys_addr_t pa, const char *expect_sig)
{
	const struct acpi_table_header *h;
	char sig[5];

	if (pa == 0)
		return NULL;
	h = index_lookup_pa(pa);
	if (h)
		return h;
	h = map_checked(pa, sig);
	if (!h)
		return NULL;
	if (expect_sig && memcmp(h->signature, expect_sig, 4) != 0) {
		pr_warn("ACPI: expected [%.4s] at 0x%llx but found [%s]; ignoring it\n",
			expect_sig, (unsigned long long)pa, sig);
		iounmap(h);
		return NULL;
	}
	log_table(pa, h);
	if (ntables == ACPI_MAX_TABLES) {
		pr_warn("ACPI: more than %d tables; ignoring [%s]\n", ACPI_MAX_TABLES, sig);
		iounmap(h);
		return NULL;
	}
	memcpy(tables[ntables].sig, h->signature, 4);
	tables[ntables].pa = pa;
	tables[ntables].hdr = h;
	ntables++;
	return h;
}

const struct acpi_table_header *acpi_find_table(const char *sig, unsigned int index)
{
	for (unsigned int i = 0; i < ntables; i++) {
		if (memcmp(tables[i].sig, sig, 4) != 0)
			continue;
		if (index-- == 0)
			return tables[i].hdr;
	}
	return NULL;
}

bool acpi_present(void)
{
	return root_found;
}

/* --- RSDP ---------------------------------------------------------------- */

static bool rsdp_v1_valid(const struct acpi_rsdp *r)
{
	return memcmp(r->signature, "RSD PTR ", 8) == 0 &&
	       acpi_checksum(r, RSDP_V1_LEN) == 0;
}

/* Scan [start, start+len) at 16-byte steps for a valid RSDP. */
static phys_addr_t rsdp_scan(phys_addr_t start, size_t len)
{
	const u8 *p = memremap_ro(start, len);
	phys_addr_t found = 0;

	if (!p)
		return 0;
	for (size_t off = 0; off + sizeof(struct acpi_rsdp) <= len; off += 16) {
		if (rsdp_v1_valid((const struct acpi_rsdp *)(p + off))) {
			found = start + off;
			break;
		}
	}
	iounmap(p);
	return found;
}

static phys_addr_t rsdp_search_bios(void)
{
	const u16 *seg = memremap_ro(BDA_EBDA_SEGMENT, sizeof(u16));
	phys_addr_t ebda = 0, pa;

	if (seg) {
		ebda = (phys_addr_t)*seg << 4;
		iounmap(seg);
		/* The EBDA sits just below 640 KiB; anything else is junk. */
		if (ebda >= 0x80000 && ebda < 0xa0000) {
			pa = rsdp_scan(ebda, EBDA_SCAN_LEN);
			if (pa)
				return pa;
		}
	}
	return rsdp_scan(BIOS_AREA_START, BIOS_AREA_LEN);
}

/* Map and check the RSDP at pa; NULL when it is not a valid one. */
static const struct acpi_rsdp *rsdp_map(phys_addr_t pa)
{
	const struct acpi_rsdp *r = memremap_ro(pa, sizeof(*r));

	if (r && !rsdp_v1_valid(r)) {
		iounmap(r);
		r = NULL;
	}
	return r;
}

/* True when the ACPI 2.0 part of the RSDP (and so its XSDT address) is sound. */
static bool rsdp_v2_valid(phys_addr_t pa, const struct acpi_rsdp *r)
{
	u32 len = r->length;
	const void *full;
	bool ok;

	if (r->revision < 2)
		return false;
	if (len < sizeof(*r) || len > RSDP_MAX_LEN)
		return false;
	full = memremap_ro(pa, len);
	if (!full)
		return false;
	ok = acpi_checksum(full, len) == 0;
	iounmap(full);
	return ok;
}

static void log_rsdp(phys_addr_t pa, const struct acpi_rsdp *r, bool v2)
{
	char oem[7];

	acpi_printable(oem, r->oem_id, 6);
	pr_info("ACPI: RSDP 0x%016llX %06X (v%02u %-6s)\n", (unsigned long long)pa,
		v2 ? r->length : RSDP_V1_LEN, r->revision, oem);
}

/* --- Root table -------------------------------------------------------- */

/* Add every table the XSDT (entry 8 bytes) or RSDT (4 bytes) lists. */
static void walk_root(const struct acpi_table_header *root, size_t entry_size)
{
	const u8 *entries = (const u8 *)root + sizeof(*root);
	size_t n = (root->length - sizeof(*root)) / entry_size;

	for (size_t i = 0; i < n; i++) {
		u64 pa = 0;

		memcpy(&pa, entries + i * entry_size, entry_size);	/* unaligned */
		if (pa)
			acpi_table_add(pa, NULL);
	}
}

static int find_root(void)
{
	phys_addr_t pa = boot_info.rsdp;
	const struct acpi_rsdp *r = NULL;
	const struct acpi_table_header *root = NULL;
	bool v2;

	if (pa) {
		r = rsdp_map(pa);
		if (!r)
			pr_warn("ACPI: the boot loader's RSDP at 0x%llx is invalid; searching\n",
				(unsigned long long)pa);
	}
	if (!r) {
		pa = rsdp_search_bios();
		r = pa ? rsdp_map(pa) : NULL;
	}
	if (!r)
		return -ENOENT;
	v2 = rsdp_v2_valid(pa, r);
	log_rsdp(pa, r, v2);
	if (v2) {
		root = acpi_table_add(r->xsdt_address, "XSDT");
		if (root)
			walk_root(root, sizeof(u64));
	}
	if (!root) {
		root = acpi_table_add(r->rsdt_address, "RSDT");
		if (root)
			walk_root(root, sizeof(u32));
	}
	iounmap(r);
	return root ? 0 : -ENOENT;
}

void acpi_init(void)
{
	const char *opt = cmdline_get("acpi");

	if (opt && strcmp(opt, "off") == 0) {
		pr_info("ACPI: disabled by acpi=off; using legacy PC defaults\n");
		return;
	}
	if (find_root() < 0) {
		pr_info("ACPI: no usable tables found; using legacy PC defaults\n");
		return;
	}
	root_found = true;
	acpi_fadt_init();
	acpi_madt_init();
	acpi_hpet_init();
	acpi_mcfg_init();
	acpi_sleep_init();
}
