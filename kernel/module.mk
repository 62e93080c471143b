# kernel/: the core (boot sequence, log, panic, self-tests, interrupts).
KOBJS += kernel/main.o kernel/printk.o kernel/panic.o \
	kernel/ksyms.o kernel/extable.o kernel/irq.o kernel/ktest.o kernel/fault_ktest.o
KOBJS += kernel/sched.o kernel/task.o kernel/wait.o kernel/sched_ktest.o kernel/mutex.o
KOBJS += kernel/timer.o
KOBJS += kernel/exit.o kernel/syscall.o kernel/syscall_names.o kernel/sys_info.o \
	kernel/exec.o kernel/random.o kernel/reboot.o \
	kernel/pid.o kernel/fork.o kernel/sys_proc.o
KOBJS += kernel/initrd.o
KOBJS += kernel/signal.o kernel/signal_deliver.o kernel/sys_signal.o
KOBJS += kernel/ktimer.o kernel/time_sys.o kernel/itimer.o kernel/cred.o kernel/sys_misc.o kernel/futex.o
KOBJS += kernel/smp_ktest.o
KOBJS += kernel/poll.o kernel/poll_ktest.o
KOBJS += kernel/coredump.o
KOBJS += kernel/priority.o kernel/capability.o
KOBJS += kernel/syslog.o
KOBJS += kernel/loadavg.o
KOBJS += kernel/cpu_sysfs.o
KOBJS += kernel/printk_ktest.o
KOBJS += kernel/sysrq.o kernel/task_dump.o
KOBJS += kernel/rseq.o
