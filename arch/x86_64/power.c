/*
 * Power off and reboot.  Reboot tries, in order: the PCI reset control
 * register (0xcf9), the keyboard controller's reset line, and finally a
 * triple fault (an empty IDT), which resets every PC.
 */
#include <arch/cpu.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include <printk.h>

void arch_reboot(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed empty_idt = { 0, 0 };

	arch_irq_disable();
	outb(0xcf9, 0x02);
	outb(0xcf9, 0x06);		/* full reset */
	for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
		cpu_relax();
	outb(0x64, 0xfe);		/* pulse the reset line */
	__asm__ __volatile__("lidt %0; int3" : : "m"(empty_idt));
}

void arch_poweroff(void)
{
	pr_emerg("power off: no ACPI power-off method found\n");
}
