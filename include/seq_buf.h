/*
 * A text buffer filled with printf-style calls, for files whose contents
 * the kernel generates (/proc).  Writing past the end is safe: the bytes
 * are dropped but counted, so the caller sees seq_buf_overflowed() and can
 * retry with a larger buffer.  lib/seq_buf.c, also built for the host.
 */
#ifndef SEQ_BUF_H
#define SEQ_BUF_H

#include <types.h>
#include <compiler.h>

struct seq_buf {
	char *buf;
	size_t size;
	size_t len;		/* bytes produced so far, even beyond size */
};

static inline void seq_buf_init(struct seq_buf *s, char *buf, size_t size)
{
	s->buf = buf;
	s->size = size;
	s->len = 0;
}

static inline bool seq_buf_overflowed(const struct seq_buf *s)
{
	return s->len > s->size;
}

void seq_printf(struct seq_buf *s, const char *fmt, ...) __printf(2, 3);
void seq_write(struct seq_buf *s, const void *data, size_t n);
void seq_puts(struct seq_buf *s, const char *str);
void seq_putc(struct seq_buf *s, char c);

#endif
