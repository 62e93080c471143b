/*
 * Power off and reboot.
 *
 * Power-off is ACPI sleep state S5.  The OS writes the S5 sleep type
 * (SLP_TYPa, from the \_S5_ package in the DSDT) into bits 10-12 of the
 * PM1a control register, and SLP_TYPb into PM1b when the FADT lists one,
 * then sets SLP_EN (bit 13) in a second write; the chipset cuts the power.
 * Hardware-reduced ACPI platforms have no PM1 block and use the FADT's
 * sleep control register instead (SLP_TYP in bits 2-4, SLP_EN bit 5).
 * If the chipset is still in legacy mode (SCI_EN clear) we first ask the
 * firmware to switch to ACPI mode through the SMI command port.  Only
 * when ACPI offers no way at all do we try the fixed ports where QEMU's
 * and Bochs' chipsets put PM1a_CNT: ICH9 (q35) 0x604, PIIX4 (pc) 0xb004,
 * Bochs and old QEMU 0x4004.
 *
 * Reboot tries, in order: the FADT reset register (ACPI 2.0+; I/O,
 * memory or PCI configuration space), the PCI reset control register
 * (0xcf9), the keyboard controller's reset line, and finally a triple
 * fault (an empty IDT), which resets every PC.
 *
 * The registers are resolved by power_init() at boot, so neither path
 * maps memory or parses tables when it runs (it may run from a panic).
 * That state is written once on the boot CPU and immutable afterwards.
 */
#include <acpi.h>
#include <ktest.h>
#include <printk.h>
#include <time.h>
#include <vmalloc.h>
#include <arch/cpu.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include "power.h"

#define PM1_SCI_EN		(1u << 0)
#define PM1_SLP_TYP_SHIFT	10
#define PM1_SLP_TYP_MASK	(7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN		(1u << 13)
#define SLEEP_CTL_TYP_SHIFT	2
#define SLEEP_CTL_TYP_MASK	(7u << SLEEP_CTL_TYP_SHIFT)
#define SLEEP_CTL_EN		(1u << 5)

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define POWER_OFF_WAIT_US	(200 * 1000)
#define RESET_WAIT_US		(50 * 1000)
#define ACPI_ENABLE_WAIT_MS	300

/* A fixed-hardware register resolved from a generic address structure. */
struct power_reg {
	bool present;
	u8 space;		/* ACPI_SPACE_* */
	u8 width;		/* 8, 16 or 32 bits */
	u64 addr;		/* as the FADT gives it, for messages */
	u16 port;		/* I/O space */
	volatile void *mmio;	/* memory space, mapped by power_init() */
	u64 pci;		/* PCI config: device << 32 | function << 16 | offset */
};

static struct power_reg pm1a_cnt, pm1b_cnt, sleep_ctl, reset_reg;
static u8 reset_value;
static bool hw_reduced;
static bool s5_known;
static u8 s5_typa, s5_typb;

static unsigned int gas_width(const struct acpi_gas *g, unsigned int dflt)
{
	if (g->access_size >= 1 && g->access_size <= 3)
		return 8u << (g->access_size - 1);
	if (g->bit_width == 8 || g->bit_width == 16 || g->bit_width == 32)
		return g->bit_width;
	return dflt;
}

static void reg_from_gas(struct power_reg *r, const struct acpi_gas *g, unsigned int dflt)
{
	r->present = false;
	if (g->address == 0)
		return;
	switch (g->space_id) {
	case ACPI_SPACE_IO:
		if (g->address > 0xffff)
			return;
		r->port = (u16)g->address;
		break;
	case ACPI_SPACE_MEMORY:
		r->mmio = ioremap(g->address, sizeof(u32));
		if (!r->mmio)
			return;
		break;
	case ACPI_SPACE_PCI_CONFIG:
		if (g->address >> 48)
			return;		/* bus 0, segment 0 only */
		r->pci = g->address;
		break;
	default:
		return;
	}
	r->space = g->space_id;
	r->addr = g->address;
	r->width = gas_width(g, dflt);
	r->present = true;
}

static u32 reg_read(const struct power_reg *r)
{
	if (r->space == ACPI_SPACE_IO)
		return r->width == 8 ? inb(r->port) : r->width == 16 ? inw(r->port) : inl(r->port);
	if (r->space == ACPI_SPACE_MEMORY)
		return r->width == 8 ? *(volatile u8 *)r->mmio :
		       r->width == 16 ? *(volatile u16 *)r->mmio : mmio_read32(r->mmio);
	return 0;
}

static void port_write(u16 port, unsigned int width, u32 v)
{
	if (width == 8)
		outb(port, (u8)v);
	else if (width == 16)
		outw(port, (u16)v);
	else
		outl(port, v);
}

static void reg_write(const struct power_reg *r, u32 v)
{
	u32 dev = (r->pci >> 32) & 0x1f, fn = (r->pci >> 16) & 0x7, off = r->pci & 0xff;

	switch (r->space) {
	case ACPI_SPACE_IO:
		port_write(r->port, r->width, v);
		break;
	case ACPI_SPACE_MEMORY:
		if (r->width == 8)
			*(volatile u8 *)r->mmio = (u8)v;
		else if (r->width == 16)
			*(volatile u16 *)r->mmio = (u16)v;
		else
			mmio_write32(r->mmio, v);
		break;
	case ACPI_SPACE_PCI_CONFIG:
		outl(PCI_CONFIG_ADDRESS, 0x80000000u | dev << 11 | fn << 8 | (off & 0xfc));
		port_write(PCI_CONFIG_DATA + (off & 3), r->width, v);
		break;
	}
}

static const char *reg_name(const struct power_reg *r)
{
	return r->space == ACPI_SPACE_IO ? "io" : r->space == ACPI_SPACE_MEMORY ? "mem" : "pci";
}

void power_init(void)
{
	const struct acpi_fadt_info *f = acpi_fadt();

	if (!f)
		return;
	hw_reduced = f->flags & ACPI_FADT_HW_REDUCED;
	reg_from_gas(&pm1a_cnt, &f->pm1a_cnt, 16);
	reg_from_gas(&pm1b_cnt, &f->pm1b_cnt, 16);
	reg_from_gas(&sleep_ctl, &f->sleep_control, 8);
	if (f->reset_supported) {
		reg_from_gas(&reset_reg, &f->reset_reg, 8);
		reset_value = f->reset_value;
	}
	s5_known = acpi_sleep_type(5, &s5_typa, &s5_typb) == 0;
	if (!s5_known)
		pr_warn("ACPI: no readable \\_S5_; power-off uses the QEMU/Bochs ports\n");
	else if (hw_reduced ? sleep_ctl.present : pm1a_cnt.present)
		pr_info("ACPI: power-off through %s %s 0x%llx (SLP_TYP %u)\n",
			hw_reduced ? "SLEEP_CONTROL" : "PM1a_CNT",
			reg_name(hw_reduced ? &sleep_ctl : &pm1a_cnt),
			(unsigned long long)(hw_reduced ? sleep_ctl.addr : pm1a_cnt.addr), s5_typa);
}

/* --- Power off ----------------------------------------------------------- */

/* Ask the firmware to hand the chipset to ACPI (sets SCI_EN) if it has not. */
static void acpi_enable_mode(void)
{
	const struct acpi_fadt_info *f = acpi_fadt();

	if (reg_read(&pm1a_cnt) & PM1_SCI_EN)
		return;
	if (!f->smi_cmd || f->smi_cmd > 0xffff || !f->acpi_enable)
		return;
	outb((u16)f->smi_cmd, f->acpi_enable);
	for (int i = 0; i < ACPI_ENABLE_WAIT_MS && !(reg_read(&pm1a_cnt) & PM1_SCI_EN); i++)
		udelay(1000);
}

static void write_sleep_pm1(void)
{
	u32 a = reg_read(&pm1a_cnt) & ~(PM1_SLP_TYP_MASK | PM1_SLP_EN);
	u32 b = 0;

	a |= (u32)s5_typa << PM1_SLP_TYP_SHIFT;
	if (pm1b_cnt.present)
		b = (reg_read(&pm1b_cnt) & ~(PM1_SLP_TYP_MASK | PM1_SLP_EN)) |
		    (u32)s5_typb << PM1_SLP_TYP_SHIFT;
	/* The type first, then SLP_EN in its own write, as chipsets expect. */
	reg_write(&pm1a_cnt, a);
	if (pm1b_cnt.present)
		reg_write(&pm1b_cnt, b);
	reg_write(&pm1a_cnt, a | PM1_SLP_EN);
	if (pm1b_cnt.present)
		reg_write(&pm1b_cnt, b | PM1_SLP_EN);
}

/* Returns only if ACPI S5 could not be attempted or did not work. */
static bool acpi_power_off(void)
{
	if (!s5_known || !(hw_reduced ? sleep_ctl.present : pm1a_cnt.present))
		return false;
	pr_info("ACPI: Preparing to enter system sleep state S5\n");
	if (hw_reduced) {
		reg_write(&sleep_ctl, ((u32)s5_typa << SLEEP_CTL_TYP_SHIFT & SLEEP_CTL_TYP_MASK) |
				      SLEEP_CTL_EN);
	} else {
		acpi_enable_mode();
		write_sleep_pm1();
	}
	udelay(POWER_OFF_WAIT_US);
	pr_emerg("ACPI: the machine is still on after S5\n");
	return true;
}

static void legacy_power_off(void)
{
	pr_info("power off: no ACPI method; trying the QEMU and Bochs PM ports\n");
	outw(0x604, 0x2000);		/* QEMU q35 (ICH9): S5, SLP_EN */
	outw(0xb004, 0x2000);		/* QEMU pc (PIIX4) */
	outw(0x4004, 0x3400);		/* Bochs, old QEMU */
	udelay(POWER_OFF_WAIT_US);
}

void arch_poweroff(void)
{
	arch_irq_disable();
	if (!acpi_power_off())
		legacy_power_off();
}

/* --- Reboot -------------------------------------------------------------- */

void arch_reboot(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed empty_idt = { 0, 0 };

	arch_irq_disable();
	if (reset_reg.present) {
		pr_info("reboot: ACPI reset register %s 0x%llx <- 0x%02x\n", reg_name(&reset_reg),
			(unsigned long long)reset_reg.addr, reset_value);
		reg_write(&reset_reg, reset_value);
		udelay(RESET_WAIT_US);
	}
	pr_info("reboot: trying the PCI reset control, keyboard controller, triple fault\n");
	outb(0xcf9, 0x02);
	outb(0xcf9, 0x06);		/* full reset */
	udelay(RESET_WAIT_US);
	for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		cpu_relax();
	outb(0x64, 0xfe);		/* pulse the reset line */
	udelay(RESET_WAIT_US);
	__asm__ __volatile__("lidt %0; int3" : : "m"(empty_idt));
}

/*
 * Reboots the machine: run it alone ("ktest=fault_reboot"); under QEMU
 * with -no-reboot the emulator then exits with status 0.
 */
KTEST(fault_reboot)
{
	arch_reboot();
	return -1;
}
