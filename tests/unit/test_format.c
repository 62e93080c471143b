/*
 * lib/format.c against the host's snprintf.
 *
 * Every case is formatted by both, into a roomy buffer and then into
 * buffers of every size from 0 to one past the output, each surrounded by
 * guard bytes: the text, the return value and the untouched guards must
 * all agree.  A table covers hand-picked cases; a generated sweep covers
 * every combination of flags, width, precision, length modifier and
 * conversion over a set of boundary values.  Only behaviour C defines is
 * compared; the few places where glibc has its own convention that we do
 * not follow (a NULL "%.3s") have their own tests.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "klib.h"

#define BIG	600
#define GUARD	0x5a

static unsigned long checks;

static void expect_same(const char *fmt, size_t size, const char *want, int want_n,
			const char *got, int got_n)
{
	int shown = (int)MIN(size, (size_t)BIG);

	if (want_n == got_n && memcmp(want, got, BIG + 8) == 0)
		return;
	print_error("format \"%s\" size %zu: host gave %d \"%.*s\", we gave %d \"%.*s\"\n",
		    fmt, size, want_n, shown, want, got_n, shown, got);
	fail();
}

/* Format into a buffer of the given size with both; compare all of it. */
static void check_size(const char *fmt, va_list ap, size_t size)
{
	char want[BIG + 8], got[BIG + 8];
	int want_n, got_n;
	va_list a, b;

	memset(want, GUARD, sizeof(want));
	memset(got, GUARD, sizeof(got));
	va_copy(a, ap);
	va_copy(b, ap);
	want_n = vsnprintf(size ? want : NULL, size, fmt, a);
	got_n = kern_vsnprintf(size ? got : NULL, size, fmt, b);
	va_end(a);
	va_end(b);
	expect_same(fmt, size, want, want_n, got, got_n);
	checks++;
}

/*
 * Compare at a roomy size and at truncating sizes: all of 0..n+1 when
 * every_size, else 0, 1, n/2, n and n+1.
 */
static void check_v(const char *fmt, va_list ap, bool every_size)
{
	va_list a;
	size_t n;
	int len;

	va_copy(a, ap);
	len = vsnprintf(NULL, 0, fmt, a);
	va_end(a);
	assert_true(len >= 0 && len < BIG);
	n = (size_t)len;
	check_size(fmt, ap, BIG);
	if (every_size) {
		for (size_t size = 0; size <= n + 1; size++)
			check_size(fmt, ap, size);
		return;
	}
	check_size(fmt, ap, 0);
	check_size(fmt, ap, 1);
	check_size(fmt, ap, n / 2);
	check_size(fmt, ap, n);
	check_size(fmt, ap, n + 1);
}

static void check(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void check(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_v(fmt, ap, true);
	va_end(ap);
}

/*
 * Same, for formats that gcc's format checker rightly calls odd ("%-05d",
 * "%+u"): C defines them, so we must print them as glibc does.
 */
static void check_odd(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_v(fmt, ap, true);
	va_end(ap);
}

/* For formats built at run time (the sweep): fewer truncation sizes. */
static void check_dynamic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_v(fmt, ap, false);
	va_end(ap);
}

static void format_plain_text(void **state)
{
	check("%s", "");
	check("hello, world");
	check("100%% sure, %%%c%%", 'x');
	check("tab\tnewline\n");
}

static void format_signed(void **state)
{
	check("%d %i", 0, -0);
	check("%d|%d|%d|%d", 1, -1, INT_MAX, INT_MIN);
	check_odd("%5d|%-5d|%05d|%+d|% d|%+5d|%-+5d|% 05d", 42, 42, 42, 42, 42, 42, 42, 42);
	check_odd("%5d|%-5d|%05d|%+d|% d|%+05d", -42, -42, -42, -42, -42, -42);
	check_odd("%.0d|%.0d|%+.0d|% .0d|%5.0d|%-3.0d|", 0, 1, 0, 0, 0, 0);
	check_odd("%.3d|%.3d|%8.3d|%-8.3d|%08.3d|%+.3d", 7, -7, 7, -7, 7, 7);
	check_odd("%1d|%2d|%20d|%-20d|%020d", INT_MIN, INT_MIN, INT_MIN, INT_MIN, INT_MIN);
	check_odd("%.20d|%.20d|%25.20d|%-25.20d", INT_MAX, INT_MIN, -5, 5);
	check_odd("%-05d|%0-5d|%+ d|% +d", 3, 3, 3, 3);
}

static void format_unsigned(void **state)
{
	check("%u|%u|%u|%u", 0u, 1u, UINT_MAX, (unsigned)INT_MAX + 1);
	check("%x|%X|%o|%x|%X|%o", 0u, 0u, 0u, UINT_MAX, 0xabcdefu, UINT_MAX);
	check("%#x|%#X|%#o|%#x|%#X|%#o", 0u, 0u, 0u, 255u, 255u, 8u);
	check_odd("%#10x|%#-10x|%#010x|%#.6x|%#10.6x|%#.0x", 255u, 255u, 255u, 255u, 255u, 0u);
	check_odd("%#.0o|%#.3o|%#5o|%#05o|%#.1o|%.0o", 0u, 8u, 8u, 8u, 0u, 0u);
	check_odd("%+u|% u|%+x|% X|%+o", 5u, 5u, 5u, 5u, 5u);
	check_odd("%08x|%-8x|%8.4x|%.8x|%08.4x", 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu);
	check("%x %x", -1, INT_MIN);
}

static void format_length_modifiers(void **state)
{
	check("%hhd|%hhd|%hhd|%hhu|%hhx|%hho", 127, 128, -129, 300, 0x1ff, 511);
	check("%hd|%hd|%hu|%hx|%ho", 32767, 32768, 70000, 0x12345, 0777777);
	check("%ld|%ld|%lu|%lx|%lo", LONG_MAX, LONG_MIN, ULONG_MAX, ULONG_MAX, ULONG_MAX);
	check("%lld|%lld|%llu|%llx|%llX|%llo", LLONG_MAX, LLONG_MIN, ULLONG_MAX,
	      0x123456789abcdefull, 0xfedcba9876543210ull, 01234567012345670123ull);
	check("%zu|%zx|%zd|%zd", (size_t)-1, (size_t)4096, (ssize_t)-5, (ssize_t)77);
	check("%td|%td|%tx", (ptrdiff_t)-100, (ptrdiff_t)PTRDIFF_MAX, (ptrdiff_t)255);
	check("%jd|%ju|%jx", (intmax_t)INTMAX_MIN, (uintmax_t)UINTMAX_MAX, (uintmax_t)0xabc);
	check_odd("%-+25lld|%025lld|%#25llx|%-#25llo", -1ll, LLONG_MIN, ULLONG_MAX, ULLONG_MAX);
}

static void format_strings_and_chars(void **state)
{
	check("%s|%10s|%-10s|%.2s|%10.2s|%-10.2s|%.0s|", "abc", "abc", "abc", "abc",
	      "abc", "abc", "abc");
	check("%.10s|%3s|%.*s|%*s|%-*s|", "abc", "abcdef", 4, "abcdef", 6, "ab", 6, "ab");
	check("%c|%5c|%-5c|%c%c%c", 'a', 'b', 'c', 'x', 'y', 'z');
	check("[%c]", 0);
	check("%s", "a string long enough to be truncated at many different sizes");
}

/* gcc rightly objects to what the next few tests do on purpose. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-zero-length"

static void format_null_string_is_null_in_parens(void **state)
{
	char buf[32];

	/* glibc agrees on a NULL "%s" without precision; with one, it prints "". */
	check("%s|%10s|%-8s|", (char *)NULL, (char *)NULL, (char *)NULL);
	assert_int_equal(kern_snprintf(buf, sizeof(buf), "%.3s", (char *)NULL), 3);
	assert_string_equal(buf, "(nu");
}

static void format_pointers(void **state)
{
	int x;

	check("%p|%20p|%-20p|", (void *)&x, (void *)&x, (void *)&x);
	check("%p|%p", (void *)1, (void *)~0ul);
	check("%p|%10p|%-10p|", NULL, NULL, NULL);
}

static void format_star_width_and_precision(void **state)
{
	check("%*d|%-*d|%*d|%.*d|%.*d|%*.*d", 6, 1, 6, 1, -6, 1, 3, 1, -3, 1, 8, 4, -2);
	check("%*x|%.*x|%*.*s|", 0, 5u, 0, 0u, -4, 2, "abc");
	check_odd("%0*d|%-0*d|%0*.*d", 7, -3, 7, -3, 7, 2, -3);
}

static void format_return_value_counts_everything(void **state)
{
	char small[4];

	assert_int_equal(kern_snprintf(NULL, 0, "%d", 12345), 5);
	assert_int_equal(kern_snprintf(small, sizeof(small), "%s", "abcdef"), 6);
	assert_string_equal(small, "abc");
	assert_int_equal(kern_snprintf(small, 1, "xyz"), 3);
	assert_int_equal(small[0], '\0');
	assert_int_equal(kern_snprintf(small, sizeof(small), ""), 0);
	assert_int_equal(small[0], '\0');
}

static void format_huge_width_is_clamped(void **state)
{
	char buf[8];

	/* Beyond what C programs use; must not overflow (UBSan watches). */
	assert_int_equal(kern_snprintf(buf, sizeof(buf), "%99999999999d", 1), 4096);
	assert_string_equal(buf, "       ");
	assert_int_equal(kern_snprintf(buf, sizeof(buf), "%.99999999999d", 1), 4096);
	assert_int_equal(kern_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 1), 4096);
}

#pragma GCC diagnostic pop

/* --- the generated sweep --------------------------------------------- */

static const char *const flag_sets[] = {
	"", "-", "0", "+", " ", "#", "-0", "-+", "- ", "-#", "0+", "0 ", "0#",
	"+ ", "+#", " #", "-0+", "-+#", "0 #", "-0+ #",
};
static const char *const widths[] = { "", "1", "4", "13", "25" };
static const char *const precisions[] = { "", ".", ".0", ".1", ".4", ".21" };
static const char *const lengths[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
static const char conversions[] = "diuxXo";
static const long long values[] = {
	0, 1, -1, 7, -8, 10, 100, 127, -128, 255, 256, 32767, -32768, 65535,
	INT_MAX, INT_MIN, 4294967295ll, 1ll << 40, LLONG_MAX, LLONG_MIN,
};

/* Pass v with the type the length modifier reads. */
static void check_typed(const char *fmt, const char *len, char conv, long long v)
{
	bool is_signed = conv == 'd' || conv == 'i';

	if (!*len || !strcmp(len, "hh") || !strcmp(len, "h")) {
		if (is_signed)
			check_dynamic(fmt, (int)v);
		else
			check_dynamic(fmt, (unsigned int)v);
	} else if (!strcmp(len, "l") || !strcmp(len, "t")) {
		if (is_signed)
			check_dynamic(fmt, (long)v);
		else
			check_dynamic(fmt, (unsigned long)v);
	} else if (!strcmp(len, "z")) {
		check_dynamic(fmt, (size_t)v);
	} else {
		if (is_signed)
			check_dynamic(fmt, v);
		else
			check_dynamic(fmt, (unsigned long long)v);
	}
}

static void format_sweep_matches_host(void **state)
{
	char fmt[64];

	for (size_t f = 0; f < ARRAY_SIZE(flag_sets); f++)
	for (size_t w = 0; w < ARRAY_SIZE(widths); w++)
	for (size_t p = 0; p < ARRAY_SIZE(precisions); p++)
	for (size_t l = 0; l < ARRAY_SIZE(lengths); l++)
	for (const char *c = conversions; *c; c++) {
		/* C leaves '#' with d, i and u undefined. */
		if (strchr(flag_sets[f], '#') && (*c == 'd' || *c == 'i' || *c == 'u'))
			continue;
		snprintf(fmt, sizeof(fmt), "<%%%s%s%s%s%c>", flag_sets[f], widths[w],
			 precisions[p], lengths[l], *c);
		for (size_t v = 0; v < ARRAY_SIZE(values); v += 1 + (w + p) % 3)
			check_typed(fmt, lengths[l], *c, values[v]);
	}
	print_message("format sweep: %lu comparisons with the host's snprintf\n", checks);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_plain_text),
		cmocka_unit_test(format_signed),
		cmocka_unit_test(format_unsigned),
		cmocka_unit_test(format_length_modifiers),
		cmocka_unit_test(format_strings_and_chars),
		cmocka_unit_test(format_null_string_is_null_in_parens),
		cmocka_unit_test(format_pointers),
		cmocka_unit_test(format_star_width_and_precision),
		cmocka_unit_test(format_return_value_counts_everything),
		cmocka_unit_test(format_huge_width_is_clamped),
		cmocka_unit_test(format_sweep_matches_host),
	};

	return cmocka_run_group_tests_name("lib/format", tests, NULL, NULL);
}
