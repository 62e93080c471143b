# Top-level build.  One entry point; each directory contributes a small
# module.mk fragment that appends its objects to KOBJS (kernel) or to the
# host-test lists.  Everything generated lands in $(BUILD).

BUILD   ?= build
ARCH    := x86_64
CC      := gcc
LD      := ld
OBJCOPY := objcopy
NM      := nm
PYTHON  ?= python3
# "make V=1" shows full commands.
Q := $(if $(V),,@)

KCFLAGS := -std=gnu17 -O2 -g -ffreestanding -fno-builtin-printf \
	-mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx -mno-80387 \
	-mcmodel=kernel -fno-pic -fno-pie -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-fstack-protector-strong -mstack-protector-guard=global \
	-fno-common -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wstrict-prototypes -Wmissing-prototypes -Wvla \
	-Iinclude -Iarch/$(ARCH)/include -MMD -MP
KASFLAGS := $(filter-out -std=gnu17,$(KCFLAGS)) -D__ASSEMBLY__
KLDFLAGS := -nostdlib -z max-page-size=4096 -z noexecstack --no-warn-rwx-segments

KOBJS :=
# Fragments may define rules (arch/x86_64's builds the vDSO); the goal stays "all".
.DEFAULT_GOAL := all

include arch/$(ARCH)/module.mk
include kernel/module.mk
include mm/module.mk
include lib/module.mk
include drivers/module.mk
include fs/module.mk
include net/module.mk

KOBJS := $(addprefix $(BUILD)/,$(KOBJS))
LDSCRIPT := arch/$(ARCH)/kernel.ld

.PHONY: all kernel clean
all: kernel
kernel: $(BUILD)/kernel.elf

# Objects depend on the compiler flags: a changed flag rebuilds everything.
FLAGS_STAMP := $(BUILD)/flags.stamp
$(shell mkdir -p $(BUILD) && echo '$(KCFLAGS)' | cmp -s - $(FLAGS_STAMP) || echo '$(KCFLAGS)' > $(FLAGS_STAMP))

$(BUILD)/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S $(FLAGS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

# The symbol table for backtraces is linked in last (see kernel.ld), so the
# second link moves no other symbol.  Pass 1 links with an empty table, the
# table is generated from pass 1, pass 2 links it in, and the check below
# proves the two passes agree on every address.
$(BUILD)/ksyms0.o: tools/ksyms.py
	@mkdir -p $(BUILD)
	$(Q)$(PYTHON) tools/ksyms.py --empty > $(BUILD)/ksyms0.S
	$(Q)$(CC) $(KASFLAGS) -c $(BUILD)/ksyms0.S -o $@

$(BUILD)/kernel.pass1.elf: $(KOBJS) $(BUILD)/ksyms0.o $(LDSCRIPT)
	$(Q)$(LD) $(KLDFLAGS) -T $(LDSCRIPT) -o $@ $(KOBJS) $(BUILD)/ksyms0.o

$(BUILD)/ksyms.o: $(BUILD)/kernel.pass1.elf tools/ksyms.py
	$(Q)$(NM) -n $< | $(PYTHON) tools/ksyms.py > $(BUILD)/ksyms.S
	$(Q)$(CC) $(KASFLAGS) -c $(BUILD)/ksyms.S -o $@

$(BUILD)/kernel.elf: $(KOBJS) $(BUILD)/ksyms.o $(LDSCRIPT)
	@echo "  LD      $@"
	$(Q)$(LD) $(KLDFLAGS) -T $(LDSCRIPT) -o $@ $(KOBJS) $(BUILD)/ksyms.o
	@$(NM) -n $(BUILD)/kernel.pass1.elf | grep -v ' ksyms_\| _kernel_end$$' > $(BUILD)/syms1.txt
	@$(NM) -n $@ | grep -v ' ksyms_\| _kernel_end$$' > $(BUILD)/syms2.txt
	@cmp -s $(BUILD)/syms1.txt $(BUILD)/syms2.txt || \
		{ echo "ksyms: symbol addresses moved between link passes"; rm -f $@; exit 1; }

clean:
	rm -rf $(BUILD)

-include $(KOBJS:.o=.d)
-include tests/module.mk
