/*
 * HPET table: where the High Precision Event Timer's registers are.
 *
 * One table describes one timer block: its ID (vendor, number of
 * comparators, counter width), the base address as a generic address
 * (it must be in memory space), a sequence number and the minimum
 * periodic tick.  The timer itself is driven by arch/x86_64/hpet.c.
 */
#include <acpi.h>
#include <printk.h>
#include "acpi_internal.h"

struct hpet_table {
	struct acpi_table_header header;
	u32 block_id;
	struct acpi_gas address;
	u8 number;
	u16 min_tick;
	u8 page_protection;
} __packed;

STATIC_ASSERT(sizeof(struct hpet_table) == 56);

static struct acpi_hpet_info hpet_info;	/* immutable after acpi_init() */
static bool hpet_valid;

const struct acpi_hpet_info *acpi_hpet(void)
{
	return hpet_valid ? &hpet_info : NULL;
}

void acpi_hpet_init(void)
{
	const struct acpi_table_header *t = acpi_find_table("HPET", 0);
	const struct hpet_table *h = (const void *)t;

	if (!t)
		return;
	if (t->length < sizeof(*h) || h->address.space_id != ACPI_SPACE_MEMORY ||
	    h->address.address == 0) {
		pr_warn("ACPI: HPET table is malformed; ignoring it\n");
		return;
	}
	hpet_info.address = h->address.address;
	hpet_info.block_id = h->block_id;
	hpet_info.number = h->number;
	hpet_info.min_tick = h->min_tick;
	hpet_valid = true;
	pr_info("ACPI: HPET id: 0x%x base: 0x%llx\n", hpet_info.block_id,
		(unsigned long long)hpet_info.address);
}
