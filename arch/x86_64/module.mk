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
KOBJS += arch/x86_64/signal.o arch/x86_64/stacktrace.o
KOBJS += arch/x86_64/rtc.o
KOBJS += arch/x86_64/mmu_move.o
KOBJS += arch/x86_64/cpuinfo.o

# The vDSO: a shared object of our own, built position-independent for
# user space, stripped, and embedded in the kernel (vdso/vdso_image.S).
VDSO_DIR := $(BUILD)/arch/x86_64/vdso
VDSO_CFLAGS := -std=gnu17 -O2 -g -fPIC -ffreestanding -fno-builtin -fno-stack-protector \
	-fno-common -fvisibility=hidden -mgeneral-regs-only -Wall -Wextra -Werror \
	-Iarch/x86_64/include -MMD -MP
VDSO_LDFLAGS := -nostdlib -shared -Wl,-T,arch/x86_64/vdso/vdso.lds \
	-Wl,-soname=linux-vdso.so.1 -Wl,--hash-style=both -Wl,--eh-frame-hdr \
	-Wl,-z,max-page-size=4096 -Wl,-z,noexecstack -Wl,--no-undefined -Wl,--build-id=sha1

$(VDSO_DIR)/vclock.o: arch/x86_64/vdso/vclock.c
	@mkdir -p $(dir $@)
	@echo "  VDSOCC  $<"
	$(Q)$(CC) $(VDSO_CFLAGS) -c $< -o $@

# The kernel maps the image as is: it must need no relocation.
$(VDSO_DIR)/vdso.dbg.so: $(VDSO_DIR)/vclock.o arch/x86_64/vdso/vdso.lds
	@echo "  VDSOLD  $@"
	$(Q)$(CC) $(VDSO_LDFLAGS) $< -o $@
	$(Q)if readelf -rW $@ | grep -q R_X86_64; then \
		echo "vdso: the image has relocations"; rm -f $@; exit 1; fi

$(VDSO_DIR)/vdso.so: $(VDSO_DIR)/vdso.dbg.so
	$(Q)$(OBJCOPY) --strip-all $< $@

$(BUILD)/arch/x86_64/vdso/vdso_image.o: arch/x86_64/vdso/vdso_image.S $(VDSO_DIR)/vdso.so
	@echo "  AS      $<"
	$(Q)$(CC) $(KASFLAGS) -DVDSO_IMAGE='"$(VDSO_DIR)/vdso.so"' -c $< -o $@

KOBJS += arch/x86_64/vdso.o arch/x86_64/vdso/vdso_image.o
-include $(VDSO_DIR)/vclock.d
