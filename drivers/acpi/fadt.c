/*
 * FADT (signature "FACP"): the fixed ACPI hardware.
 *
 * The FADT grew with each ACPI revision; a table carries only the fields
 * of its own revision and says so with its length.  We copy it into a
 * zeroed full-size structure, so fields past the end read as zero, which
 * is what ACPI means by "not present".
 *
 * The fields we use: the PM1a/PM1b control blocks (power-off writes the
 * sleep type and SLP_EN there), the SMI command port and the value that
 * switches the chipset into ACPI mode, the reset register (ACPI 2.0+), the
 * DSDT and FACS addresses (the 64-bit X_ forms win when non-zero), the
 * CMOS century index and the boot architecture flags.  Legacy 32-bit
 * block addresses are I/O ports; they are converted to generic address
 * structures so callers handle one form.
 */
#include <acpi.h>
#include <format.h>
#include <printk.h>
#include <string.h>
#include <vmalloc.h>
#include "acpi_internal.h"

struct fadt {
	struct acpi_table_header header;
	u32 firmware_ctrl;
	u32 dsdt;
	u8 reserved0;
	u8 preferred_pm_profile;
	u16 sci_int;
	u32 smi_cmd;
	u8 acpi_enable;
	u8 acpi_disable;
	u8 s4bios_req;
	u8 pstate_cnt;
	u32 pm1a_evt_blk;
	u32 pm1b_evt_blk;
	u32 pm1a_cnt_blk;
	u32 pm1b_cnt_blk;
	u32 pm2_cnt_blk;
	u32 pm_tmr_blk;
	u32 gpe0_blk;
	u32 gpe1_blk;
	u8 pm1_evt_len;
	u8 pm1_cnt_len;
	u8 pm2_cnt_len;
	u8 pm_tmr_len;
	u8 gpe0_blk_len;
	u8 gpe1_blk_len;
	u8 gpe1_base;
	u8 cst_cnt;
	u16 p_lvl2_lat;
	u16 p_lvl3_lat;
	u16 flush_size;
	u16 flush_stride;
	u8 duty_offset;
	u8 duty_width;
	u8 day_alrm;
	u8 mon_alrm;
	u8 century;
	u16 iapc_boot_arch;
	u8 reserved1;
	u32 flags;
	struct acpi_gas reset_reg;
	u8 reset_value;
	u16 arm_boot_arch;
	u8 minor_version;
	u64 x_firmware_ctrl;
	u64 x_dsdt;
	struct acpi_gas x_pm1a_evt_blk;
	struct acpi_gas x_pm1b_evt_blk;
	struct acpi_gas x_pm1a_cnt_blk;
	struct acpi_gas x_pm1b_cnt_blk;
	struct acpi_gas x_pm2_cnt_blk;
	struct acpi_gas x_pm_tmr_blk;
	struct acpi_gas x_gpe0_blk;
	struct acpi_gas x_gpe1_blk;
	struct acpi_gas sleep_control_reg;
	struct acpi_gas sleep_status_reg;
	u64 hypervisor_vendor_id;
} __packed;

STATIC_ASSERT(__builtin_offsetof(struct fadt, century) == 108);
STATIC_ASSERT(__builtin_offsetof(struct fadt, reset_reg) == 116);
STATIC_ASSERT(__builtin_offsetof(struct fadt, x_dsdt) == 140);
STATIC_ASSERT(__builtin_offsetof(struct fadt, x_pm1a_cnt_blk) == 172);
STATIC_ASSERT(__builtin_offsetof(struct fadt, sleep_control_reg) == 244);
STATIC_ASSERT(sizeof(struct fadt) == 276);

/* The reset register appeared in FADT revision 2 (ACPI 2.0). */
#define FADT_RESET_END	(__builtin_offsetof(struct fadt, reset_value) + 1)

static struct acpi_fadt_info fadt_info;	/* immutable after acpi_init() */
static bool fadt_valid;

const struct acpi_fadt_info *acpi_fadt(void)
{
	return fadt_valid ? &fadt_info : NULL;
}

/* The X_ block when it has an address, else the legacy I/O port block. */
static struct acpi_gas pick_block(const struct acpi_gas *x, u32 port, u8 len)
{
	struct acpi_gas g = { 0 };

	if (x->address)
		return *x;
	if (port) {
		g.space_id = ACPI_SPACE_IO;
		g.bit_width = len ? len * 8 : 16;
		g.address = port;
	}
	return g;
}

static bool reset_reg_usable(const struct fadt *f, u32 len)
{
	const struct acpi_gas *r = &f->reset_reg;

	if (len < FADT_RESET_END || !(f->flags & ACPI_FADT_RESET_REG_SUP))
		return false;
	if (r->address == 0)
		return false;
	return r->space_id == ACPI_SPACE_IO || r->space_id == ACPI_SPACE_MEMORY ||
	       r->space_id == ACPI_SPACE_PCI_CONFIG;
}

static void fill_info(const struct fadt *f, u32 len)
{
	struct acpi_fadt_info *i = &fadt_info;

	i->revision = f->header.revision;
	i->flags = f->flags;
	i->boot_arch = f->iapc_boot_arch;
	i->sci_irq = f->sci_int;
	i->smi_cmd = f->smi_cmd;
	i->acpi_enable = f->acpi_enable;
	i->pm1a_cnt = pick_block(&f->x_pm1a_cnt_blk, f->pm1a_cnt_blk, f->pm1_cnt_len);
	i->pm1b_cnt = pick_block(&f->x_pm1b_cnt_blk, f->pm1b_cnt_blk, f->pm1_cnt_len);
	i->sleep_control = f->sleep_control_reg;
	i->reset_supported = reset_reg_usable(f, len);
	if (i->reset_supported) {
		i->reset_reg = f->reset_reg;
		i->reset_value = f->reset_value;
	}
	i->dsdt = f->x_dsdt ? f->x_dsdt : f->dsdt;
	i->facs = f->x_firmware_ctrl ? f->x_firmware_ctrl : f->firmware_ctrl;
	i->century = f->century;
}

/* The FACS has a signature and length but no checksum; just log it. */
static void log_facs(phys_addr_t pa)
{
	const struct {
		char signature[4];
		u32 length;
	} __packed *facs;

	if (!pa)
		return;
	facs = memremap_ro(pa, sizeof(*facs));
	if (!facs)
		return;
	if (memcmp(facs->signature, "FACS", 4) == 0)
		pr_info("ACPI: FACS 0x%016llX %06X\n", (unsigned long long)pa, facs->length);
	iounmap(facs);
}

/* "io 0x604", "mem 0xfe000000", or "none" into buf. */
static const char *describe(char *buf, size_t size, const struct acpi_gas *g)
{
	static const char *const spaces[] = { "mem", "io", "pci" };

	if (g->address == 0)
		return "none";
	snprintf(buf, size, "%s 0x%llx", g->space_id < 3 ? spaces[g->space_id] : "other",
		 (unsigned long long)g->address);
	return buf;
}

void acpi_fadt_init(void)
{
	const struct acpi_table_header *t = acpi_find_table("FACP", 0);
	static struct fadt f;	/* boot only; too big for the stack */
	const struct acpi_fadt_info *i = &fadt_info;
	char a[32], b[32];
	u32 len;

	if (!t) {
		pr_info("ACPI: no FADT; no ACPI power-off or reset register\n");
		return;
	}
	len = MIN(t->length, (u32)sizeof(f));
	memset(&f, 0, sizeof(f));
	memcpy(&f, t, len);
	fill_info(&f, len);
	fadt_valid = true;
	if (!acpi_table_add(i->dsdt, "DSDT"))
		pr_warn("ACPI: no usable DSDT; power-off falls back to defaults\n");
	log_facs(i->facs);
	pr_info("ACPI: FADT rev %u: PM1a_CNT %s, PM1b_CNT %s, SCI %u%s\n", i->revision,
		describe(a, sizeof(a), &i->pm1a_cnt), describe(b, sizeof(b), &i->pm1b_cnt),
		i->sci_irq, i->flags & ACPI_FADT_HW_REDUCED ? ", hardware-reduced" : "");
	if (i->reset_supported)
		pr_info("ACPI: reset register %s value 0x%02x\n",
			describe(a, sizeof(a), &i->reset_reg), i->reset_value);
}
