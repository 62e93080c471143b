/*
 * printk: format a message, stamp it, append it to the log ring, and hand
 * it to every registered console.
 *
 * The ring holds text lines exactly as syslog(2) returns them:
 * "<level>[seconds.micros] message\n".  When the ring is full the oldest
 * whole lines are dropped.  A message that does not end in '\n' is
 * continued by the next printk (Linux's KERN_CONT behaviour), without a
 * second prefix.
 *
 * printk_lock protects the ring, the continuation state and the order of
 * console output.  It is taken with interrupts off, so printk works from
 * interrupt handlers.  After printk_emergency_mode() (panic) the lock is
 * only tried, so a CPU that died holding it cannot silence the report.
 */
#include <printk.h>
#include <format.h>
#include <spinlock.h>
#include <string.h>
#include <time.h>

#define LOG_RING_SIZE	(128 * 1024)
#define LINE_MAX	1024

int console_loglevel = 7;

static DEFINE_SPINLOCK(printk_lock);
static char log_ring[LOG_RING_SIZE];	/* printk_lock */
static size_t log_head;			/* printk_lock: next write offset */
static size_t log_len;			/* printk_lock: bytes held */
static bool line_open;			/* printk_lock: last message had no '\n' */
static int open_level;			/* printk_lock: level of the open line */
static struct console *consoles;	/* printk_lock */
static bool emergency;

void console_register(struct console *con)
{
	unsigned long flags = spin_lock_irqsave(&printk_lock);

	con->next = consoles;
	consoles = con;
	spin_unlock_irqrestore(&printk_lock, flags);
}

/* Drop whole lines from the oldest end until 'need' more bytes fit. */
static void ring_make_room(size_t need)
{
	size_t tail = (log_head + LOG_RING_SIZE - log_len) % LOG_RING_SIZE;

	while (log_len > 0 && log_len + need > LOG_RING_SIZE) {
		char c = log_ring[tail];

		tail = (tail + 1) % LOG_RING_SIZE;
		log_len--;
		if (c == '\n' && log_len + need <= LOG_RING_SIZE)
			break;
	}
}

static void ring_append(const char *s, size_t n)
{
	if (n > LOG_RING_SIZE)
		return;
	ring_make_room(n);
	for (size_t i = 0; i < n; i++) {
		log_ring[log_head] = s[i];
		log_head = (log_head + 1) % LOG_RING_SIZE;
	}
	log_len += n;
}

static void consoles_write(const char *s, size_t n)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(s, n);
}

static int parse_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] == '\001' && f[1] >= '0' && f[1] <= '7') {
		*fmt = f + 2;
		return f[1] - '0';
	}
	return -1;
}

/* Emit one formatted message (may hold several lines); printk_lock held. */
static void emit(int level, const char *text, size_t len)
{
	char prefix[40];
	size_t start = 0;

	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;

		if (!line_open) {
			u64 ns = clock_monotonic_ns();
			int p = snprintf(prefix, sizeof(prefix), "<%d>[%5llu.%06llu] ", level,
					 ns / 1000000000ull, (ns % 1000000000ull) / 1000);

			ring_append(prefix, p);
			open_level = level;
			if (level < console_loglevel)
				consoles_write(prefix + 3, p - 3);
		}
		ring_append(text + start, end - start);
		if (open_level < console_loglevel)
			consoles_write(text + start, end - start);
		line_open = text[end - 1] != '\n';
		start = end;
	}
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[LINE_MAX];
	int level = parse_level(&fmt);
	unsigned long flags;
	bool locked = true;
	int n;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	flags = arch_irq_save();
	if (emergency)
		locked = spin_trylock(&printk_lock);
	else
		spin_lock(&printk_lock);
	if (level < 0)
		level = line_open ? open_level : LOGLEVEL_DEFAULT;
	emit(level, buf, n);
	if (locked)
		spin_unlock(&printk_lock);
	arch_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void console_write(const char *s, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&printk_lock);

	consoles_write(s, len);
	spin_unlock_irqrestore(&printk_lock, flags);
}

size_t printk_read_log(char *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&printk_lock);
	size_t n = MIN(len, log_len);
	size_t pos = (log_head + LOG_RING_SIZE - log_len) % LOG_RING_SIZE;

	for (size_t i = 0; i < n; i++)
		buf[i] = log_ring[(pos + i) % LOG_RING_SIZE];
	spin_unlock_irqrestore(&printk_lock, flags);
	return n;
}

void printk_emergency_mode(void)
{
	emergency = true;
	if (line_open) {
		line_open = false;
		consoles_write("\n", 1);
	}
}
