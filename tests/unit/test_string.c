/*
 * lib/string.c against libc: each helper is run over a set of strings and
 * buffers chosen for edge cases (empty, embedded NULs, bytes above 0x7f,
 * prefixes of each other) and must agree with libc in value or sign.
 * Inputs live in exactly-sized heap blocks so ASan catches any read past
 * a terminator or a length.
 */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "klib.h"

static const char *const words[] = {
	"", "a", "b", "ab", "abc", "abd", "abcd", "ABC", "\x80", "\xff", "a\xff",
	"hello world", "hello", "hello worle", "zzzz", "\x7f\x80",
};

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* strdup into an exactly-sized block, so ASan guards its end. */
static char *exact(const char *s)
{
	return (char *)unit_exact_copy(s, strlen(s) + 1);
}

static void string_strlen_and_strnlen(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		char *s = exact(words[i]);
		size_t len = strlen(s);

		assert_int_equal(kern_strlen(s), len);
		for (size_t max = 0; max <= len + 2; max++)
			assert_int_equal(kern_strnlen(s, max), strnlen(s, max));
		free(s);
	}
	/* strnlen must not look past max even without a terminator. */
	char *raw = (char *)unit_exact_copy("abcd", 4);

	assert_int_equal(kern_strnlen(raw, 4), 4);
	assert_int_equal(kern_strnlen(raw, 2), 2);
	free(raw);
}

static void string_compare_like_libc(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(words); j++) {
			char *a = exact(words[i]), *b = exact(words[j]);
			size_t la = strlen(a), lb = strlen(b);

			assert_int_equal(sign(kern_strcmp(a, b)), sign(strcmp(a, b)));
			for (size_t n = 0; n <= 12; n++)
				assert_int_equal(sign(kern_strncmp(a, b, n)),
						 sign(strncmp(a, b, n)));
			for (size_t n = 0; n <= MIN(la, lb) + 1; n++)
				assert_int_equal(sign(kern_memcmp(a, b, n)),
						 sign(memcmp(a, b, n)));
			free(a);
			free(b);
		}
	}
}

static void string_memcmp_is_unsigned(void **state)
{
	unsigned char a[] = { 0x01, 0x80 }, b[] = { 0x01, 0x7f };

	assert_true(kern_memcmp(a, b, 2) > 0);
	assert_true(kern_memcmp(b, a, 2) < 0);
	assert_int_equal(kern_memcmp(a, b, 1), 0);
	assert_int_equal(kern_memcmp(a, b, 0), 0);
}

static void string_strchr_and_memchr(void **state)
{
	const char *s = "hello\xffworld";
	char *e = exact(s);

	for (int c = 0; c < 256; c++) {
		assert_ptr_equal(kern_strchr(e, c), strchr(e, c));
		for (size_t n = 0; n <= strlen(s) + 1; n++)
			assert_ptr_equal(kern_memchr(e, c, n), memchr(e, c, n));
	}
	/* The int argument is converted to char: 'h' + 256 still finds 'h'. */
	assert_ptr_equal(kern_strchr(e, 'h' + 256), e);
	assert_ptr_equal(kern_memchr(e, 'h' + 256, 3), e);
	free(e);
}

static void string_strlcpy_truncates_and_terminates(void **state)
{
	char dst[8];

	memset(dst, 'x', sizeof(dst));
	assert_int_equal(kern_strlcpy(dst, "abc", sizeof(dst)), 3);
	assert_string_equal(dst, "abc");
	assert_int_equal(kern_strlcpy(dst, "abcdefghijk", sizeof(dst)), 11);
	assert_string_equal(dst, "abcdefg");
	memset(dst, 'x', sizeof(dst));
	assert_int_equal(kern_strlcpy(dst, "abc", 1), 3);
	assert_int_equal(dst[0], '\0');
	assert_int_equal(dst[1], 'x');
	memset(dst, 'x', sizeof(dst));
	assert_int_equal(kern_strlcpy(dst, "abc", 0), 3);
	assert_int_equal(dst[0], 'x');
	assert_int_equal(kern_strlcpy(dst, "", sizeof(dst)), 0);
	assert_string_equal(dst, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(string_strlen_and_strnlen),
		cmocka_unit_test(string_compare_like_libc),
		cmocka_unit_test(string_memcmp_is_unsigned),
		cmocka_unit_test(string_strchr_and_memchr),
		cmocka_unit_test(string_strlcpy_truncates_and_terminates),
	};

	return cmocka_run_group_tests_name("lib/string", tests, NULL, NULL);
}
