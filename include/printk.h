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
 * Copy up to len bytes of the log ring (oldest first) into buf; returns the
 * number of bytes copied.  Used by the self-tests now, by dmesg later.
 */
size_t printk_read_log(char *buf, size_t len);

/* Panic-time output: bypasses the lock so a crash inside printk still prints. */
void printk_emergency_mode(void);

#endif
