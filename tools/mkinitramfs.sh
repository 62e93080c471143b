#!/bin/bash
# Build the interactive initramfs that "make run" boots: Debian's static
# busybox as /bin/busybox, one symlink per applet, and user/busybox-init.sh
# as /init.
#
#   tools/mkinitramfs.sh OUTPUT.cpio
set -euo pipefail

out=${1:?usage: mkinitramfs.sh OUTPUT.cpio}
here=$(dirname "$0")
busybox=/bin/busybox
# A dynamically linked busybox (package "busybox") would find no libc.
if [ ! -x "$busybox" ] || readelf -l "$busybox" | grep -q 'program interpreter'; then
	echo "mkinitramfs: no static $busybox (install package busybox-static)" >&2
	exit 1
fi

{
	echo "file /bin/busybox $busybox 0755"
	echo "file /init $here/../user/busybox-init.sh 0755"
	for d in dev proc sys tmp root etc; do echo "dir /$d"; done
	echo "chardev /dev/console 5 1"
	# --list-full prints paths such as usr/bin/awk; /bin/busybox itself is
	# already there.
	"$busybox" --list-full | grep -vx 'bin/busybox' |
		while read -r applet; do echo "symlink /$applet /bin/busybox"; done
} | "$here/mkcpio.py" "$out"
