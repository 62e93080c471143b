/*
 * The end of the line for kernel errors.  Only the first CPU to panic
 * reports; any other CPU that panics at the same time just stops.
 */
#include <panic.h>
#include <cmdline.h>
#include <time.h>
#include <arch/cpu.h>

static int panicking;

void panic_finish(void)
{
	long seconds = 0;

	arch_debug_exit(1);
	if (cmdline_get_long("panic", &seconds) && seconds != 0) {
		if (seconds > 0) {
			pr_emerg("Rebooting in %ld seconds..\n", seconds);
			udelay((u64)seconds * 1000000);
		}
		arch_reboot();
	}
	arch_halt_forever();
}

void panic_enter(void)
{
	arch_irq_disable();
	if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST))
		arch_halt_forever();
	arch_stop_other_cpus();
	printk_emergency_mode();
}

void panic(const char *fmt, ...)
{
	va_list ap;

	panic_enter();
	printk(KERN_EMERG "Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	printk(KERN_EMERG "Call Trace:\n");
	arch_print_backtrace((unsigned long)__builtin_frame_address(0));
	printk(KERN_EMERG "---[ end Kernel panic ]---\n");
	panic_finish();
}

/* -fstack-protector-strong: a function's canary was overwritten. */
unsigned long __stack_chk_guard = 0x595e9fbd94fda766ul;

void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	panic("stack-protector: kernel stack is corrupted in %p",
	      __builtin_return_address(0));
}
