/*
 * panic: report an unrecoverable kernel error and stop.  The report names
 * the cause, the CPU and a symbolized backtrace; all CPUs are stopped.
 * Then, as on Linux, "panic=N" reboots after N seconds (N < 0: at once),
 * and under test (the "debug_exit" boot option) QEMU exits with failure.
 */
#ifndef PANIC_H
#define PANIC_H

#include <compiler.h>
#include <printk.h>

void panic(const char *fmt, ...) __noreturn __printf(1, 2);

/*
 * For reports printed by other code (the trap handler's register dump):
 * panic_enter() makes this CPU the only reporter and quiets the others;
 * panic_finish() then stops, reboots or exits QEMU as panic() would.
 */
void panic_enter(void);
void panic_finish(void) __noreturn;

#define BUG_ON(cond)							\
	do {								\
		if (unlikely(cond))					\
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
	} while (0)

/* Warn once per call site and carry on (STYLE.md b.17). */
#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	bool __c = (cond);						\
	if (unlikely(__c) && !__warned) {				\
		__warned = true;					\
		pr_warn("WARNING: %s at %s:%d\n", #cond, __FILE__, __LINE__); \
	}								\
	__c;								\
})

#endif
