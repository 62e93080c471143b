/*
 * printk: format a message, stamp it, append it to the log ring, and hand
 * it to every registered console.
 *
 * The ring holds records, one per line: a header (sequence number,
 * monotonic time, level, facility, text length) followed by the text
 * without its '\n'.  Sequence numbers count up from 0 and never repeat, so
 * a reader (syslog(2), /dev/kmsg: kernel/syslog.c) remembers where it is
 * with a number and learns from printk_record_get() when records it has
 * not read yet were overwritten.  When the ring is full the oldest records
 * are dropped.  A message that does not end in '\n' stays open and the
 * next printk continues it (Linux's KERN_CONT behaviour); readers see a
 * record only once its line is complete.
 *
 * printk_lock protects the ring and its counters, the continuation state
 * and the order of console output.  It is taken with interrupts off, so
 * printk works from interrupt handlers.  After printk_emergency_mode()
 * (panic) the lock is only tried, so a CPU that died holding it cannot
 * silence the report.  Readers sleeping on printk_wait are woken from
 * the timer tick (a ktimer armed by printk), never from printk itself,
 * since printk may run with any lock held, a run queue's included.
 */
#include <printk.h>
#include <errno.h>
#include <format.h>
#include <ktimer.h>
#include <spinlock.h>
#include <string.h>
#include <time.h>
#include <wait.h>

#define LOG_RING_SIZE	PRINTK_BUFFER_SIZE
#define LINE_MAX	PRINTK_LINE_MAX

struct rec_hdr {
	u64 seq;
	u64 ts_ns;
	u16 len;		/* text bytes */
	u8 level;
	u8 facility;
	u32 pad;
};

int console_loglevel = 7;

static DEFINE_SPINLOCK(printk_lock);
static char log_ring[LOG_RING_SIZE];	/* printk_lock */
static u64 log_first, log_next;		/* printk_lock: free-running byte offsets */
static u64 first_seq, next_seq;		/* printk_lock: records [first_seq, next_seq) */
static u64 hint_seq, hint_off;		/* printk_lock: a known record, to start lookups */
static bool line_open;			/* printk_lock: the newest record goes on */
static u64 open_off;			/* printk_lock: where the open record starts */
static struct console *consoles;	/* printk_lock */
static bool emergency;

DEFINE_WAIT_QUEUE(printk_wait);
static struct ktimer wake_timer;
static bool readers_exist;		/* a reader waited once: the timer is set up */

void console_register(struct console *con)
{
	unsigned long flags = spin_lock_irqsave(&printk_lock);

	con->next = consoles;
	consoles = con;
	spin_unlock_irqrestore(&printk_lock, flags);
}

/* --- the ring ---------------------------------------------------------------- */

static void ring_copy_in(u64 off, const void *src, size_t n)
{
	size_t at = off % LOG_RING_SIZE, first = MIN(n, LOG_RING_SIZE - at);

	memcpy(log_ring + at, src, first);
	memcpy(log_ring, (const char *)src + first, n - first);
}

static void ring_copy_out(u64 off, void *dst, size_t n)
{
	size_t at = off % LOG_RING_SIZE, first = MIN(n, LOG_RING_SIZE - at);

	memcpy(dst, log_ring + at, first);
	memcpy((char *)dst + first, log_ring, n - first);
}

static void read_hdr(u64 off, struct rec_hdr *h)
{
	ring_copy_out(off, h, sizeof(*h));
}

static u64 rec_size(const struct rec_hdr *h)
{
	return sizeof(*h) + h->len;
}

/* Drop the oldest records until need more bytes fit; never the open one. */
static void ring_make_room(size_t need)
{
	struct rec_hdr h;

	while (log_next - log_first + need > LOG_RING_SIZE) {
		if (line_open && log_first == open_off)
			break;		/* cannot happen: need <= LINE_MAX + header */
		read_hdr(log_first, &h);
		log_first += rec_size(&h);
		first_seq++;
	}
}

static void record_start(int level, int facility)
{
	struct rec_hdr h = {
		.seq = next_seq++, .ts_ns = clock_monotonic_ns(),
		.level = (u8)level, .facility = (u8)facility,
	};

	ring_make_room(sizeof(h));
	open_off = log_next;
	ring_copy_in(log_next, &h, sizeof(h));
	log_next += sizeof(h);
	line_open = true;
}

static void record_append(const char *s, size_t n)
{
	struct rec_hdr h;

	read_hdr(open_off, &h);
	n = MIN(n, (size_t)(LINE_MAX - h.len));
	ring_make_room(n);
	ring_copy_in(log_next, s, n);
	log_next += n;
	h.len += n;
	ring_copy_in(open_off, &h, sizeof(h));
}

/* --- writing ----------------------------------------------------------------- */

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

static void console_prefix(void)
{
	struct rec_hdr h;
	char prefix[32];
	int p;

	read_hdr(open_off, &h);
	p = snprintf(prefix, sizeof(prefix), "[%5llu.%06llu] ", h.ts_ns / 1000000000ull,
		     (h.ts_ns % 1000000000ull) / 1000);
	consoles_write(prefix, p);
}

/* Emit one formatted message (may hold several lines); printk_lock held. */
static void emit(int level, int facility, const char *text, size_t len)
{
	size_t start = 0;
	struct rec_hdr h;

	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		size_t n = end - start - (nl ? 1 : 0);

		if (!line_open) {
			record_start(level, facility);
			if (level < console_loglevel)
				console_prefix();
		}
		read_hdr(open_off, &h);
		record_append(text + start, n);
		if (h.level < console_loglevel)
			consoles_write(text + start, end - start);
		if (nl)
			line_open = false;
		start = end;
	}
}

/* Wake sleeping readers from the next tick (see the top of the file). */
static void wake_readers_later(void)
{
	if (READ_ONCE(readers_exist) && !emergency)
		ktimer_add(&wake_timer, 0);
}

static void log_store(int level, int facility, const char *text, size_t len, bool own_record)
{
	unsigned long flags = arch_irq_save();
	bool locked = true;

	if (emergency)
		locked = spin_trylock(&printk_lock);
	else
		spin_lock(&printk_lock);
	if (level < 0) {
		struct rec_hdr h;

		if (line_open)
			read_hdr(open_off, &h);
		level = line_open ? h.level : LOGLEVEL_DEFAULT;
	}
	if (own_record && line_open) {
		line_open = false;	/* the kernel's unfinished line ends here */
		consoles_write("\n", 1);
	}
	emit(level, facility, text, len);
	if (locked)
		spin_unlock(&printk_lock);
	arch_irq_restore(flags);
	wake_readers_later();
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[LINE_MAX];
	int level = parse_level(&fmt);
	int n;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	log_store(level, 0, buf, n, false);
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

void printk_store(int facility, int level, const char *text, size_t len)
{
	char line[LINE_MAX];

	/* A record of its own, even when a kernel line is open. */
	len = MIN(len, sizeof(line) - 1);
	memcpy(line, text, len);
	if (!len || line[len - 1] != '\n')
		line[len++] = '\n';
	log_store(level, facility, line, len, true);
}

void console_write(const char *s, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&printk_lock);

	consoles_write(s, len);
	spin_unlock_irqrestore(&printk_lock, flags);
}

/* --- reading ------------------------------------------------------------------ */

/* Offset of record seq (first_seq <= seq < next_seq; lock held). */
static u64 find_record(u64 seq)
{
	u64 s = first_seq, off = log_first;
	struct rec_hdr h;

	if (hint_seq >= first_seq && hint_seq <= seq && hint_seq < next_seq) {
		s = hint_seq;
		off = hint_off;
	}
	for (; s < seq; s++) {
		read_hdr(off, &h);
		off += rec_size(&h);
	}
	hint_seq = seq;
	hint_off = off;
	return off;
}

static u64 end_seq_locked(void)
{
	return line_open ? next_seq - 1 : next_seq;
}

int printk_record_get(u64 seq, struct printk_record *rec, char *text, size_t size)
{
	unsigned long flags = spin_lock_irqsave(&printk_lock);
	struct rec_hdr h;
	int err = 0;

	if (seq < first_seq) {
		err = -EPIPE;
	} else if (seq >= end_seq_locked()) {
		err = -EAGAIN;
	} else {
		u64 off = find_record(seq);

		read_hdr(off, &h);
		*rec = (struct printk_record){ .seq = h.seq, .ts_ns = h.ts_ns, .len = h.len,
					       .level = h.level, .facility = h.facility };
		ring_copy_out(off + sizeof(h), text, MIN(size, (size_t)h.len));
	}
	spin_unlock_irqrestore(&printk_lock, flags);
	return err;
}

void printk_seq_range(u64 *first, u64 *end)
{
	unsigned long flags = spin_lock_irqsave(&printk_lock);

	*first = first_seq;
	*end = end_seq_locked();
	spin_unlock_irqrestore(&printk_lock, flags);
}

static void wake_timer_fn(struct ktimer *t)
{
	(void)t;
	wake_up(&printk_wait);
}

void printk_reader_waits(void)
{
	unsigned long flags;

	if (READ_ONCE(readers_exist))
		return;
	flags = spin_lock_irqsave(&printk_lock);
	if (!readers_exist) {
		ktimer_init(&wake_timer, wake_timer_fn);
		WRITE_ONCE(readers_exist, true);
	}
	spin_unlock_irqrestore(&printk_lock, flags);
}

size_t printk_read_log(char *buf, size_t len)
{
	char text[LINE_MAX];
	struct printk_record r;
	u64 seq, end;
	size_t n = 0;

	printk_seq_range(&seq, &end);
	for (; seq < end && n < len; seq++) {
		char line[LINE_MAX + 48];
		int m;

		if (printk_record_get(seq, &r, text, sizeof(text)))
			continue;
		m = printk_format_syslog(&r, text, line, sizeof(line));
		m = MIN((size_t)m, len - n);
		memcpy(buf + n, line, m);
		n += m;
	}
	return n;
}

int printk_format_syslog(const struct printk_record *r, const char *text, char *buf,
			 size_t size)
{
	int n = snprintf(buf, size, "<%u>[%5llu.%06llu] %.*s\n", r->facility << 3 | r->level,
			 r->ts_ns / 1000000000ull, (r->ts_ns % 1000000000ull) / 1000,
			 (int)r->len, text);

	return MIN(n, (int)size - 1);
}

void printk_emergency_mode(void)
{
	emergency = true;
	if (line_open) {
		line_open = false;
		consoles_write("\n", 1);
	}
}
