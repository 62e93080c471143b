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

$(TEST_INITRAMFS): $(USER_BINS) $(USER_TEST_DATA) $(USER_APPLET_FILES) tools/mkcpio.py
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
	} | $(PYTHON) tools/mkcpio.py $@

.PHONY: user
user: $(TEST_INITRAMFS)
