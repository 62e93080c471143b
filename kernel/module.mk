# kernel/: the core (boot sequence, log, panic, self-tests, interrupts).
KOBJS += kernel/main.o kernel/printk.o kernel/panic.o \
	kernel/ksyms.o kernel/extable.o kernel/irq.o kernel/ktest.o kernel/fault_ktest.o
KOBJS += kernel/sched.o kernel/task.o kernel/wait.o kernel/sched_ktest.o
