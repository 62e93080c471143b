/*
 * 16550A UART (COM1 at I/O port 0x3f8): the boot console and ttyS0.
 *
 * Both directions are interrupt driven once ttyS0 exists (ISA IRQ 4).
 * Received bytes go straight to the line discipline.  Terminal output is
 * queued in a transmit ring: the writer puts bytes there and starts the
 * UART; the "transmitter empty" interrupt moves the next FIFO-full (16
 * bytes) out and wakes writers waiting for room, so a process writing to
 * a slow line sleeps instead of spinning.
 *
 * With sysrq=1 on the command line, a BREAK on the line followed within
 * five seconds by a key runs that SysRq command (include/sysrq.h), as
 * Linux's serial drivers do; neither byte reaches the terminal.
 *
 * Kernel messages (the console) stay polled, so they reach the wire even
 * from a panic with interrupts off; they first push out what the ring
 * holds, keeping terminal output and messages in order.  When no UART
 * answers the scratch-register probe, output is dropped rather than
 * spinning forever on a missing device, and no terminal is created.
 */
#include <irq.h>
#include <printk.h>
#include <tty.h>
#include <wait.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include <serial8250.h>
#include <sysrq.h>
#include <time.h>

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
#define LSR_THRE	0x20	/* the transmit FIFO is empty */
#define LSR_DR		0x01	/* a received byte is waiting */
#define LSR_BI		0x10	/* a BREAK was received (read as a NUL byte) */
#define IER_RX		0x01
#define IER_THRI	0x02	/* interrupt when the transmit FIFO empties */
#define COM1_ISA_IRQ	4
#define TX_SPIN_LIMIT	100000
#define UART_FIFO_SIZE	16
#define TX_RING_SIZE	4096	/* a power of two */
#define SYSRQ_WINDOW_NS	(5 * NSEC_PER_SEC)

static bool uart_present;
static bool sysrq_on;		/* immutable after serial8250_tty_init() */
static u64 sysrq_armed_until;	/* the receive interrupt's: BREAK seen, the key is due */

/*
 * The transmit ring: queued bytes are [tx_tail, tx_head) (free-running,
 * index modulo TX_RING_SIZE).  tx_lock protects the ring, tx_irq_on and
 * the UART's IER; it is taken with interrupts off, inside tty->lock
 * (echo writes from the receive interrupt) and never around a wake-up.
 */
static DEFINE_SPINLOCK(tx_lock);
static char tx_ring[TX_RING_SIZE];
static unsigned int tx_head, tx_tail;
static bool tx_irq_on;		/* IER_THRI set: the interrupt drains the ring */
static struct tty uart_tty;

static void uart_putc(char c)
{
	for (int i = 0; i < TX_SPIN_LIMIT; i++) {
		if (inb(COM1 + REG_LSR) & LSR_THRE)
			break;
	}
	outb(COM1 + REG_DATA, c);
}

static unsigned int tx_queued(void)
{
	return tx_head - tx_tail;
}

static void set_ier(bool thri)
{
	tx_irq_on = thri;
	outb(COM1 + REG_IER, IER_RX | (thri ? IER_THRI : 0));
}

/*
 * Move up to a FIFO's worth of queued bytes into an empty FIFO, and keep
 * the interrupt on while anything is queued or still being sent, so the
 * next one comes when the FIFO empties (tx_lock held).  Returns whether
 * room appeared in the ring.
 */
static bool tx_push(void)
{
	unsigned int before = tx_queued();

	if (!(inb(COM1 + REG_LSR) & LSR_THRE)) {
		/* Still sending (maybe console bytes): go on when the FIFO empties. */
		if (before && !tx_irq_on)
			set_ier(true);
		return false;
	}
	for (int i = 0; i < UART_FIFO_SIZE && tx_queued(); i++)
		outb(COM1 + REG_DATA, tx_ring[tx_tail++ % TX_RING_SIZE]);
	set_ier(tx_queued() || before);
	return tx_queued() < before || before == 0;
}

/* Send everything queued by polling (tx_lock held): before console output. */
static void tx_drain_polled(void)
{
	while (tx_queued())
		uart_putc(tx_ring[tx_tail++ % TX_RING_SIZE]);
}

static void uart_console_write(const char *s, size_t len)
{
	unsigned long flags;
	bool locked = false;

	if (!uart_present)
		return;
	/* Bounded: a panic on the CPU that holds tx_lock must still print. */
	flags = arch_irq_save();
	for (int i = 0; i < TX_SPIN_LIMIT && !(locked = spin_trylock(&tx_lock)); i++)
		cpu_relax();
	if (locked)
		tx_drain_polled();
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
	if (locked)
		spin_unlock(&tx_lock);
	arch_irq_restore(flags);
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

/* Queue bytes (write_room said they fit; any excess is dropped) and start sending. */
static void uart_tty_write(struct tty *tty, const char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);

	(void)tty;
	for (size_t i = 0; i < len && tx_queued() < TX_RING_SIZE; i++)
		tx_ring[tx_head++ % TX_RING_SIZE] = buf[i];
	if (!tx_irq_on)
		tx_push();
	spin_unlock_irqrestore(&tx_lock, flags);
}

static size_t uart_write_room(struct tty *tty)
{
	(void)tty;
	return TX_RING_SIZE - READ_ONCE(tx_head) + READ_ONCE(tx_tail);
}

/* Bytes not yet on the wire: queued, or in the UART (TIOCOUTQ, tcdrain). */
static size_t uart_chars_in_buffer(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);
	/* A non-empty FIFO has the interrupt on, whose wake-up ends a drain. */
	size_t n = tx_queued() + !(inb(COM1 + REG_LSR) & LSR_THRE);

	(void)tty;
	spin_unlock_irqrestore(&tx_lock, flags);
	return n;
}

/* TCOFLUSH: forget what is queued. */
static void uart_flush_output(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);

	(void)tty;
	tx_tail = tx_head;
	spin_unlock_irqrestore(&tx_lock, flags);
	wake_up(&uart_tty.write_wait);
}

static const struct tty_driver_ops uart_tty_ops = {
	.write = uart_tty_write,
	.write_room = uart_write_room,
	.chars_in_buffer = uart_chars_in_buffer,
	.flush_output = uart_flush_output,
};

/* Is byte c (read with line status lsr) part of a SysRq request?  Then it is used up. */
static bool uart_sysrq(u8 lsr, char c)
{
	u64 now;

	if (!sysrq_on)
		return false;
	now = clock_monotonic_ns();
	if (lsr & LSR_BI) {
		sysrq_armed_until = now + SYSRQ_WINDOW_NS;
		return c == '\0';
	}
	if (sysrq_armed_until && now < sysrq_armed_until) {
		sysrq_armed_until = 0;
		sysrq_handle(c);
		return true;
	}
	sysrq_armed_until = 0;
	return false;
}

static void uart_interrupt(void *data)
{
	struct tty *tty = data;
	unsigned long flags;
	bool room = false;
	u8 lsr;

	while ((lsr = inb(COM1 + REG_LSR)) & LSR_DR) {
		char c = (char)inb(COM1 + REG_DATA);

		if (!uart_sysrq(lsr, c))
			tty_receive(tty, c);
	}
	flags = spin_lock_irqsave(&tx_lock);
	if (tx_irq_on)
		room = tx_push();
	spin_unlock_irqrestore(&tx_lock, flags);
	if (room)
		wake_up(&tty->write_wait);	/* writers waiting for room or a drain */
}

void serial8250_tty_init(void)
{
	int vector;

	if (!uart_present)
		return;
	sysrq_on = sysrq_console_enabled();
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
