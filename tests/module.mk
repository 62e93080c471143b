# Everything beyond the kernel image: user programs, images, QEMU boots and
# the test targets.  Included at the end of the top-level Makefile.
include user/module.mk
include tests/qemu/module.mk
-include tests/unit/module.mk
include tests/bench/module.mk
