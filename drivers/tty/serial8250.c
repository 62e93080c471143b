/*
 * 16550A UART (COM1 at I/O port 0x3f8): the boot console.
 *
 * Output is polled for now: a byte is written once the transmit holding
 * register is empty, so messages reach the wire even from a panic with
 * interrupts off.  Receive and interrupt-driven transmit come with the
 * TTY layer.  When no UART answers the scratch-register probe, output is
 * dropped rather than spinning forever on a missing device.
 */
#include <printk.h>
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
