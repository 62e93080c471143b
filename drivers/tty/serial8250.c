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
 * Flow control, as Linux's serial core:
 *  - output stops while the line discipline says so (^S, TCOOFF) and,
 *    with CRTSCTS, while the other end holds CTS low; the modem-status
 *    interrupt (delta-CTS) restarts it.  A flow-control byte (TCIOFF,
 *    IXOFF) jumps the queue and goes even while output is stopped;
 *  - input: when the terminal's input buffer is nearly full (fewer than
 *    THROTTLE_ROOM free bytes), CRTSCTS drops RTS and IXOFF sends VSTOP;
 *    once the reader has emptied it below UNTHROTTLE_USED, RTS rises
 *    again and VSTART goes out.
 * QEMU's 16550 behind a chardev reports CTS, DSR and DCD always high and
 * ignores RTS, DTR and line breaks, so from user space only the modem
 * lines we set (TIOCMGET) and the timing of tcsendbreak show; the
 * hardware paths are exercised in the UART's loopback mode (MCR bit 4,
 * where CTS follows RTS), by the serial_loopback self-test below.
 *
 * Kernel messages (the console) stay polled, so they reach the wire even
 * from a panic with interrupts off; they first push out what the ring
 * holds (unless output is stopped), keeping terminal output and messages
 * in order.  When no UART answers the scratch-register probe, output is
 * dropped rather than spinning forever on a missing device, and no
 * terminal is created.
 */
#include <errno.h>
#include <irq.h>
#include <ktest.h>
#include <printk.h>
#include <tty.h>
#include <uaccess.h>
#include <wait.h>
#include <time.h>
#include <ktimer.h>
#include "n_tty.h"
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
#define REG_MSR		6
#define REG_SCRATCH	7
#define LCR_8N1		0x03
#define LCR_SBC		0x40	/* set break: hold the line at space */
#define LCR_DLAB	0x80
#define LSR_DR		0x01	/* a received byte is waiting */
#define LSR_BI		0x10	/* that byte is a break */
#define LSR_THRE	0x20	/* the transmit FIFO is empty */
#define IER_RX		0x01
#define IER_THRI	0x02	/* interrupt when the transmit FIFO empties */
#define IER_MSI		0x08	/* interrupt when a modem line changes */
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define MCR_OUT1	0x04
#define MCR_OUT2	0x08	/* on PCs: gates the UART's interrupt line */
#define MCR_LOOP	0x10
#define MSR_CTS		0x10
#define MSR_DSR		0x20
#define MSR_RI		0x40
#define MSR_DCD		0x80
#define COM1_ISA_IRQ	4
#define TX_SPIN_LIMIT	100000
#define UART_FIFO_SIZE	16
#define TX_RING_SIZE	4096	/* a power of two */
#define SYSRQ_WINDOW_NS	(5 * NSEC_PER_SEC)
#define THROTTLE_ROOM	128	/* Linux's TTY_THRESHOLD_THROTTLE */
#define UNTHROTTLE_USED	128	/* Linux's TTY_THRESHOLD_UNTHROTTLE */

static bool uart_present;
static bool sysrq_on;		/* immutable after serial8250_tty_init() */
static u64 sysrq_armed_until;	/* the receive interrupt's: BREAK seen, the key is due */

/*
 * tx_lock protects the transmit ring ([tx_tail, tx_head), free-running,
 * index modulo TX_RING_SIZE), tx_irq_on, the flow-control state below
 * and the UART's IER, MCR and LCR.  It is taken with interrupts off,
 * inside tty->lock (echo writes from the receive interrupt) and never
 * around a wake-up or a tty_receive().
 */
static DEFINE_SPINLOCK(tx_lock);
static char tx_ring[TX_RING_SIZE];
static unsigned int tx_head, tx_tail;
static bool tx_irq_on;		/* IER_THRI set: the interrupt drains the ring */
static u8 mcr = MCR_DTR | MCR_RTS | MCR_OUT2;	/* what MCR holds */
static bool sw_stopped;		/* the line discipline stopped output */
static bool crtscts;		/* c_cflag CRTSCTS: CTS gates output, RTS input */
static bool cts_low;		/* with crtscts: the other end said stop */
static char x_char;		/* a VSTOP/VSTART to send before anything else */
static bool throttled;		/* we asked the other end to stop */
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

static bool tx_held(void)
{
	return sw_stopped || (crtscts && cts_low);
}

static void set_ier(bool thri)
{
	tx_irq_on = thri;
	outb(COM1 + REG_IER, IER_RX | IER_MSI | (thri ? IER_THRI : 0));
}

static void write_mcr(u8 value)
{
	mcr = value;
	outb(COM1 + REG_MCR, value);
}

/*
 * Move up to a FIFO's worth of queued bytes into an empty FIFO, and keep
 * the interrupt on while anything is queued or still being sent, so the
 * next one comes when the FIFO empties (tx_lock held).  A pending
 * flow-control byte goes first, even while output is held.  Returns
 * whether room appeared in the ring.
 */
static bool tx_push(void)
{
	unsigned int before = tx_queued();
	int budget = UART_FIFO_SIZE;

	if (!(inb(COM1 + REG_LSR) & LSR_THRE)) {
		/* Still sending (maybe console bytes): go on when the FIFO empties. */
		if ((before || x_char) && !tx_irq_on)
			set_ier(true);
		return false;
	}
	if (x_char) {
		outb(COM1 + REG_DATA, x_char);
		x_char = 0;
		budget--;
	}
	if (tx_held()) {	/* restarted by start() or the delta-CTS interrupt */
		set_ier(false);
		return false;
	}
	for (; budget > 0 && tx_queued(); budget--)
		outb(COM1 + REG_DATA, tx_ring[tx_tail++ % TX_RING_SIZE]);
	set_ier(tx_queued() || before);
	return tx_queued() < before || before == 0;
}

/* Send everything queued by polling (tx_lock held): before console output. */
static void tx_drain_polled(void)
{
	while (tx_queued() && !tx_held())
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
	outb(COM1 + REG_MCR, mcr);		/* DTR, RTS, OUT2 */
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

/* TCOFLUSH, and ^C without NOFLSH: forget what is queued. */
static void uart_flush_output(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);

	(void)tty;
	tx_tail = tx_head;
	spin_unlock_irqrestore(&tx_lock, flags);
	wake_up(&uart_tty.write_wait);
}

/* Output stop/start from the line discipline (tty->lock held). */
static void uart_stop(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);

	(void)tty;
	sw_stopped = true;
	spin_unlock_irqrestore(&tx_lock, flags);
}

static void uart_start(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);

	(void)tty;
	sw_stopped = false;
	tx_push();
	spin_unlock_irqrestore(&tx_lock, flags);
}

static void uart_send_xchar(struct tty *tty, char c)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);

	(void)tty;
	x_char = c;
	tx_push();
	spin_unlock_irqrestore(&tx_lock, flags);
}

/*
 * Ask the other end to stop or go on sending (tx_lock held): RTS with
 * CRTSCTS, VSTOP/VSTART with IXOFF (Linux's uart_throttle/unthrottle).
 */
static void set_throttle(struct tty *tty, bool stop)
{
	const struct termios_k *t = &tty->termios;

	if (throttled == stop)
		return;
	throttled = stop;
	if (t->c_cflag & CRTSCTS)
		write_mcr(stop ? (mcr & ~MCR_RTS) : (mcr | MCR_RTS));
	if ((t->c_iflag & IXOFF) && t->c_cc[stop ? VSTOP : VSTART]) {
		x_char = (char)t->c_cc[stop ? VSTOP : VSTART];
		tx_push();
	}
}

/* The reader took input: lift the throttle once the buffer has emptied. */
static void uart_unthrottle(struct tty *tty)
{
	unsigned long flags;

	if (!READ_ONCE(throttled) || tty_input_available(tty) >= UNTHROTTLE_USED)
		return;
	flags = spin_lock_irqsave(&tx_lock);
	set_throttle(tty, false);
	spin_unlock_irqrestore(&tx_lock, flags);
}

/* CTS as the UART sees it now (tx_lock held). */
static void read_cts(void)
{
	cts_low = !(inb(COM1 + REG_MSR) & MSR_CTS);
}

/* New termios (tty->lock held): CRTSCTS takes effect at once. */
static void uart_set_termios(struct tty *tty, const struct termios_k *old)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);

	(void)old;
	crtscts = tty->termios.c_cflag & CRTSCTS;
	read_cts();
	if (!crtscts && throttled && !(mcr & MCR_RTS))
		write_mcr(mcr | MCR_RTS);	/* no longer ours to hold down */
	tx_push();
	spin_unlock_irqrestore(&tx_lock, flags);
}

static int uart_tiocmget(struct tty *tty)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);
	u8 msr = inb(COM1 + REG_MSR), m = mcr;
	int lines = 0;

	(void)tty;
	spin_unlock_irqrestore(&tx_lock, flags);
	lines |= (m & MCR_DTR ? TIOCM_DTR : 0) | (m & MCR_RTS ? TIOCM_RTS : 0) |
		 (m & MCR_OUT1 ? TIOCM_OUT1 : 0) | (m & MCR_OUT2 ? TIOCM_OUT2 : 0) |
		 (m & MCR_LOOP ? TIOCM_LOOP : 0);
	lines |= (msr & MSR_CTS ? TIOCM_CTS : 0) | (msr & MSR_DSR ? TIOCM_DSR : 0) |
		 (msr & MSR_RI ? TIOCM_RNG : 0) | (msr & MSR_DCD ? TIOCM_CAR : 0);
	return lines;
}

static u8 tiocm_to_mcr(unsigned int lines)
{
	return (lines & TIOCM_DTR ? MCR_DTR : 0) | (lines & TIOCM_RTS ? MCR_RTS : 0) |
	       (lines & TIOCM_OUT1 ? MCR_OUT1 : 0) | (lines & TIOCM_OUT2 ? MCR_OUT2 : 0) |
	       (lines & TIOCM_LOOP ? MCR_LOOP : 0);
}

static int uart_tiocmset(struct tty *tty, unsigned int set, unsigned int clear)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);

	(void)tty;
	write_mcr((mcr & ~tiocm_to_mcr(clear)) | tiocm_to_mcr(set));
	read_cts();
	tx_push();
	spin_unlock_irqrestore(&tx_lock, flags);
	return 0;
}

static int uart_break_ctl(struct tty *tty, bool on)
{
	unsigned long flags = spin_lock_irqsave(&tx_lock);
	u8 lcr = inb(COM1 + REG_LCR);

	(void)tty;
	outb(COM1 + REG_LCR, on ? (lcr | LCR_SBC) : (lcr & ~LCR_SBC));
	spin_unlock_irqrestore(&tx_lock, flags);
	return 0;
}

/* Linux's struct serial_struct (TIOCGSERIAL), 72 bytes on x86_64. */
struct serial_struct {
	int type, line;
	unsigned int port;
	int irq, flags, xmit_fifo_size, custom_divisor, baud_base;
	unsigned short close_delay;
	char io_type, reserved_char;
	int hub6;
	unsigned short closing_wait, closing_wait2;
	u64 iomem_base;
	unsigned short iomem_reg_shift;
	unsigned int port_high;
	u64 iomap_base;
};
_Static_assert(sizeof(struct serial_struct) == 72, "serial_struct layout");

static long uart_ioctl(struct tty *tty, unsigned int cmd, unsigned long arg)
{
	/* What Linux's uart_get_info() says about a PC's COM1 */
	struct serial_struct ss = {
		.type = 4 /* PORT_16550A */, .port = COM1, .irq = COM1_ISA_IRQ,
		.xmit_fifo_size = UART_FIFO_SIZE, .baud_base = 115200,
		.close_delay = 50, .closing_wait = 3000,
	};

	(void)tty;
	if (cmd != TIOCGSERIAL)
		return -ENOTTY;
	return copy_to_user((void __user *)arg, &ss, sizeof(ss));
}

static const struct tty_driver_ops uart_tty_ops = {
	.write = uart_tty_write,
	.write_room = uart_write_room,
	.chars_in_buffer = uart_chars_in_buffer,
	.flush_output = uart_flush_output,
	.discard_output = uart_flush_output,
	.unthrottle = uart_unthrottle,
	.stop = uart_stop,
	.start = uart_start,
	.send_xchar = uart_send_xchar,
	.set_termios = uart_set_termios,
	.break_ctl = uart_break_ctl,
	.tiocmget = uart_tiocmget,
	.tiocmset = uart_tiocmset,
	.ioctl = uart_ioctl,
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

/* Received bytes to the line discipline; then throttle if its buffer is nearly full. */
static void receive_chars(struct tty *tty)
{
	unsigned long flags;
	bool got = false;
	size_t room;
	u8 lsr;

	while ((lsr = inb(COM1 + REG_LSR)) & LSR_DR) {
		char c = (char)inb(COM1 + REG_DATA);

		if (uart_sysrq(lsr, c))
			continue;
		if (lsr & LSR_BI)
			tty_receive_break(tty);
		else
			tty_receive(tty, c);
		got = true;
	}
	if (!got)
		return;
	room = tty_receive_room(tty);
	if (room != TTY_ROOM_UNLIMITED && room < THROTTLE_ROOM) {
		flags = spin_lock_irqsave(&tx_lock);
		set_throttle(tty, true);
		spin_unlock_irqrestore(&tx_lock, flags);
	}
}

static void uart_interrupt(void *data)
{
	struct tty *tty = data;
	unsigned long flags;
	bool room = false, was_held;

	receive_chars(tty);
	flags = spin_lock_irqsave(&tx_lock);
	/*
	 * CTS is read on every interrupt, not only when MSR says delta-CTS:
	 * a TIOCMGET may have read (and so cleared) the delta bit first.
	 * Reading MSR also acknowledges a modem-status interrupt.
	 */
	was_held = tx_held();
	read_cts();
	if (was_held && !tx_held())
		room = tx_push();
	else if (tx_irq_on)
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
	uart_tty.dev_major = 4;		/* ttyS0 is 4:64 */
	uart_tty.dev_minor = 64;
	vector = irq_alloc_vector();
	if (vector < 0 || irq_register(vector, uart_interrupt, &uart_tty) ||
	    arch_irq_route(COM1_ISA_IRQ, vector)) {
		pr_err("serial: cannot route IRQ %d; ttyS0 has no input\n", COM1_ISA_IRQ);
	} else {
		unsigned long flags = spin_lock_irqsave(&tx_lock);

		set_ier(false);
		spin_unlock_irqrestore(&tx_lock, flags);
		uart_interrupt(&uart_tty);	/* drain bytes that arrived before */
	}
	console_tty = &uart_tty;
	pr_info("serial: ttyS0 at I/O 0x%x (IRQ %d) is a 16550A\n", COM1, COM1_ISA_IRQ);
}

/* --- self-test: flow control in loopback ------------------------------------- */

/*
 * In loopback (MCR bit 4) the UART's output comes back as its input and
 * its modem outputs as its modem inputs (RTS->CTS, DTR->DSR, OUT1->RI,
 * OUT2->DCD), so one UART plays both ends.  QEMU sets no delta bits
 * there and raises no modem-status interrupt, which is why the driver
 * also reads CTS on every interrupt and when it changes MCR itself.
 * Nothing may printk while the loop is closed (it would come back as
 * input), so the checks are collected and reported after.
 */
struct loop_state {
	struct termios_k saved;
	u8 saved_mcr;
	int failed_line;
};

#define LOOP_CHECK(st, cond) do { if (!(cond) && !(st)->failed_line) (st)->failed_line = __LINE__; } while (0)

static void loop_set_termios(const struct termios_k *t)
{
	unsigned long flags = spin_lock_irqsave(&uart_tty.lock);
	struct termios_k old = uart_tty.termios;

	uart_tty.termios = *t;
	uart_set_termios(&uart_tty, &old);
	n_tty_termios_changed(&uart_tty, &old);
	spin_unlock_irqrestore(&uart_tty.lock, flags);
}

static void loop_wait_ms(unsigned int ms)
{
	sleep_until(clock_monotonic_ns() + (u64)ms * NSEC_PER_MSEC, TASK_UNINTERRUPTIBLE);
}

/* Wait (up to ~2 s) until the terminal holds at least n unread bytes. */
static bool loop_wait_input(unsigned int n)
{
	for (int i = 0; i < 200; i++) {
		if (tty_input_available(&uart_tty) >= n)
			return true;
		loop_wait_ms(10);
	}
	return false;
}

/* Modem lines follow MCR; CRTSCTS holds output while RTS (so CTS) is low. */
static void loop_check_cts(struct loop_state *st)
{
	char buf[8];
	int lines = uart_tiocmget(&uart_tty);

	LOOP_CHECK(st, (lines & (TIOCM_CTS | TIOCM_DSR | TIOCM_CAR)) == (TIOCM_CTS | TIOCM_DSR | TIOCM_CAR));
	LOOP_CHECK(st, !(lines & TIOCM_RNG) && (lines & TIOCM_LOOP));
	uart_tiocmset(&uart_tty, 0, TIOCM_RTS);
	lines = uart_tiocmget(&uart_tty);
	LOOP_CHECK(st, !(lines & TIOCM_RTS) && !(lines & TIOCM_CTS));
	uart_tty_write(&uart_tty, "AB", 2);
	loop_wait_ms(30);
	LOOP_CHECK(st, uart_chars_in_buffer(&uart_tty) >= 2);	/* held back */
	LOOP_CHECK(st, tty_input_available(&uart_tty) == 0);
	uart_tiocmset(&uart_tty, TIOCM_RTS, 0);
	LOOP_CHECK(st, loop_wait_input(2));
	LOOP_CHECK(st, tty_read(&uart_tty, tty_hangup_gen(&uart_tty), buf, sizeof(buf), true) == 2 && buf[0] == 'A' && buf[1] == 'B');
}

/* Read all that is there; true if the byte c was among it. */
static bool loop_drain_saw(char c)
{
	char buf[512];
	bool saw = false;
	ssize_t n;

	while ((n = tty_read(&uart_tty, tty_hangup_gen(&uart_tty), buf, sizeof(buf), true)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			saw |= buf[i] == c;
	}
	return saw;
}

/*
 * A nearly full input buffer drops RTS (CRTSCTS) and sends VSTOP
 * (IXOFF), which the loop brings back as input, even though output is
 * held by the CTS the dropped RTS pulled low; emptying the buffer raises
 * RTS and sends VSTART.
 */
static void loop_check_throttle(struct loop_state *st)
{
	unsigned int fill = TTY_BUF_SIZE - 1 - THROTTLE_ROOM;

	for (unsigned int i = 0; i < fill; i++)
		tty_receive(&uart_tty, 'x');
	uart_tty_write(&uart_tty, "y", 1);	/* arrives through the UART: the driver checks room */
	LOOP_CHECK(st, loop_wait_input(fill + 2));
	LOOP_CHECK(st, READ_ONCE(throttled) && !(uart_tiocmget(&uart_tty) & TIOCM_RTS));
	LOOP_CHECK(st, loop_drain_saw(023));
	LOOP_CHECK(st, !READ_ONCE(throttled) && (uart_tiocmget(&uart_tty) & TIOCM_RTS));
	LOOP_CHECK(st, loop_wait_input(1) && loop_drain_saw(021));
}

KTEST(serial_loopback)
{
	struct loop_state st = { 0 };
	struct termios_k raw = {
		.c_iflag = IXOFF, .c_cflag = B115200 | CS8 | CREAD | CLOCAL | CRTSCTS,
	};
	unsigned long flags;

	if (!uart_present || console_tty != &uart_tty)
		return 0;
	if (wait_event_interruptible(uart_tty.write_wait, uart_chars_in_buffer(&uart_tty) == 0))
		return -1;
	loop_wait_ms(5);	/* the console's last bytes leave the shift register */
	st.saved = uart_tty.termios;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VSTOP] = 023;
	raw.c_cc[VSTART] = 021;
	loop_set_termios(&raw);
	tty_flush_input(&uart_tty);
	flags = spin_lock_irqsave(&tx_lock);
	st.saved_mcr = mcr;
	write_mcr(mcr | MCR_LOOP);
	spin_unlock_irqrestore(&tx_lock, flags);

	loop_check_cts(&st);
	loop_check_throttle(&st);

	flags = spin_lock_irqsave(&tx_lock);
	write_mcr(st.saved_mcr);
	spin_unlock_irqrestore(&tx_lock, flags);
	loop_set_termios(&st.saved);
	tty_flush_input(&uart_tty);
	if (st.failed_line)
		printk(KERN_ERR "ktest: serial8250.c:%d: loopback check failed\n", st.failed_line);
	return st.failed_line ? -1 : 0;
}
