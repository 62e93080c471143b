/*
 * lib/seq_buf.c: generated text that fits is kept exactly; text that does
 * not is counted as overflow (so /proc retries with a bigger buffer),
 * including the byte vsnprintf would have spent on its NUL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "klib.h"
#include "../../include/seq_buf.h"

static void seq_buf_keeps_text_that_fits(void **state)
{
	char buf[64];
	struct seq_buf s;

	seq_buf_init(&s, buf, sizeof(buf));
	seq_printf(&s, "%s %d", "pid", 42);
	seq_putc(&s, ' ');
	seq_puts(&s, "(sh)");
	seq_write(&s, "\0x", 2);
	assert_false(seq_buf_overflowed(&s));
	assert_int_equal(s.len, 13);
	assert_memory_equal(buf, "pid 42 (sh)\0x", 13);
}

static void seq_buf_counts_overflow(void **state)
{
	char buf[8];
	struct seq_buf s;

	seq_buf_init(&s, buf, sizeof(buf));
	seq_puts(&s, "12345678");		/* exactly full: not an overflow */
	assert_false(seq_buf_overflowed(&s));
	seq_putc(&s, '9');
	assert_true(seq_buf_overflowed(&s));
	assert_memory_equal(buf, "12345678", 8);

	seq_buf_init(&s, buf, sizeof(buf));
	seq_printf(&s, "%s", "1234567");	/* 7 chars + NUL: fits */
	assert_false(seq_buf_overflowed(&s));
	seq_printf(&s, "%c", 'x');		/* fills the last byte, which the NUL needed */
	assert_true(seq_buf_overflowed(&s));
	seq_printf(&s, "%d", 123);		/* nothing left at all */
	assert_true(seq_buf_overflowed(&s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seq_buf_keeps_text_that_fits),
		cmocka_unit_test(seq_buf_counts_overflow),
	};

	return cmocka_run_group_tests_name("seq_buf", tests, NULL, NULL);
}
