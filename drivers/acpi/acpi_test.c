/*
 * Self-tests for the ACPI table code (boot with "ktest=all").  The parsers
 * are fed hand-built tables and AML, including deliberately broken ones,
 * so they are exercised even on a machine whose firmware is well behaved.
 */
#include <acpi.h>
#include <ktest.h>
#include <percpu.h>
#include <string.h>
#include "acpi_internal.h"

static u8 test_buf[4096];

/* Fill in a table header and fix the checksum for len bytes at buf. */
static void make_table(u8 *buf, const char *sig, u32 len)
{
	struct acpi_table_header *h = (void *)buf;

	memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = 1;
	memcpy(h->oem_id, "OSPREY", 6);
	h->checksum = 0;
	h->checksum = (u8)-acpi_checksum(buf, len);
}

/* A copy of a real table when one fits in test_buf, else a made-up one. */
static u32 copy_some_table(void)
{
	static const char *const sigs[] = { "APIC", "FACP", "HPET", "DSDT" };

	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
		const struct acpi_table_header *t = acpi_find_table(sigs[i], 0);

		if (t && t->length <= sizeof(test_buf)) {
			memcpy(test_buf, t, t->length);
			return t->length;
		}
	}
	memset(test_buf, 0x5a, 64);
	make_table(test_buf, "TEST", 64);
	return 64;
}

KTEST(acpi_checksum_rejects_corrupt_table)
{
	struct acpi_table_header *h = (void *)test_buf;
	u32 len = copy_some_table();

	KTEST_EXPECT(acpi_table_valid(test_buf, len));
	test_buf[len / 2] ^= 0x01;			/* one flipped bit */
	KTEST_EXPECT(!acpi_table_valid(test_buf, len));
	test_buf[len / 2] ^= 0x01;
	KTEST_EXPECT(acpi_table_valid(test_buf, len));
	KTEST_EXPECT(!acpi_table_valid(test_buf, len - 1));	/* length past the buffer */
	h->length = 12;					/* shorter than a header */
	KTEST_EXPECT(!acpi_table_valid(test_buf, len));
	KTEST_EXPECT(!acpi_table_valid(test_buf, 20));	/* header cut short */
	return 0;
}

KTEST(acpi_madt_found_boot_cpu)
{
	const struct acpi_madt_info *m = acpi_madt();
	bool found = false;

	if (!m) {
		KTEST_EXPECT(!acpi_find_table("APIC", 0));
		pr_info("ktest: no MADT on this machine; checked the fallback only\n");
		return 0;
	}
	KTEST_EXPECT(m->ncpus >= 1);
	for (unsigned int i = 0; i < m->ncpus; i++)
		found |= m->cpus[i].apic_id == this_cpu()->apic_id;
	KTEST_EXPECT(found);
	return 0;
}

/* Append one MADT entry (type, length, body) at *pos. */
static void put_entry(u8 *buf, size_t *pos, u8 type, u8 len, const void *body, size_t body_len)
{
	buf[*pos] = type;
	buf[*pos + 1] = len;
	memcpy(buf + *pos + 2, body, body_len);
	*pos += len < 2 ? 2 : len;
}

KTEST(acpi_madt_parser_skips_bad_entries)
{
	static struct acpi_madt_info m;
	const u8 lapic0[] = { 0, 0, 1, 0, 0, 0 };		/* uid 0, id 0, enabled */
	const u8 lapic1[] = { 1, 1, 2, 0, 0, 0 };		/* online capable only */
	const u8 x2apic[] = { 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0 };	/* id 0x100 */
	const u8 x2dup[] = { 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0 };	/* id 0 again */
	const u8 ioapic[] = { 2, 0, 0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0 };
	const u8 iso0[] = { 0, 0, 2, 0, 0, 0, 0x0d, 0 };	/* IRQ0 -> GSI2, low level */
	const u8 iso_bad[] = { 0, 16, 5, 0, 0, 0, 0, 0 };	/* IRQ 16 is not ISA */
	const u8 nmi[] = { 0xff, 0x05, 0x00, 1 };		/* all CPUs, LINT1 */
	const u32 fixed[2] = { 0xfee00000, 1 };			/* LAPIC address, PCAT_COMPAT */
	size_t pos = 44;

	memset(test_buf, 0, sizeof(test_buf));
	memcpy(test_buf + 36, fixed, sizeof(fixed));
	put_entry(test_buf, &pos, 0, 8, lapic0, sizeof(lapic0));
	put_entry(test_buf, &pos, 0, 8, lapic1, sizeof(lapic1));
	put_entry(test_buf, &pos, 9, 16, x2apic, sizeof(x2apic));
	put_entry(test_buf, &pos, 9, 16, x2dup, sizeof(x2dup));
	put_entry(test_buf, &pos, 1, 12, ioapic, sizeof(ioapic));
	put_entry(test_buf, &pos, 2, 10, iso0, sizeof(iso0));
	put_entry(test_buf, &pos, 2, 10, iso_bad, sizeof(iso_bad));
	put_entry(test_buf, &pos, 4, 6, nmi, sizeof(nmi));
	put_entry(test_buf, &pos, 0, 4, lapic0, 2);		/* too short for its type */
	put_entry(test_buf, &pos, 1, 40, ioapic, sizeof(ioapic));	/* runs past the end */
	make_table(test_buf, "APIC", (u32)pos - 40 + 12);

	KTEST_EXPECT(acpi_madt_parse((void *)test_buf, &m) == 0);
	KTEST_EXPECT(m.lapic_addr == 0xfee00000 && m.pcat_compat);
	KTEST_EXPECT(m.ncpus == 2 && m.nhotplug == 1);
	KTEST_EXPECT(m.cpus[0].apic_id == 0 && m.cpus[1].apic_id == 0x100 && m.cpus[1].uid == 7);
	KTEST_EXPECT(m.nioapics == 1 && m.ioapics[0].addr == 0xfec00000);
	KTEST_EXPECT(m.isa[0].present && m.isa[0].gsi == 2 && m.isa[0].flags == 0x0d);
	KTEST_EXPECT(m.nlapic_nmis == 1 && m.lapic_nmis[0].uid == ACPI_UID_ALL &&
		     m.lapic_nmis[0].lint == 1);
	KTEST_EXPECT(m.nbad == 3);
	/* A table too short for the MADT's fixed part is refused. */
	make_table(test_buf, "APIC", 40);
	KTEST_EXPECT(acpi_madt_parse((void *)test_buf, &m) < 0);
	return 0;
}

KTEST(acpi_aml_finds_sleep_type)
{
	/* Name (\_S5, Package (0x04) { 0x05, 0x07, Zero, Zero }), with junk around it. */
	static const u8 s5_bytes[] = { 0x10, 0x5f, 0x53, 0x35, 0x5f, 0x08, 0x5c, '_', 'S', '5', '_',
				       0x12, 0x08, 0x04, 0x0a, 0x05, 0x0a, 0x07, 0x00, 0x00, 0xa3 };
	/* Name (_S3_, Package () { One, Zero }) with a two-byte PkgLength. */
	static const u8 s3_long[] = { 0x08, '_', 'S', '3', '_', 0x12, 0x45, 0x00, 0x02, 0x01, 0x00 };
	/* Truncated: the package claims more bytes than there are. */
	static const u8 s5_cut[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x0a, 0x04, 0x0a, 0x05 };
	/* Defined as a method: we must not guess. */
	static const u8 s5_method[] = { 0x14, 0x08, '_', 'S', '5', '_', 0x00, 0xa4, 0x00 };
	u8 a = 0xee, b = 0xee;

	KTEST_EXPECT(acpi_aml_sleep_type(s5_bytes, sizeof(s5_bytes), 5, &a, &b) == 0);
	KTEST_EXPECT(a == 5 && b == 7);
	KTEST_EXPECT(acpi_aml_sleep_type(s5_bytes, sizeof(s5_bytes), 3, &a, &b) < 0);
	KTEST_EXPECT(acpi_aml_sleep_type(s3_long, sizeof(s3_long), 3, &a, &b) == 0);
	KTEST_EXPECT(a == 1 && b == 0);
	KTEST_EXPECT(acpi_aml_sleep_type(s5_cut, sizeof(s5_cut), 5, &a, &b) < 0);
	KTEST_EXPECT(acpi_aml_sleep_type(s5_method, sizeof(s5_method), 5, &a, &b) < 0);
	return 0;
}
