/*
 * 16550A UART (COM1 at I/O port 0x3f8): the boot console and ttyS0.
 *
 * Output is polled: a byte is written once the transmit holding register
 * is empty, so messages reach the wire even from a panic with interrupts
 * off, and the 16-byte FIFO keeps that cheap.  Input is interrupt driven:
 * ISA IRQ 4 fires when bytes arrive and the handler feeds each one to the
 * terminal's line discipline.  When no UART answers the scratch-register
 * probe, output is dropped rather than spinning forever on a missing
 * device, and no terminal is created.
 */
#include <irq.h>
#include <printk.h>
#include <tty.h>
#include <asm/io.h>
#include <serial8250.h>

#define COM1		0x3f8
#define REG_DATA	0	/* DLAB=0: receive/transmit buffer */
#define REG_IER		1	/* DLAB=0: interrupt enable */
#define REG_DLL		0	/* DLAB=1: divisor low */
#define REG_DLM		1	/* DLAB=1: divisor high */
#define REG_FCR		2
#define REG_LCR		3
#define REG_MCR		4
#define REG_LSR		5
#define REG_SCRATCH	7
#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define LSR_THRE	0x20
#define LSR_DR		0x01	/* a received byte is waiting */
#define IER_RX		0x01
#define COM1_ISA_IRQ	4
#define TX_SPIN_LIMIT	100000

static bool uart_present;

static void uart_putc(char c)
{
	for (int i = 0; i < TX_SPIN_LIMIT; i++) {
		if (inb(COM1 + REG_LSR) & LSR_THRE)
			break;
	}
	outb(COM1 + REG_DATA, c);
}

static void uart_console_write(const char *s, size_t len)
{
	if (!uart_present)
		return;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

static struct console uart_console = {
	.name = "ttyS0",
	.write = uart_console_write,
};

void serial8250_early_init(void)
{
	outb(COM1 + REG_SCRATCH, 0x5a);
	if (inb(COM1 + REG_SCRATCH) != 0x5a)
		return;
	outb(COM1 + REG_IER, 0x00);
	outb(COM1 + REG_LCR, LCR_DLAB);
	outb(COM1 + REG_DLL, 1);		/* 115200 baud */
	outb(COM1 + REG_DLM, 0);
	outb(COM1 + REG_LCR, LCR_8N1);
	outb(COM1 + REG_FCR, 0xc7);		/* enable and clear FIFOs */
	outb(COM1 + REG_MCR, 0x0b);		/* DTR, RTS, OUT2 */
	uart_present = true;
	console_register(&uart_console);
}

/* --- ttyS0 ------------------------------------------------------------------- */

static struct tty uart_tty;

static void uart_tty_write(struct tty *tty, const char *buf, size_t len)
{
	(void)tty;
	for (size_t i = 0; i < len; i++)
		uart_putc(buf[i]);
}

static const struct tty_driver_ops uart_tty_ops = {
	.write = uart_tty_write,
};

static void uart_interrupt(void *data)
{
	struct tty *tty = data;

	while (inb(COM1 + REG_LSR) & LSR_DR)
		tty_receive(tty, (char)inb(COM1 + REG_DATA));
}

void serial8250_tty_init(void)
{
	int vector;

	if (!uart_present)
		return;
	tty_init(&uart_tty, "ttyS0", &uart_tty_ops, NULL);
	vector = irq_alloc_vector();
	if (vector < 0 || irq_register(vector, uart_interrupt, &uart_tty) ||
	    arch_irq_route(COM1_ISA_IRQ, vector)) {
		pr_err("serial: cannot route IRQ %d; ttyS0 has no input\n", COM1_ISA_IRQ);
	} else {
		outb(COM1 + REG_IER, IER_RX);
		uart_interrupt(&uart_tty);	/* drain bytes that arrived before */
	}
	console_tty = &uart_tty;
	pr_info("serial: ttyS0 at I/O 0x%x (IRQ %d) is a 16550A\n", COM1, COM1_ISA_IRQ);
}
