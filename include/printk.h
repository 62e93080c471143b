/*
 * printk: the kernel log.  Every message goes into a ring buffer (later
 * read by dmesg through /dev/kmsg and syslog(2)) with its level and a
 * monotonic timestamp, and to the console when its level is below the
 * console log level.  Levels follow Linux: a message may begin with
 * KERN_ERR etc.; without one it is KERN_INFO.
 */
#ifndef PRINTK_H
#define PRINTK_H

#include <types.h>
#include <compiler.h>

#define KERN_EMERG	"\0010"
#define KERN_ALERT	"\0011"
#define KERN_CRIT	"\0012"
#define KERN_ERR	"\0013"
#define KERN_WARNING	"\0014"
#define KERN_NOTICE	"\0015"
#define KERN_INFO	"\0016"
#define KERN_DEBUG	"\0017"

#define LOGLEVEL_DEFAULT	6	/* KERN_INFO */

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

#define pr_emerg(...)	printk(KERN_EMERG __VA_ARGS__)
#define pr_err(...)	printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)	printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...)	printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)	printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)	printk(KERN_DEBUG __VA_ARGS__)

/* Console log level: messages with level < this reach the console. */
extern int console_loglevel;

/* A console receives every message that passes the level filter. */
struct console {
	const char *name;
	void (*write)(const char *s, size_t len);
	struct console *next;
};

void console_register(struct console *con);

/* Raw output to every console (user programs' output before the TTY layer). */
void console_write(const char *s, size_t len);

/*
 * Copy up to len bytes of the log (oldest first, in syslog(2)'s text
 * format) into buf; returns the number of bytes copied.
 */
size_t printk_read_log(char *buf, size_t len);

/* --- the log's records, for syslog(2) and /dev/kmsg (kernel/syslog.c) --- */

struct printk_record {
	u64 seq;		/* 0, 1, 2, ... in the order they were logged */
	u64 ts_ns;		/* monotonic time of the first byte */
	u16 len;		/* text bytes, no trailing newline */
	u8 level;		/* 0-7 */
	u8 facility;		/* 0: kernel, 1: user (written to /dev/kmsg) ... */
};

/*
 * Record seq: 0 with *rec filled and min(size, rec->len) bytes of text
 * copied, -EPIPE when it was already overwritten, -EAGAIN when it does
 * not exist yet.  Never sleeps.
 */
int printk_record_get(u64 seq, struct printk_record *rec, char *text, size_t size);
/* The records readable now are [*first, *end). */
void printk_seq_range(u64 *first, u64 *end);
/* Format "<prio>[seconds.micros] text\n" into buf; bytes stored (NUL excluded). */
int printk_format_syslog(const struct printk_record *r, const char *text, char *buf,
			 size_t size);
/* Log a record from user space (/dev/kmsg), facility and level given. */
void printk_store(int facility, int level, const char *text, size_t len);

/*
 * New records wake printk_wait (from the next timer tick).  A reader calls
 * printk_reader_waits() once before its first wait.
 */
struct wait_queue;
extern struct wait_queue printk_wait;
void printk_reader_waits(void);
/* syslog(2) and /dev/kmsg (kernel/syslog.c): register the device. */
void syslog_init(void);
#define PRINTK_LINE_MAX		1024
#define PRINTK_BUFFER_SIZE	(128 * 1024)

/* Panic-time output: bypasses the lock so a crash inside printk still prints. */
void printk_emergency_mode(void);

#endif
