# arch/x86_64/: everything that knows it runs on an x86_64 CPU.
KOBJS += arch/x86_64/boot/head.o arch/x86_64/boot/bootinfo.o \
	arch/x86_64/setup.o arch/x86_64/gdt.o arch/x86_64/idt.o \
	arch/x86_64/entry.o arch/x86_64/traps.o arch/x86_64/tsc.o \
	arch/x86_64/smp.o arch/x86_64/smpboot.o arch/x86_64/trampoline.o arch/x86_64/smp_ktest.o arch/x86_64/lapic.o arch/x86_64/power.o arch/x86_64/platform.o arch/x86_64/pic.o \
	arch/x86_64/lib/string.o
KOBJS += arch/x86_64/mmu.o arch/x86_64/mmu_init.o
KOBJS += arch/x86_64/lib/call_on_stack.o
KOBJS += arch/x86_64/lib/uaccess.o
KOBJS += arch/x86_64/switch.o arch/x86_64/task.o arch/x86_64/fpu.o
KOBJS += arch/x86_64/mmu_range.o
KOBJS += arch/x86_64/hpet.o arch/x86_64/ioapic.o
KOBJS += arch/x86_64/syscall.o arch/x86_64/syscall_entry.o arch/x86_64/exec.o arch/x86_64/prctl.o
KOBJS += arch/x86_64/signal.o
KOBJS += arch/x86_64/rtc.o
KOBJS += arch/x86_64/mmu_move.o
