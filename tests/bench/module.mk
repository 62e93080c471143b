# Benchmarks side by side with Debian's Linux (docs/benchmarks.md).
#
#   make bench        deps, then every figure on our kernel and on Linux
#                     (PVH ELF and bzImage), both modes; prints the table,
#                     writes $(BUILD)/bench/report.md and the charts
#   make bench BENCH_ARGS="--rounds 5 --modes icount"   runner options
#
# Never part of "make test": speed is measured, not asserted.

BENCH_OUT       := $(BUILD)/bench
BENCH_BIN       := $(BUILD)/user/bench
BENCH_SRCS      := $(filter-out user/bench/true.c,$(sort $(wildcard user/bench/*.c)))
BENCH_INITRAMFS := $(BENCH_OUT)/bench-initramfs.cpio
BENCH_TREE      := $(BENCH_OUT)/tree.tar
VMLINUX         := $(BUILD)/linux/vmlinux
BENCH_ARGS      ?=

.PHONY: bench bench-nodeps bench-initramfs

$(BENCH_BIN)/bench-init: $(BENCH_SRCS) user/bench/bench.h
	@mkdir -p $(dir $@)
	@echo "  USERCC  user/bench/*.c"
	$(Q)$(USER_CC) $(USER_CFLAGS) -D_GNU_SOURCE $(BENCH_SRCS) -o $@

# Stripped: the exec benchmarks load it a few hundred times.
$(BENCH_BIN)/true: user/bench/true.c
	@mkdir -p $(dir $@)
	@echo "  USERCC  $<"
	$(Q)$(USER_CC) $(USER_CFLAGS) -s $< -o $@

$(BENCH_TREE): tests/bench/mktree.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) tests/bench/mktree.py $@

$(BENCH_INITRAMFS): $(BENCH_BIN)/bench-init $(BENCH_BIN)/true $(BENCH_TREE) \
		tests/bench/initramfs.sh tools/mkcpio.py
	@echo "  CPIO    $@"
	$(Q)tests/bench/initramfs.sh $@ $(BENCH_BIN) $(BENCH_TREE)
bench-initramfs: $(BENCH_INITRAMFS)

# The same Linux as the bzImage, as the ELF that QEMU boots through PVH.
$(VMLINUX): $(VMLINUZ) tests/bench/extract_vmlinux.py
	@echo "  EXTRACT $@"
	$(Q)$(PYTHON) tests/bench/extract_vmlinux.py $(VMLINUZ) $@

bench: deps
	$(Q)$(SUBMAKE) bench-nodeps
bench-nodeps: $(KERNEL) $(BENCH_INITRAMFS) $(VMLINUZ) $(VMLINUX)
	$(Q)$(PYTHON) tests/bench/run.py --build $(BUILD) $(BENCH_ARGS)
