/*
 * Self-tests of the log ring (kernel/printk.c): one record per line with
 * its level, a line without '\n' stays open (invisible to readers) until
 * a later printk ends it, one message with two lines makes two records,
 * and the syslog format of a record.
 */
#include <errno.h>
#include <ktest.h>
#include <printk.h>
#include <string.h>

static bool record_is(u64 seq, int level, const char *text)
{
	char buf[PRINTK_LINE_MAX];
	struct printk_record r;

	if (printk_record_get(seq, &r, buf, sizeof(buf)))
		return false;
	return r.seq == seq && r.level == level && r.facility == 0 &&
	       r.len == strlen(text) && memcmp(buf, text, r.len) == 0;
}

KTEST(printk_records_and_continuation)
{
	struct printk_record r;
	char buf[PRINTK_LINE_MAX], line[PRINTK_LINE_MAX + 48];
	u64 first, start, end;
	int n;

	printk_seq_range(&first, &start);
	printk(KERN_NOTICE "ktest-log one\n");
	printk(KERN_WARNING "ktest-log two ");
	printk_seq_range(&first, &end);
	KTEST_EXPECT(end == start + 1);		/* "two" is still open */
	printk("and a half\n");
	printk(KERN_ERR "ktest-log three\nktest-log four\n");
	printk_seq_range(&first, &end);
	KTEST_EXPECT(end == start + 4);
	KTEST_EXPECT(record_is(start, 5, "ktest-log one"));
	KTEST_EXPECT(record_is(start + 1, 4, "ktest-log two and a half"));
	KTEST_EXPECT(record_is(start + 2, 3, "ktest-log three"));
	KTEST_EXPECT(record_is(start + 3, 3, "ktest-log four"));
	KTEST_EXPECT(printk_record_get(end, &r, buf, sizeof(buf)) == -EAGAIN);
	KTEST_EXPECT(first == 0 || printk_record_get(first - 1, &r, buf, sizeof(buf)) == -EPIPE);

	KTEST_EXPECT(printk_record_get(start, &r, buf, sizeof(buf)) == 0);
	n = printk_format_syslog(&r, buf, line, sizeof(line));
	KTEST_EXPECT(n > 0 && line[0] == '<' && line[1] == '5' && line[2] == '>' && line[3] == '[');
	KTEST_EXPECT(memcmp(line + n - 16, "] ktest-log one\n", 16) == 0);
	return 0;
}
