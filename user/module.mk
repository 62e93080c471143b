# user/: static Linux programs built with musl-gcc, packed into the test
# initramfs.  user/test-init.c becomes /init; each user/tests/NAME.c becomes
# /tests/NAME, one scenario per file.  See tests/qemu/run.py for who reads
# their output.

USER_CC     := musl-gcc
USER_CFLAGS := -std=gnu17 -static -O2 -g -Wall -Wextra -Werror
USER_TESTS  := $(patsubst user/tests/%.c,%,$(sort $(wildcard user/tests/*.c)))
USER_BINS   := $(BUILD)/user/test-init $(addprefix $(BUILD)/user/tests/,$(USER_TESTS))
TEST_INITRAMFS := $(BUILD)/test-initramfs.cpio
# Files some tests exec (user/tests/data/), packed as /utest-data/NAME.
USER_TEST_DATA := user/tests/data/shebang-script user/tests/data/not-elf
# The busybox applet suite (user/applets/README): scripts and Linux's outputs,
# packed as /utest-data/applets/NAME.
USER_APPLET_FILES := $(sort $(wildcard user/applets/*.sh user/applets/*.out))

$(BUILD)/user/%: user/%.c user/tests/utest.h
	@mkdir -p $(dir $@)
	@echo "  USERCC  $<"
	$(Q)$(USER_CC) $(USER_CFLAGS) $< -o $@

# Debian's busybox-static, for the tests that run real programs.
BUSYBOX ?= /bin/busybox

$(addprefix $(BUILD)/user/tests/,$(filter applets_%,$(USER_TESTS))): user/tests/applets_run.h \
	user/tests/fs_util.h

# Dynamically linked programs for exec_dynamic_programs: our musl one
# (user/dyn/), and Debian's glibc env and false, each with its loader and
# libraries at Debian's own paths (what `ldd` lists).
USER_DYN_BINS := $(BUILD)/user/dyn/hello-musl
MUSL_LIBC   ?= /lib/x86_64-linux-musl/libc.so
GLIBC_DIR   ?= /lib/x86_64-linux-gnu

# Debian's coreutils ls, cp and stat (fs_coreutils), with the libraries
# `ldd` lists beyond libc.
COREUTILS_PROGS ?= /bin/ls /bin/cp /usr/bin/stat
COREUTILS_LIBS  := libselinux.so.1 libpcre2-8.so.0 libacl.so.1 libattr.so.1

$(BUILD)/user/dyn/%: user/dyn/%.c
	@mkdir -p $(dir $@)
	@echo "  USERCC  $< (dynamic)"
	$(Q)$(USER_CC) $(filter-out -static,$(USER_CFLAGS)) $< -o $@

$(TEST_INITRAMFS): $(USER_BINS) $(USER_DYN_BINS) $(USER_TEST_DATA) $(USER_APPLET_FILES) \
		tools/mkcpio.py
	@echo "  CPIO    $@"
	$(Q){ echo "file /init $(BUILD)/user/test-init 0755"; \
	  echo "dir /proc"; echo "dir /sys"; echo "dir /tmp 1777"; \
	  echo "chardev /dev/console 5 1"; \
	  for t in $(USER_TESTS); do echo "file /tests/$$t $(BUILD)/user/tests/$$t 0755"; done; \
	  echo "file /utest-data/shebang-script user/tests/data/shebang-script 0755"; \
	  echo "file /utest-data/not-elf user/tests/data/not-elf 0755"; \
	  echo "file /utest-data/no-exec-perm $(BUILD)/user/test-init 0644"; \
	  echo "file /utest-data/busybox $(BUSYBOX) 0755"; \
	  echo "dir /utest-data/applets"; \
	  for f in $(USER_APPLET_FILES); do echo "file /utest-data/applets/$$(basename $$f) $$f 0644"; done; \
	  echo "file /utest-data/hello-musl $(BUILD)/user/dyn/hello-musl 0755"; \
	  echo "file /lib/x86_64-linux-musl/libc.so $(MUSL_LIBC) 0755"; \
	  echo "symlink /lib/ld-musl-x86_64.so.1 x86_64-linux-musl/libc.so"; \
	  echo "file /utest-data/env /usr/bin/env 0755"; \
	  echo "file /utest-data/false /bin/false 0755"; \
	  echo "file $(GLIBC_DIR)/ld-linux-x86-64.so.2 $(GLIBC_DIR)/ld-linux-x86-64.so.2 0755"; \
	  echo "file $(GLIBC_DIR)/libc.so.6 $(GLIBC_DIR)/libc.so.6 0755"; \
	  echo "symlink /lib64/ld-linux-x86-64.so.2 $(GLIBC_DIR)/ld-linux-x86-64.so.2"; \
	  for p in $(COREUTILS_PROGS); do echo "file /utest-data/$$(basename $$p) $$p 0755"; done; \
	  for l in $(COREUTILS_LIBS); do echo "file $(GLIBC_DIR)/$$l $(GLIBC_DIR)/$$l 0755"; done; \
	} | $(PYTHON) tools/mkcpio.py $@

.PHONY: user
user: $(TEST_INITRAMFS)

$(addprefix $(BUILD)/user/tests/,$(filter proc_rseq_%,$(USER_TESTS))): user/tests/rseq_util.h \
	include/uapi/rseq.h
