#!/bin/sh
# /init of the busybox initramfs that "make run" boots: mount the usual
# filesystems, then hand the console to an interactive shell.  Each step is
# allowed to fail, so it also gets as far as it can on a young kernel.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "busybox initramfs: $(uname -sr), type 'poweroff' to leave"
# setsid + cttyhack give the shell a controlling terminal: job control works.
exec setsid cttyhack /bin/sh -l
