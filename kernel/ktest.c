/* The self-test runner: select tests by the "ktest=" option and report. */
#include <cmdline.h>
#include <ktest.h>
#include <string.h>

extern const struct ktest __ktest_start[], __ktest_end[];

/* Is name in the comma-separated list? "all" selects every non-fault test. */
static bool selected(const char *list, const char *name)
{
	size_t n = strlen(name);

	if (strcmp(list, "all") == 0)
		return strncmp(name, "fault_", 6) != 0;
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && strncmp(p, name, n) == 0)
			return true;
		if (!comma)
			break;
		p = comma + 1;
	}
	return false;
}

void ktest_run_selected(void)
{
	char list[256];
	const char *opt = cmdline_get("ktest");
	int passed = 0, failed = 0;

	if (!opt)
		return;
	strlcpy(list, opt, sizeof(list));
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (!selected(list, t->name))
			continue;
		printk("ktest %s: start\n", t->name);
		if (t->fn() == 0) {
			printk("ktest %s: PASS\n", t->name);
			passed++;
		} else {
			printk("ktest %s: FAIL\n", t->name);
			failed++;
		}
	}
	printk("ktest: %d passed, %d failed\n", passed, failed);
}
