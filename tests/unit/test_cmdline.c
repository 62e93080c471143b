/*
 * lib/cmdline.c: Linux-style kernel command-line lookups.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "klib.h"

static void cmdline_bare_word_and_value(void **state)
{
	cmdline_init("console=ttyS0 quiet loglevel=7 root=/dev/vda");
	assert_string_equal(cmdline_raw(), "console=ttyS0 quiet loglevel=7 root=/dev/vda");
	assert_string_equal(cmdline_get("console"), "ttyS0");
	assert_string_equal(cmdline_get("quiet"), "");
	assert_string_equal(cmdline_get("root"), "/dev/vda");
	assert_true(cmdline_has("quiet"));
	assert_false(cmdline_has("init"));
	assert_null(cmdline_get("init"));
}

static void cmdline_names_match_exactly(void **state)
{
	cmdline_init("consoleblank=0 initrd=x rdinit");
	assert_null(cmdline_get("console"));
	assert_null(cmdline_get("init"));
	assert_null(cmdline_get("rd"));
	assert_string_equal(cmdline_get("consoleblank"), "0");
	assert_string_equal(cmdline_get("rdinit"), "");
	assert_null(cmdline_get(""));
}

static void cmdline_last_occurrence_wins(void **state)
{
	cmdline_init("console=tty0 console=ttyS0 loglevel=3 loglevel");
	assert_string_equal(cmdline_get("console"), "ttyS0");
	assert_string_equal(cmdline_get("loglevel"), "");
}

static void cmdline_empty_value_stays_empty(void **state)
{
	/* Regression: an empty value used to alias the next word's buffer. */
	cmdline_init("init= rdinit=/bin/sh");
	assert_string_equal(cmdline_get("init"), "");
	cmdline_init("init=/a init= x=yyyyyyyy");
	assert_string_equal(cmdline_get("init"), "");
}

static void cmdline_quotes_group_words(void **state)
{
	cmdline_init("init=\"/bin/my shell\" x=\"a\"b\"c\" \"quoted=word\" y");
	assert_string_equal(cmdline_get("init"), "/bin/my shell");
	assert_string_equal(cmdline_get("x"), "abc");
	assert_string_equal(cmdline_get("quoted"), "word");
	assert_string_equal(cmdline_get("y"), "");
	/* An unterminated quote runs to the end of the line. */
	cmdline_init("a=\"b c d");
	assert_string_equal(cmdline_get("a"), "b c d");
}

static void cmdline_double_dash_ends_kernel_part(void **state)
{
	cmdline_init("quiet -- init_arg=1 single");
	assert_true(cmdline_has("quiet"));
	assert_false(cmdline_has("init_arg"));
	assert_false(cmdline_has("single"));
	cmdline_init("a=\"--\" b");
	assert_string_equal(cmdline_get("b"), "");
}

static void cmdline_any_blank_separates(void **state)
{
	cmdline_init("  \tquiet\n\nconsole=ttyS0\r\n  ");
	assert_true(cmdline_has("quiet"));
	assert_string_equal(cmdline_get("console"), "ttyS0");
	cmdline_init("");
	assert_false(cmdline_has("quiet"));
	cmdline_init(NULL);
	assert_string_equal(cmdline_raw(), "");
	cmdline_init("   ");
	assert_null(cmdline_get("x"));
}

static void cmdline_long_values(void **state)
{
	char line[64];
	long v = 99;

	cmdline_init("a=0 b=-17 c=123456 d=12x e= f=- g=+5 h");
	assert_true(cmdline_get_long("a", &v));
	assert_int_equal(v, 0);
	assert_true(cmdline_get_long("b", &v));
	assert_int_equal(v, -17);
	assert_true(cmdline_get_long("c", &v));
	assert_int_equal(v, 123456);
	v = 99;
	assert_false(cmdline_get_long("d", &v));
	assert_false(cmdline_get_long("e", &v));
	assert_false(cmdline_get_long("f", &v));
	assert_false(cmdline_get_long("g", &v));
	assert_false(cmdline_get_long("h", &v));
	assert_false(cmdline_get_long("missing", &v));
	assert_int_equal(v, 99);

	snprintf(line, sizeof(line), "max=%ld min=%ld", LONG_MAX, LONG_MIN);
	cmdline_init(line);
	assert_true(cmdline_get_long("max", &v));
	assert_true(v == LONG_MAX);
	assert_true(cmdline_get_long("min", &v));
	assert_true(v == LONG_MIN);
	cmdline_init("over=9223372036854775808 under=-9223372036854775809 big=99999999999999999999");
	assert_false(cmdline_get_long("over", &v));
	assert_false(cmdline_get_long("under", &v));
	assert_false(cmdline_get_long("big", &v));
}

static void cmdline_overlong_input_is_truncated(void **state)
{
	static char line[CMDLINE_MAX * 2];

	memset(line, 'a', sizeof(line) - 1);
	memcpy(line, "x=", 2);
	cmdline_init(line);
	assert_int_equal(strlen(cmdline_raw()), CMDLINE_MAX - 1);
	assert_int_equal(strlen(cmdline_get("x")), CMDLINE_MAX - 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cmdline_bare_word_and_value),
		cmocka_unit_test(cmdline_names_match_exactly),
		cmocka_unit_test(cmdline_last_occurrence_wins),
		cmocka_unit_test(cmdline_empty_value_stays_empty),
		cmocka_unit_test(cmdline_quotes_group_words),
		cmocka_unit_test(cmdline_double_dash_ends_kernel_part),
		cmocka_unit_test(cmdline_any_blank_separates),
		cmocka_unit_test(cmdline_long_values),
		cmocka_unit_test(cmdline_overlong_input_is_truncated),
	};

	return cmocka_run_group_tests_name("lib/cmdline", tests, NULL, NULL);
}
