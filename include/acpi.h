/*
 * ACPI static tables (drivers/acpi/).
 *
 * The firmware leaves a Root System Description Pointer (RSDP) in low
 * memory (or the boot loader hands us its address).  The RSDP points at the
 * XSDT (64-bit entries, ACPI 2.0+) or the RSDT (32-bit entries, ACPI 1.0),
 * a list of physical addresses of further tables.  Every table starts with
 * the same 36-byte header: a four-letter signature, its total length, and a
 * checksum byte chosen so that all bytes of the table sum to zero mod 256.
 *
 * Everything here is untrusted firmware input.  A table is used only after
 * its length has been bounded and its checksum verified; a table that fails
 * is logged and ignored as if absent.  A machine without ACPI, or with
 * nothing usable, boots with the legacy PC defaults: the accessors below
 * then return NULL and callers fall back.
 *
 * We parse only the static tables the platform layer needs: MADT ("APIC":
 * CPUs and interrupt controllers), FADT ("FACP": power-management
 * registers, reset register, DSDT), HPET and MCFG.  There is no AML
 * interpreter; the one AML fact we need (the \_S5_ sleep type for
 * power-off) is found by a careful byte scan of the DSDT and SSDTs.
 *
 * Locking: all ACPI state is written once by acpi_init() on the boot CPU,
 * before interrupts and other CPUs run, and is immutable afterwards, so
 * readers take no lock.
 */
#ifndef ACPI_H
#define ACPI_H

#include <types.h>
#include <compiler.h>
#include <percpu.h>

/* --- Raw table layouts (ACPI specification, packed little-endian) ------- */

struct acpi_table_header {
	char signature[4];
	u32 length;		/* whole table, header included */
	u8 revision;
	u8 checksum;		/* makes the byte sum of the table zero */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

STATIC_ASSERT(sizeof(struct acpi_table_header) == 36);

/* Generic Address Structure: where a register lives and how wide it is. */
struct acpi_gas {
	u8 space_id;		/* ACPI_SPACE_* */
	u8 bit_width;
	u8 bit_offset;
	u8 access_size;		/* 0 undefined, 1 byte, 2 word, 3 dword, 4 qword */
	u64 address;
} __packed;

STATIC_ASSERT(sizeof(struct acpi_gas) == 12);

#define ACPI_SPACE_MEMORY	0
#define ACPI_SPACE_IO		1
#define ACPI_SPACE_PCI_CONFIG	2

/* --- Parsed results ------------------------------------------------------ */

#define ACPI_MAX_IOAPICS	8
#define ACPI_MAX_LAPIC_NMIS	8
#define ACPI_MAX_NMI_SOURCES	8
#define ACPI_NR_ISA_IRQS	16
#define ACPI_UID_ALL		0xffffffffu	/* a LAPIC NMI entry for every CPU */

/* MPS INTI flags, as used by interrupt source overrides and NMI entries. */
#define ACPI_INTI_POLARITY_MASK		0x3
#define ACPI_INTI_POLARITY_CONFORMS	0x0	/* what the bus says (ISA: high) */
#define ACPI_INTI_POLARITY_HIGH		0x1
#define ACPI_INTI_POLARITY_LOW		0x3
#define ACPI_INTI_TRIGGER_MASK		0xc
#define ACPI_INTI_TRIGGER_CONFORMS	0x0	/* what the bus says (ISA: edge) */
#define ACPI_INTI_TRIGGER_EDGE		0x4
#define ACPI_INTI_TRIGGER_LEVEL		0xc

struct acpi_cpu {
	u32 apic_id;		/* xAPIC or x2APIC ID */
	u32 uid;		/* ACPI processor UID, matches LAPIC NMI entries */
};

struct acpi_ioapic {
	u32 id;
	phys_addr_t addr;	/* register window (IOREGSEL at +0, IOWIN at +0x10) */
	u32 gsi_base;		/* first global system interrupt it serves */
};

/* An ISA IRQ wired to a different GSI or with non-ISA polarity/trigger. */
struct acpi_irq_override {
	bool present;
	u32 gsi;
	u16 flags;		/* ACPI_INTI_* */
};

/* A LAPIC LINT pin wired to NMI (for the CPU with 'uid', or ACPI_UID_ALL). */
struct acpi_lapic_nmi {
	u32 uid;
	u8 lint;		/* 0 or 1 */
	u16 flags;		/* ACPI_INTI_* */
};

/* An IOAPIC input wired to NMI. */
struct acpi_nmi_source {
	u32 gsi;
	u16 flags;
};

struct acpi_madt_info {
	phys_addr_t lapic_addr;		/* xAPIC register window */
	bool pcat_compat;		/* dual 8259s present (must be masked) */
	unsigned int ncpus;		/* enabled CPUs listed in cpus[] */
	unsigned int nhotplug;		/* online-capable but not enabled now */
	unsigned int nskipped;		/* enabled CPUs beyond MAX_CPUS */
	struct acpi_cpu cpus[MAX_CPUS];
	unsigned int nioapics;
	struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
	struct acpi_irq_override isa[ACPI_NR_ISA_IRQS];
	unsigned int nlapic_nmis;
	struct acpi_lapic_nmi lapic_nmis[ACPI_MAX_LAPIC_NMIS];
	unsigned int nnmi_sources;
	struct acpi_nmi_source nmi_sources[ACPI_MAX_NMI_SOURCES];
	unsigned int nbad;		/* malformed or excess entries skipped */
};

#define ACPI_FADT_RESET_REG_SUP		(1u << 10)
#define ACPI_FADT_HW_REDUCED		(1u << 20)
#define ACPI_BOOT_ARCH_8042		(1u << 1)
#define ACPI_BOOT_ARCH_NO_CMOS_RTC	(1u << 5)

struct acpi_fadt_info {
	u8 revision;
	u32 flags;			/* ACPI_FADT_* */
	u16 boot_arch;			/* IA-PC boot architecture flags */
	u16 sci_irq;
	u32 smi_cmd;			/* I/O port; 0 when ACPI is always on */
	u8 acpi_enable;			/* value written to smi_cmd to enable */
	/* PM1 control blocks; the legacy I/O ports converted to GAS form. */
	struct acpi_gas pm1a_cnt;
	struct acpi_gas pm1b_cnt;	/* address 0 when absent */
	struct acpi_gas sleep_control;	/* hardware-reduced ACPI only */
	bool reset_supported;		/* reset_reg/reset_value are usable */
	struct acpi_gas reset_reg;
	u8 reset_value;
	phys_addr_t dsdt;
	phys_addr_t facs;
	u8 century;			/* CMOS index of the century, 0 if none */
};

struct acpi_hpet_info {
	phys_addr_t address;		/* 1 KiB register block */
	u32 block_id;			/* event timer block ID (vendor, timers) */
	u8 number;
	u16 min_tick;
};

struct acpi_mcfg_region {
	phys_addr_t base;		/* ECAM base for bus 0 of this segment */
	u16 segment;
	u8 bus_start, bus_end;
};

/* --- Interface ----------------------------------------------------------- */

/*
 * Find the RSDP, validate and index every table, and parse MADT, FADT,
 * HPET and MCFG.  Called once by arch_platform_init() on the boot CPU.
 * "acpi=off" on the command line skips it.  Never fails: a missing or
 * broken ACPI just leaves the accessors returning NULL.
 */
void acpi_init(void);

/* True when acpi_init() found a valid RSDP and root table. */
bool acpi_present(void);

/*
 * The index'th (0-based) valid table with signature sig ("APIC", "SSDT"),
 * or NULL.  The table's length and checksum have been verified; read at
 * most header->length bytes.
 */
const struct acpi_table_header *acpi_find_table(const char *sig, unsigned int index);

/* True when t's header fits in avail bytes, t->length <= avail and the checksum holds. */
bool acpi_table_valid(const void *t, size_t avail);

/* Byte sum of len bytes mod 256 (0 for a valid table). */
u8 acpi_checksum(const void *p, size_t len);

/* Parsed tables, or NULL when the table is absent or was rejected. */
const struct acpi_madt_info *acpi_madt(void);
const struct acpi_fadt_info *acpi_fadt(void);
const struct acpi_hpet_info *acpi_hpet(void);

/* MCFG regions; returns how many (0 without MCFG) and sets *regions. */
unsigned int acpi_mcfg(const struct acpi_mcfg_region **regions);

/*
 * SLP_TYPa/SLP_TYPb for sleep state 'state' (0-5), from the \_Sx_ package
 * in the DSDT or an SSDT.  Returns 0, or -ENOENT when the package is not
 * found in a form we can read without an AML interpreter.
 */
int acpi_sleep_type(unsigned int state, u8 *slp_typa, u8 *slp_typb);

#endif
