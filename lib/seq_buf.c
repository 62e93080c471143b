/*
 * seq_buf: printf into a fixed buffer, counting what did not fit
 * (include/seq_buf.h).
 */
#include <format.h>
#include <seq_buf.h>
#include <stdarg.h>
#include <string.h>

void seq_write(struct seq_buf *s, const void *data, size_t n)
{
	if (s->len < s->size)
		memcpy(s->buf + s->len, data, MIN(n, s->size - s->len));
	s->len += n;
}

void seq_puts(struct seq_buf *s, const char *str)
{
	seq_write(s, str, strlen(str));
}

void seq_putc(struct seq_buf *s, char c)
{
	seq_write(s, &c, 1);
}

void seq_printf(struct seq_buf *s, const char *fmt, ...)
{
	size_t room = s->len < s->size ? s->size - s->len : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? s->buf + s->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s->len += (size_t)n;
	/* vsnprintf keeps a byte for its NUL: text that filled the room exactly lost one. */
	if ((size_t)n >= room && s->len <= s->size)
		s->len = s->size + 1;
}
