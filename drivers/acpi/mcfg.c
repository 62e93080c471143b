/*
 * MCFG table: the PCI Express memory-mapped configuration space (ECAM).
 *
 * After the header and 8 reserved bytes come 16-byte entries, one per
 * range of buses: the ECAM base address (for bus 0 of the segment, even
 * when the range starts later), the PCI segment group and the first and
 * last bus.  Each bus takes 1 MiB of the window.  The PCI driver maps the
 * regions it uses.
 */
#include <acpi.h>
#include <printk.h>
#include <string.h>
#include "acpi_internal.h"

#define MCFG_MAX_REGIONS	16

struct mcfg_entry {
	u64 base;
	u16 segment;
	u8 bus_start;
	u8 bus_end;
	u32 reserved;
} __packed;

struct mcfg_table {
	struct acpi_table_header header;
	u8 reserved[8];
	struct mcfg_entry entries[];
} __packed;

/* Immutable after acpi_init(). */
static struct acpi_mcfg_region regions[MCFG_MAX_REGIONS];
static unsigned int nregions;

unsigned int acpi_mcfg(const struct acpi_mcfg_region **out)
{
	*out = regions;
	return nregions;
}

static bool entry_sane(const struct mcfg_entry *e)
{
	return e->base != 0 && e->bus_start <= e->bus_end && IS_ALIGNED(e->base, 1u << 20);
}

void acpi_mcfg_init(void)
{
	const struct acpi_table_header *t = acpi_find_table("MCFG", 0);
	const struct mcfg_table *m = (const void *)t;
	size_t n;

	if (!t || t->length < sizeof(*m))
		return;
	n = (t->length - sizeof(*m)) / sizeof(struct mcfg_entry);
	for (size_t i = 0; i < n; i++) {
		struct mcfg_entry e;

		memcpy(&e, &m->entries[i], sizeof(e));
		if (!entry_sane(&e) || nregions == MCFG_MAX_REGIONS) {
			pr_warn("ACPI: MCFG entry %zu is malformed or one too many; ignoring it\n", i);
			continue;
		}
		regions[nregions].base = e.base;
		regions[nregions].segment = e.segment;
		regions[nregions].bus_start = e.bus_start;
		regions[nregions].bus_end = e.bus_end;
		nregions++;
		pr_info("PCI: ECAM [mem 0x%08llx-0x%08llx] for domain %04x [bus %02x-%02x]\n",
			(unsigned long long)(e.base + ((u64)e.bus_start << 20)),
			(unsigned long long)(e.base + (((u64)e.bus_end + 1) << 20) - 1),
			e.segment, e.bus_start, e.bus_end);
	}
}
