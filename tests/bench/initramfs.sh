#!/bin/bash
# Build the benchmark initramfs: user/bench/bench-init as /init, the exec
# target and the 500-file tar under /bench, and Debian's static busybox
# with one symlink per applet (the shell workloads).  The same archive
# boots on our kernel and on Debian's Linux.
#
#   tests/bench/initramfs.sh OUTPUT.cpio BIN_DIR TREE.tar
set -euo pipefail

out=${1:?usage: initramfs.sh OUTPUT.cpio BIN_DIR TREE.tar}
bin=${2:?}
tree=${3:?}
here=$(dirname "$0")
busybox=/bin/busybox
if [ ! -x "$busybox" ] || readelf -l "$busybox" | grep -q 'program interpreter'; then
	echo "bench initramfs: no static $busybox (install package busybox-static)" >&2
	exit 1
fi

{
	echo "file /init $bin/bench-init 0755"
	echo "file /bench/true $bin/true 0755"
	echo "file /bench/tree.tar $tree 0644"
	echo "file /bin/busybox $busybox 0755"
	for d in dev proc sys root etc bench; do echo "dir /$d"; done
	echo "dir /tmp 1777"
	echo "chardev /dev/console 5 1"
	echo "chardev /dev/null 1 3 0666"
	"$busybox" --list-full | grep -vx 'bin/busybox' |
		while read -r applet; do echo "symlink /$applet /bin/busybox"; done
} | "$here/../../tools/mkcpio.py" "$out"
