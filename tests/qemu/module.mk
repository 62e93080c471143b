# Booting the kernel: the targets a user types (see README.md).
#
#   make deps         install missing Debian packages (tools/deps.sh)
#   make run          deps, build, boot in QEMU with the busybox initramfs
#   make iso          $(BUILD)/osprey.iso, GRUB for BIOS and UEFI
#   make gdb          boot halted under QEMU's gdbstub, gdb attached
#   make test         deps, host unit tests + every QEMU case + check-linux
#   make check-linux  deps, the user tests on Debian's Linux
#   make bench-boot   host wall time from QEMU start to the ready banner
#
# "run", "test" and "check-linux" first run deps, then call make again for
# the real work, so nothing is built before the tools are there.

QEMU      ?= qemu-system-x86_64
CMDLINE   ?= console=ttyS0
GDB_PORT  ?= 1234
GDB_BREAK ?= kernel_main
QEMU_RUN_ARGS ?=

KERNEL     := $(BUILD)/kernel.elf
INITRAMFS  := $(BUILD)/initramfs.cpio
ISO        := $(BUILD)/osprey.iso
KTEST_ISO  := $(BUILD)/osprey-ktest.iso
VMLINUZ    := $(BUILD)/linux/vmlinuz
TEST_LOGS  := $(BUILD)/test-logs
SUBMAKE    := $(MAKE) --no-print-directory BUILD=$(BUILD)

.PHONY: deps run run-nodeps iso gdb test test-nodeps check-linux \
	check-linux-nodeps bench-boot initramfs linux

deps:
	$(Q)tools/deps.sh

$(INITRAMFS): tools/mkinitramfs.sh tools/mkcpio.py user/busybox-init.sh
	@mkdir -p $(BUILD)
	@echo "  CPIO    $@"
	$(Q)tools/mkinitramfs.sh $@
initramfs: $(INITRAMFS)

# Debian's Linux, downloaded once per build directory (not installed).
$(VMLINUZ):
	$(Q)tools/fetch-linux.sh $(dir $@)
linux: $(VMLINUZ)

run: deps
	$(Q)$(SUBMAKE) run-nodeps
run-nodeps: $(KERNEL) $(INITRAMFS)
	@echo "Booting $(KERNEL) with \"$(CMDLINE)\"; quit QEMU with Ctrl-A X"
	$(QEMU) -accel tcg -m 256 -display none -serial mon:stdio -no-reboot \
		-kernel $(KERNEL) -initrd $(INITRAMFS) -append "$(CMDLINE)" $(QEMU_RUN_ARGS)

# Rebuilt every time: the command line may have changed.
iso: $(KERNEL) $(INITRAMFS)
	@echo "  ISO     $(ISO)"
	$(Q)tools/mkiso.sh $(KERNEL) $(INITRAMFS) "$(CMDLINE)" $(ISO)

# The ISO the tests boot: same GRUB, self-tests on the command line.
$(KTEST_ISO): $(KERNEL) $(INITRAMFS) tools/mkiso.sh
	@echo "  ISO     $@"
	$(Q)tools/mkiso.sh $(KERNEL) $(INITRAMFS) "console=ttyS0 ktest=all debug_exit" $@

gdb: $(KERNEL) $(INITRAMFS)
	$(Q)tools/gdb.sh $(KERNEL) $(INITRAMFS) "$(CMDLINE)" $(BUILD)/gdb-serial.log \
		$(GDB_PORT) "$(GDB_BREAK)"

# "make unit" (host unit tests) lives in tests/unit/.  The probe asks make's
# database whether any fragment defines it, so this file works either way.
HAVE_UNIT = $(shell $(SUBMAKE) -pq .probe-unit 2>/dev/null | grep -c '^unit:')

test: deps
	$(Q)$(SUBMAKE) test-nodeps
test-nodeps: $(KERNEL) $(INITRAMFS) $(KTEST_ISO) $(TEST_INITRAMFS) $(VMLINUZ)
	@mkdir -p $(TEST_LOGS)
	$(Q)if [ "$(HAVE_UNIT)" != 0 ]; then \
		{ $(SUBMAKE) unit 2>&1; echo $$? > $(TEST_LOGS)/unit.status; } | tee $(TEST_LOGS)/unit.log; \
		unit="--unit-log $(TEST_LOGS)/unit.log --unit-status $$(cat $(TEST_LOGS)/unit.status)"; \
	else \
		echo "unit: no 'make unit' target yet; host unit tests not run"; unit=; \
	fi; \
	$(PYTHON) tests/qemu/run.py --build $(BUILD) $$unit

check-linux: deps
	$(Q)$(SUBMAKE) check-linux-nodeps
check-linux-nodeps: $(TEST_INITRAMFS) $(VMLINUZ)
	$(Q)$(PYTHON) tests/qemu/run.py --build $(BUILD) linux

bench-boot: $(KERNEL)
	$(Q)$(PYTHON) tests/qemu/bench_boot.py --build $(BUILD) --runs 10
