# tests/unit/: host unit tests of lib/ with cmocka (Debian libcmocka-dev),
# AddressSanitizer and UBSan.  "make unit" builds and runs every suite,
# prints cmocka's summaries, and fails if any test fails.
#
# lib/ is compiled for the host exactly as written and, as in the kernel,
# freestanding, seeing only include/ (no libc headers).  The functions it
# shares with libc are renamed kern_* (klib_names.h) so that the tests can
# compare them with libc's; its calls to memcpy/memset/memmove, which the
# kernel implements in arch/ assembly, go to libc's on the host.  Test
# sources see libc's headers first and include/ only after them
# (-idirafter), so <string.h> is libc's there.  Tests that need a host
# tool (cpio, gzip, $(PYTHON) with zlib) run it at test time.

UNIT_DIR   := tests/unit
UNIT_BUILD := $(BUILD)/unit
UNIT_CC    ?= gcc

UNIT_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all
UNIT_CFLAGS := -std=gnu17 -O1 -g -fno-omit-frame-pointer $(UNIT_SAN) \
	-Wall -Wextra -Werror -Wno-unused-parameter -Wvla -MMD -MP
UNIT_LIB_CFLAGS  := $(UNIT_CFLAGS) -ffreestanding -Wstrict-prototypes \
	-Wmissing-prototypes -Iinclude -include $(UNIT_DIR)/klib_names.h
UNIT_TEST_CFLAGS := $(UNIT_CFLAGS) -idirafter include \
	-DUNIT_SRC_DIR='"$(CURDIR)/$(UNIT_DIR)"'
UNIT_LDLIBS := -lcmocka

# Every lib/ file is built for the host, tested or not: that keeps lib/
# honest about needing nothing but include/.
UNIT_LIB_SRCS := $(sort $(wildcard lib/*.c))
# Pure-logic kernel files outside lib/ that are host-tested as they are.
UNIT_KERNEL_SRCS := mm/buddy.c
UNIT_SUITES   := format string cmdline cpio inflate buddy rbtree elf pathname seq_buf kmalloc namei

UNIT_LIB_OBJS := $(patsubst %.c,$(UNIT_BUILD)/%.o,$(UNIT_LIB_SRCS) $(UNIT_KERNEL_SRCS))
UNIT_HELPERS  := $(UNIT_BUILD)/$(UNIT_DIR)/unit.o
UNIT_BINS     := $(patsubst %,$(UNIT_BUILD)/test_%,$(UNIT_SUITES))
UNIT_TEST_OBJS := $(patsubst %,$(UNIT_BUILD)/$(UNIT_DIR)/test_%.o,$(UNIT_SUITES)) \
	$(UNIT_HELPERS)

.PHONY: unit unit-build
unit-build: $(UNIT_BINS)

# Run every suite even after a failure, then fail if any did.
unit: $(UNIT_BINS)
	@failed=""; \
	for t in $(UNIT_BINS); do \
		echo "== $$t"; \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 PYTHON="$(PYTHON)" \
			$$t || failed="$$failed $${t##*/}"; \
	done; \
	if [ -n "$$failed" ]; then echo "unit: FAILED:$$failed"; exit 1; fi; \
	echo "unit: all $(words $(UNIT_BINS)) suites passed"

# mm/kmalloc.c needs kernel services (spinlocks, panic, the direct map):
# the unchanged source is built with the stand-ins of $(UNIT_DIR)/kshim/
# in front of include/, for test_kmalloc alone.
UNIT_KSHIM := $(UNIT_DIR)/kshim
$(UNIT_BUILD)/kshim/kmalloc.o: mm/kmalloc.c $(UNIT_DIR)/klib_names.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $< (kshim)"
	$(Q)$(UNIT_CC) -I$(UNIT_KSHIM) $(UNIT_LIB_CFLAGS) -c $< -o $@

$(UNIT_BUILD)/test_kmalloc: $(UNIT_BUILD)/kshim/kmalloc.o
$(UNIT_BUILD)/$(UNIT_DIR)/test_kmalloc.o: UNIT_TEST_CFLAGS += -I$(UNIT_KSHIM)

# The path walk: fs/namei.c and the VFS and tmpfs files it walks over,
# unchanged, with the kshim stand-ins in front of include/; the test
# defines the environment they call (current cred, root, cwd, fds,
# mutexes, kmalloc...), see $(UNIT_KSHIM)/README.
UNIT_NAMEI_SRCS := fs/namei.c fs/dcache.c fs/inode.c fs/permission.c fs/super.c \
	fs/mount.c fs/link.c fs/getname.c fs/d_path.c \
	fs/tmpfs/dir.c fs/tmpfs/namei.c fs/tmpfs/super.c
UNIT_NAMEI_OBJS := $(patsubst %.c,$(UNIT_BUILD)/kshim/%.o,$(UNIT_NAMEI_SRCS))
$(UNIT_NAMEI_OBJS): $(UNIT_BUILD)/kshim/%.o: %.c $(UNIT_DIR)/klib_names.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $< (kshim)"
	$(Q)$(UNIT_CC) -I$(UNIT_KSHIM) $(UNIT_LIB_CFLAGS) -c $< -o $@

# test_namei.c is kernel code too (its stand-ins implement kernel
# interfaces); its host side, which needs libc's headers, is namei_host.c.
UNIT_NAMEI_HOST := $(UNIT_BUILD)/$(UNIT_DIR)/namei_host.o
$(UNIT_BUILD)/test_namei: $(UNIT_NAMEI_OBJS) $(UNIT_NAMEI_HOST)
$(UNIT_BUILD)/$(UNIT_DIR)/test_namei.o: UNIT_TEST_CFLAGS = -I$(UNIT_KSHIM) $(UNIT_LIB_CFLAGS) \
	-Wno-missing-prototypes -I$(UNIT_DIR)
$(UNIT_NAMEI_HOST): $(UNIT_DIR)/namei_host.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(UNIT_CC) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_BUILD)/mm/%.o: mm/%.c $(UNIT_DIR)/klib_names.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(UNIT_CC) $(UNIT_LIB_CFLAGS) -c $< -o $@

$(filter $(UNIT_BUILD)/lib/%,$(UNIT_LIB_OBJS)): $(UNIT_BUILD)/lib/%.o: lib/%.c $(UNIT_DIR)/klib_names.h
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(UNIT_CC) $(UNIT_LIB_CFLAGS) -c $< -o $@

$(UNIT_TEST_OBJS): $(UNIT_BUILD)/$(UNIT_DIR)/%.o: $(UNIT_DIR)/%.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(UNIT_CC) $(UNIT_TEST_CFLAGS) -c $< -o $@

$(UNIT_BINS): $(UNIT_BUILD)/test_%: $(UNIT_BUILD)/$(UNIT_DIR)/test_%.o $(UNIT_HELPERS) $(UNIT_LIB_OBJS)
	@echo "  HOSTLD  $@"
	$(Q)$(UNIT_CC) $(UNIT_SAN) -o $@ $^ $(UNIT_LDLIBS)

-include $(UNIT_LIB_OBJS:.o=.d) $(UNIT_TEST_OBJS:.o=.d) $(UNIT_NAMEI_OBJS:.o=.d) $(UNIT_NAMEI_HOST:.o=.d)
