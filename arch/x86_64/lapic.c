/*
 * Local APIC (xAPIC, memory-mapped).  The register window sits at the
 * physical address in IA32_APIC_BASE, reached through the direct map.
 */
#include <arch/memory.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include "traps.h"

#define LAPIC_EOI	0x0b0

static volatile u8 *lapic_regs(void)
{
	return phys_to_virt(rdmsr(MSR_APIC_BASE) & 0xffffff000ull);
}

void lapic_eoi(void)
{
	mmio_write32(lapic_regs() + LAPIC_EOI, 0);
}
