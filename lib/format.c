/*
 * vsnprintf: the subset of C's printf that kernel code uses.
 *
 * Conversions: d i u x X o p s c %, with flags "-0# +", a width and a
 * precision (both may be '*'), and the length modifiers hh h l ll j z t.
 * Like C's snprintf it always NUL-terminates when size > 0 and returns the
 * length the full output would have had.  Output matches glibc's for every
 * defined combination (tests/unit/test_format.c checks a large table):
 * '+' and ' ' apply to signed conversions only, "%#x" of 0 has no "0x",
 * "%#o" only adds a zero when the digits do not already start with one,
 * and a NULL string prints "(null)", a NULL "%p" prints "(nil)".
 * Widths and precisions saturate at FORMAT_MAX_WIDTH instead of overflowing.
 */
#include <compiler.h>
#include <format.h>
#include <string.h>

/* Largest width or precision honoured; bigger ones are clamped to it. */
#define FORMAT_MAX_WIDTH	4096

struct out {
	char *buf;
	size_t size;
	size_t len;		/* characters produced so far, even past size */
};

struct spec {
	bool left, zero, alt, plus, space;
	int width;
	int precision;		/* -1: none */
	int length;		/* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z', 't' */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const struct spec *sp, const char *s)
{
	size_t n;

	if (!s)
		s = "(null)";
	n = sp->precision >= 0 ? strnlen(s, sp->precision) : strlen(s);
	if (!sp->left)
		pad(o, ' ', sp->width - (int)n);
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - (int)n);
}

/* Emit prefix, zeros and the digits tmp[n-1..0], padded to the width. */
static void put_digits(struct out *o, const struct spec *sp, const char *prefix,
		       int zeros, const char *tmp, int n)
{
	int prefix_len = strlen(prefix);
	int total = prefix_len + zeros + n;

	if (sp->zero && !sp->left && sp->precision < 0 && sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}
	if (!sp->left)
		pad(o, ' ', sp->width - total);
	for (int i = 0; i < prefix_len; i++)
		put(o, prefix[i]);
	pad(o, '0', zeros);
	while (n > 0)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', sp->width - total);
}

/*
 * Print v in base 8, 10 or 16.  '+' and ' ' were already cleared by the
 * caller for unsigned conversions, as C says they apply to signed ones.
 */
static void put_num(struct out *o, const struct spec *sp, unsigned long long v,
		    bool negative, int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	const char *prefix = "";
	bool is_zero = v == 0;
	char tmp[24];
	int n = 0, zeros;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->precision == 0 && is_zero)
		n = 0;			/* "%.0d" of 0 prints no digits */
	zeros = sp->precision > n ? sp->precision - n : 0;

	if (negative)
		prefix = "-";
	else if (sp->plus)
		prefix = "+";
	else if (sp->space)
		prefix = " ";
	else if (sp->alt && base == 16 && !is_zero)
		prefix = upper ? "0X" : "0x";
	/* "%#o" raises the precision just enough to start with a zero. */
	if (sp->alt && base == 8 && zeros == 0 && (n == 0 || tmp[n - 1] != '0'))
		zeros = 1;
	put_digits(o, sp, prefix, zeros, tmp, n);
}

/* Print one character, padded to the width ("%5c", "%-5c"). */
static void put_char(struct out *o, const struct spec *sp, char c)
{
	if (!sp->left)
		pad(o, ' ', sp->width - 1);
	put(o, c);
	if (sp->left)
		pad(o, ' ', sp->width - 1);
}

/* Read a decimal field, saturating instead of overflowing. */
static const char *parse_int(const char *f, int *out)
{
	int v = 0;

	while (*f >= '0' && *f <= '9') {
		v = v * 10 + (*f++ - '0');
		if (v > FORMAT_MAX_WIDTH)
			v = FORMAT_MAX_WIDTH;
	}
	*out = v;
	return f;
}

/* Parse flags, width, precision and length; returns the conversion char. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->precision = -1;
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '#')
			sp->alt = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else
			break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);

		if (w < 0) {		/* a negative '*' width means '-' */
			sp->left = true;
			w = w < -FORMAT_MAX_WIDTH ? FORMAT_MAX_WIDTH : -w;
		}
		sp->width = MIN(w, FORMAT_MAX_WIDTH);
		f++;
	} else {
		f = parse_int(f, &sp->width);
	}
	if (*f == '.') {
		f++;
		if (*f == '*') {	/* a negative '*' precision means none */
			int p = va_arg(*ap, int);

			sp->precision = p < 0 ? -1 : MIN(p, FORMAT_MAX_WIDTH);
			f++;
		} else {
			f = parse_int(f, &sp->precision);
		}
	}
	if (f[0] == 'h' && f[1] == 'h') {
		sp->length = 'H';
		f += 2;
	} else if (f[0] == 'l' && f[1] == 'l') {
		sp->length = 'L';
		f += 2;
	} else if (*f == 'j') {
		sp->length = 'L';	/* intmax_t is long long's width here */
		f++;
	} else if (*f == 'h' || *f == 'l' || *f == 'z' || *f == 't') {
		sp->length = *f++;
	}
	return f;
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	case 't': return (unsigned long)va_arg(*ap, long);
	default: return va_arg(*ap, unsigned int);
	}
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'z': return va_arg(*ap, ssize_t);
	case 't': return va_arg(*ap, long);
	default: return va_arg(*ap, int);
	}
}

static void put_unsigned(struct out *o, struct spec *sp, unsigned long long v,
			 int base, bool upper)
{
	sp->plus = sp->space = false;
	put_num(o, sp, v, false, base, upper);
}

/* "%p" is "%#lx", except that NULL prints "(nil)" as glibc does. */
static void put_pointer(struct out *o, struct spec *sp, const void *p)
{
	if (!p) {
		sp->precision = -1;
		put_str(o, sp, "(nil)");
		return;
	}
	sp->alt = true;
	put_unsigned(o, sp, (unsigned long)p, 16, false);
}

static void convert(struct out *o, struct spec *sp, char c, va_list *ap)
{
	long long sv;

	switch (c) {
	case 'd':
	case 'i':
		sv = get_signed(sp, ap);
		put_num(o, sp, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
			sv < 0, 10, false);
		break;
	case 'u':
		put_unsigned(o, sp, get_unsigned(sp, ap), 10, false);
		break;
	case 'x':
	case 'X':
		put_unsigned(o, sp, get_unsigned(sp, ap), 16, c == 'X');
		break;
	case 'o':
		put_unsigned(o, sp, get_unsigned(sp, ap), 8, false);
		break;
	case 'p':
		put_pointer(o, sp, va_arg(*ap, void *));
		break;
	case 's':
		put_str(o, sp, va_arg(*ap, const char *));
		break;
	case 'c':
		put_char(o, sp, (char)va_arg(*ap, int));
		break;
	case '%':
		put(o, '%');
		break;
	default:		/* unknown conversion: print it verbatim */
		put(o, '%');
		put(o, c);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	struct spec sp;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		if (!*fmt)
			break;
		convert(&o, &sp, *fmt++, &args);
	}
	va_end(args);
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
