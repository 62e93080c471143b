/*
 * Deliberate kernel faults, one per boot ("ktest=fault_pf" etc.): each
 * must end in a report naming the exception, the registers and a
 * backtrace through the faulting function, and then a clean stop.  The
 * QEMU test runner checks the reports.  "ktest=all" skips these.
 */
#include <kmalloc.h>
#include <ktest.h>
#include <panic.h>
#include <vmalloc.h>
#include <arch/cpu.h>

/* Addresses hidden from the optimizer, which would otherwise reject them. */
static volatile unsigned long unmapped_addr = 0x10;
static volatile unsigned long noncanonical_addr = 0x8000000000000000ul;

KTEST(fault_pf)
{
	return (int)*(volatile u64 *)unmapped_addr;	/* nothing is mapped there */
}

KTEST(fault_gp)
{
	return (int)*(volatile u64 *)noncanonical_addr;
}

KTEST(fault_ud)
{
	__builtin_trap();			/* ud2 */
}

KTEST(fault_de)
{
	volatile int dividend = 100, zero = 0;

	return dividend / zero;
}

KTEST(fault_panic)
{
	panic("ktest: deliberate panic");
}

KTEST(fault_double_free)
{
	void *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
	kfree(p);
	return -1;
}

KTEST(fault_foreign_free)
{
	static u64 not_from_kmalloc[4];

	kfree(&not_from_kmalloc[1]);
	return -1;
}

/* Each frame keeps 256 bytes live so the compiler cannot fold the recursion. */
static __noinline int recurse_forever(int depth)
{
	volatile char pad[256];

	if (depth < 0)		/* never: the guard page stops us first */
		return 0;
	pad[depth & 255] = (char)depth;
	return recurse_forever(depth + 1) + pad[(depth + 1) & 255];
}

static void overflow(void)
{
	recurse_forever(0);
}

KTEST(fault_stack_overflow)
{
	void *stack = kstack_alloc(16384);

	KTEST_EXPECT(stack != NULL);
	arch_call_on_stack((char *)stack + 16384, overflow);
	return -1;
}
