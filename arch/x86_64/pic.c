/*
 * The legacy 8259 PICs.  We route interrupts through the IOAPIC, so the
 * PICs are remapped away from the exception vectors (to 0x20-0x2f, in
 * case one still fires spuriously) and every line is masked.
 */
#include <asm/io.h>
#include "pic.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

void pic_disable(void)
{
	outb(PIC1_CMD, 0x11);		/* ICW1: init, expect ICW4 */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, 0x20);		/* ICW2: vector base */
	outb(PIC2_DATA, 0x28);
	outb(PIC1_DATA, 0x04);		/* ICW3: slave on IRQ2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01);		/* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xff);		/* mask everything */
	outb(PIC2_DATA, 0xff);
}
