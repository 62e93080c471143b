/*
 * MADT (signature "APIC"): the CPUs and interrupt controllers.
 *
 * After the header come the local APIC address and a flags word (bit 0:
 * the machine also has 8259 PICs), then a list of variable-length entries,
 * each starting with a type byte and a length byte.  The ones we use:
 *
 *   0  processor local APIC    ACPI UID, 8-bit APIC ID, flags
 *   1  I/O APIC                ID, register address, first GSI
 *   2  interrupt source override  ISA IRQ -> GSI, polarity and trigger
 *   3  NMI source              a GSI wired to NMI
 *   4  local APIC NMI          which LINT pin is NMI, for one CPU or all
 *   5  local APIC address override  64-bit LAPIC address
 *   9  processor local x2APIC  32-bit APIC ID (IDs above 254)
 *  10  local x2APIC NMI        as type 4 with a 32-bit UID
 *
 * A CPU entry counts when its "enabled" flag is set; "online capable"
 * without "enabled" means a hot-pluggable socket, counted but not used.
 * The parser trusts nothing: an entry shorter than its type needs, or one
 * running past the table's end, stops or is skipped and is counted in nbad.
 */
#include <acpi.h>
#include <errno.h>
#include <printk.h>
#include <string.h>
#include "acpi_internal.h"

struct madt {
	struct acpi_table_header header;
	u32 lapic_addr;
	u32 flags;
} __packed;

struct madt_entry {
	u8 type;
	u8 length;
} __packed;

struct madt_lapic {
	struct madt_entry e;
	u8 uid;
	u8 apic_id;
	u32 flags;
} __packed;

struct madt_ioapic {
	struct madt_entry e;
	u8 id;
	u8 reserved;
	u32 addr;
	u32 gsi_base;
} __packed;

struct madt_override {
	struct madt_entry e;
	u8 bus;
	u8 source;
	u32 gsi;
	u16 flags;
} __packed;

struct madt_nmi_source {
	struct madt_entry e;
	u16 flags;
	u32 gsi;
} __packed;

struct madt_lapic_nmi {
	struct madt_entry e;
	u8 uid;
	u16 flags;
	u8 lint;
} __packed;

struct madt_lapic_addr {
	struct madt_entry e;
	u16 reserved;
	u64 addr;
} __packed;

struct madt_x2apic {
	struct madt_entry e;
	u16 reserved;
	u32 apic_id;
	u32 flags;
	u32 uid;
} __packed;

struct madt_x2apic_nmi {
	struct madt_entry e;
	u16 flags;
	u32 uid;
	u8 lint;
	u8 reserved[3];
} __packed;

enum {
	MADT_LAPIC = 0,
	MADT_IOAPIC = 1,
	MADT_OVERRIDE = 2,
	MADT_NMI_SOURCE = 3,
	MADT_LAPIC_NMI = 4,
	MADT_LAPIC_ADDR = 5,
	MADT_X2APIC = 9,
	MADT_X2APIC_NMI = 10,
};

#define MADT_PCAT_COMPAT	(1u << 0)
#define CPU_ENABLED		(1u << 0)
#define CPU_ONLINE_CAPABLE	(1u << 1)
#define XAPIC_BROADCAST_ID	0xff

/* Minimum length of each entry type we read; 0 for types we skip. */
static size_t entry_min_len(u8 type)
{
	switch (type) {
	case MADT_LAPIC:	return sizeof(struct madt_lapic);
	case MADT_IOAPIC:	return sizeof(struct madt_ioapic);
	case MADT_OVERRIDE:	return sizeof(struct madt_override);
	case MADT_NMI_SOURCE:	return sizeof(struct madt_nmi_source);
	case MADT_LAPIC_NMI:	return sizeof(struct madt_lapic_nmi);
	case MADT_LAPIC_ADDR:	return sizeof(struct madt_lapic_addr);
	case MADT_X2APIC:	return sizeof(struct madt_x2apic);
	case MADT_X2APIC_NMI:	return sizeof(struct madt_x2apic_nmi);
	default:		return 0;
	}
}

static void add_cpu(struct acpi_madt_info *m, u32 apic_id, u32 uid, u32 flags)
{
	if (!(flags & CPU_ENABLED)) {
		if (flags & CPU_ONLINE_CAPABLE)
			m->nhotplug++;
		return;
	}
	for (unsigned int i = 0; i < m->ncpus; i++) {
		if (m->cpus[i].apic_id == apic_id)
			return;		/* listed as both xAPIC and x2APIC */
	}
	if (m->ncpus == MAX_CPUS) {
		m->nskipped++;
		return;
	}
	m->cpus[m->ncpus].apic_id = apic_id;
	m->cpus[m->ncpus].uid = uid;
	m->ncpus++;
}

static void add_ioapic(struct acpi_madt_info *m, const struct madt_ioapic *e)
{
	if (e->addr == 0 || m->nioapics == ACPI_MAX_IOAPICS) {
		m->nbad++;
		return;
	}
	m->ioapics[m->nioapics].id = e->id;
	m->ioapics[m->nioapics].addr = e->addr;
	m->ioapics[m->nioapics].gsi_base = e->gsi_base;
	m->nioapics++;
}

static void add_override(struct acpi_madt_info *m, const struct madt_override *e)
{
	/* Only ISA (bus 0) IRQs 0-15 can be overridden. */
	if (e->bus != 0 || e->source >= ACPI_NR_ISA_IRQS) {
		m->nbad++;
		return;
	}
	m->isa[e->source].present = true;
	m->isa[e->source].gsi = e->gsi;
	m->isa[e->source].flags = e->flags;
}

static void add_lapic_nmi(struct acpi_madt_info *m, u32 uid, u8 lint, u16 flags)
{
	if (lint > 1 || m->nlapic_nmis == ACPI_MAX_LAPIC_NMIS) {
		m->nbad++;
		return;
	}
	m->lapic_nmis[m->nlapic_nmis].uid = uid;
	m->lapic_nmis[m->nlapic_nmis].lint = lint;
	m->lapic_nmis[m->nlapic_nmis].flags = flags;
	m->nlapic_nmis++;
}

static void add_nmi_source(struct acpi_madt_info *m, const struct madt_nmi_source *e)
{
	if (m->nnmi_sources == ACPI_MAX_NMI_SOURCES) {
		m->nbad++;
		return;
	}
	m->nmi_sources[m->nnmi_sources].gsi = e->gsi;
	m->nmi_sources[m->nnmi_sources].flags = e->flags;
	m->nnmi_sources++;
}

/* Apply one entry whose length has been checked against its type. */
static void parse_entry(struct acpi_madt_info *m, const struct madt_entry *e)
{
	const struct madt_lapic *l = (const void *)e;
	const struct madt_x2apic *x = (const void *)e;
	const struct madt_lapic_nmi *ln = (const void *)e;
	const struct madt_x2apic_nmi *xn = (const void *)e;
	const struct madt_lapic_addr *la = (const void *)e;

	switch (e->type) {
	case MADT_LAPIC:
		if (l->apic_id != XAPIC_BROADCAST_ID)
			add_cpu(m, l->apic_id, l->uid, l->flags);
		break;
	case MADT_X2APIC:
		add_cpu(m, x->apic_id, x->uid, x->flags);
		break;
	case MADT_IOAPIC:
		add_ioapic(m, (const void *)e);
		break;
	case MADT_OVERRIDE:
		add_override(m, (const void *)e);
		break;
	case MADT_NMI_SOURCE:
		add_nmi_source(m, (const void *)e);
		break;
	case MADT_LAPIC_NMI:
		add_lapic_nmi(m, ln->uid == 0xff ? ACPI_UID_ALL : ln->uid, ln->lint, ln->flags);
		break;
	case MADT_X2APIC_NMI:
		add_lapic_nmi(m, xn->uid, xn->lint, xn->flags);
		break;
	case MADT_LAPIC_ADDR:
		if (la->addr)
			m->lapic_addr = la->addr;
		break;
	}
}

int acpi_madt_parse(const struct acpi_table_header *t, struct acpi_madt_info *out)
{
	const struct madt *madt = (const void *)t;
	const u8 *p, *end;

	memset(out, 0, sizeof(*out));
	if (t->length < sizeof(*madt))
		return -EINVAL;
	out->lapic_addr = madt->lapic_addr;
	out->pcat_compat = madt->flags & MADT_PCAT_COMPAT;
	p = (const u8 *)t + sizeof(*madt);
	end = (const u8 *)t + t->length;
	while (end - p >= (ptrdiff_t)sizeof(struct madt_entry)) {
		const struct madt_entry *e = (const void *)p;
		size_t need = entry_min_len(e->type);

		if (e->length < sizeof(*e) || e->length > end - p) {
			out->nbad++;	/* cannot find the next entry: stop */
			break;
		}
		if (e->length < need)
			out->nbad++;
		else if (need)
			parse_entry(out, e);
		p += e->length;
	}
	return 0;
}

/* --- Boot-time parse and log -------------------------------------------- */

static struct acpi_madt_info madt_info;	/* immutable after acpi_init() */
static bool madt_valid;

const struct acpi_madt_info *acpi_madt(void)
{
	return madt_valid ? &madt_info : NULL;
}

static const char *polarity_name(u16 flags)
{
	static const char *const names[] = { "dfl", "high", "res", "low" };

	return names[flags & ACPI_INTI_POLARITY_MASK];
}

static const char *trigger_name(u16 flags)
{
	static const char *const names[] = { "dfl", "edge", "res", "level" };

	return names[(flags & ACPI_INTI_TRIGGER_MASK) >> 2];
}

static void log_madt(const struct acpi_madt_info *m)
{
	for (unsigned int i = 0; i < m->ncpus; i++)
		pr_debug("ACPI: LAPIC (acpi_id[0x%02x] lapic_id[0x%02x] enabled)\n",
			 m->cpus[i].uid, m->cpus[i].apic_id);
	for (unsigned int i = 0; i < m->nlapic_nmis; i++) {
		const struct acpi_lapic_nmi *n = &m->lapic_nmis[i];

		if (n->uid == ACPI_UID_ALL)
			pr_info("ACPI: LAPIC_NMI (acpi_id[all] %s %s lint[0x%x])\n",
				polarity_name(n->flags), trigger_name(n->flags), n->lint);
		else
			pr_info("ACPI: LAPIC_NMI (acpi_id[0x%02x] %s %s lint[0x%x])\n",
				n->uid, polarity_name(n->flags), trigger_name(n->flags), n->lint);
	}
	for (unsigned int i = 0; i < m->nioapics; i++)
		pr_info("ACPI: IOAPIC (id[0x%02x] address[0x%08llx] gsi_base[%u])\n",
			m->ioapics[i].id, (unsigned long long)m->ioapics[i].addr,
			m->ioapics[i].gsi_base);
	for (unsigned int irq = 0; irq < ACPI_NR_ISA_IRQS; irq++) {
		if (m->isa[irq].present)
			pr_info("ACPI: INT_SRC_OVR (bus 0 bus_irq %u global_irq %u %s %s)\n",
				irq, m->isa[irq].gsi, polarity_name(m->isa[irq].flags),
				trigger_name(m->isa[irq].flags));
	}
	for (unsigned int i = 0; i < m->nnmi_sources; i++)
		pr_info("ACPI: NMI_SRC (%s %s global_irq %u)\n",
			polarity_name(m->nmi_sources[i].flags),
			trigger_name(m->nmi_sources[i].flags), m->nmi_sources[i].gsi);
	if (m->nbad)
		pr_warn("ACPI: MADT: skipped %u malformed or excess entries\n", m->nbad);
	if (m->nskipped)
		pr_warn("smp: %u CPUs beyond the limit of %d ignored\n", m->nskipped, MAX_CPUS);
	pr_info("smp: %u CPUs found in MADT, %u hotplug\n", m->ncpus, m->nhotplug);
}

void acpi_madt_init(void)
{
	const struct acpi_table_header *t = acpi_find_table("APIC", 0);

	if (!t) {
		pr_info("ACPI: no MADT; assuming one CPU and legacy interrupt wiring\n");
		return;
	}
	if (acpi_madt_parse(t, &madt_info) < 0) {
		pr_warn("ACPI: MADT is too short; ignoring it\n");
		return;
	}
	if (madt_info.ncpus == 0) {
		pr_warn("ACPI: MADT lists no enabled CPU; ignoring it\n");
		return;
	}
	madt_valid = true;
	log_madt(&madt_info);
}
