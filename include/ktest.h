/*
 * In-kernel self-tests, for what host unit tests cannot reach (paging,
 * traps, devices).  Define one with KTEST(name) { ... }; it returns 0 on
 * success or a negative number on failure, and may print with ktest_fail().
 * Boot with "ktest=all" or "ktest=name1,name2" to run them; each result is
 * one line "ktest <name>: PASS|FAIL" and a final "ktest: N passed, M failed".
 * Tests whose name starts with "fault_" deliberately crash the kernel and
 * only run when named explicitly (one per boot).
 */
#ifndef KTEST_H
#define KTEST_H

#include <compiler.h>
#include <printk.h>

struct ktest {
	const char *name;
	int (*fn)(void);
};

#define KTEST(n)							\
	static int ktest_##n(void);					\
	static const struct ktest ktest_entry_##n			\
		__section(".ktest") __used = { #n, ktest_##n };		\
	static int ktest_##n(void)

#define KTEST_EXPECT(cond)						\
	do {								\
		if (!(cond)) {						\
			printk(KERN_ERR "ktest: %s:%d: expected %s\n",	\
			       __FILE__, __LINE__, #cond);		\
			return -1;					\
		}							\
	} while (0)

/* Run the tests named by the "ktest=" boot option, if any. */
void ktest_run_selected(void);

#endif
