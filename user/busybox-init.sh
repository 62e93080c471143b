#!/bin/sh
# /init of the busybox initramfs that "make run" boots: mount the usual
# filesystems, then hand the console to an interactive shell.  Each step is
# allowed to fail, so it also gets as far as it can on a young kernel.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "busybox initramfs: $(uname -sr), type 'poweroff' to leave"
# A new session whose leader opens the serial terminal gets it as its
# controlling terminal (/dev/console never becomes one): job control works.
exec setsid sh -c 'exec /bin/sh -l </dev/ttyS0 >/dev/ttyS0 2>&1'
