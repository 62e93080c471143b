#!/bin/sh
# /init of the busybox initramfs that "make run" boots: mount the usual
# filesystems, then let busybox init run an interactive shell on the serial
# console.  Each step is allowed to fail, so it also gets as far as it can
# on a young kernel.
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
hostname osprey
echo "busybox initramfs: $(uname -sr), type 'poweroff' to leave"
# Why busybox init and not "exec setsid sh" here:
#  - the shell must not be process 1.  Linux treats the children of init as
#    having no parent in their session, so every job of a shell running as
#    init is an orphaned process group, for which ^Z (SIGTSTP) is discarded
#    (POSIX), and a shell that is init ignores the poweroff signal;
#  - started with "&" from this script instead, the shell would inherit
#    SIGINT and SIGQUIT ignored (POSIX, for background commands without job
#    control), and ^C would stop nothing.
# busybox init starts the shell in a new session with default signals and
# /dev/ttyS0 as its controlling terminal (so job control works), starts a
# new one when it exits, and powers off on "poweroff".
# Users (/etc/passwd and /etc/shadow come from tools/mkinitramfs.sh):
# root and an unprivileged "user" (uid 1000) with a home; the passwords
# are root and user.  Root's su needs no password; user's su asks.
# Pseudo-terminals as Debian mounts them: slaves in group tty, writable by
# it (write/wall; tools/mkinitramfs.sh makes group tty 5), and /dev/pts/ptmx unused (/dev/ptmx is the way in).
mkdir -p /dev/pts
mount -t devpts -o nosuid,noexec,gid=5,mode=620,ptmxmode=000 devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mkdir -p /home/user
chown 1000:1000 /home/user
cat > /etc/inittab <<'TAB'
ttyS0::respawn:-/bin/sh
TAB
exec /sbin/init
