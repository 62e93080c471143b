#!/bin/bash
# Build the interactive initramfs that "make run" boots: Debian's static
# busybox as /bin/busybox, one symlink per applet, the users' /etc files,
# and user/busybox-init.sh as /init.
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

# The users (README.md): root and an unprivileged "user" (uid 1000), whose
# passwords are their names.  The hashes are made here with busybox's
# mkpasswd (SHA-512 crypt); a fixed salt keeps the image the same from
# build to build.
etc=$(mktemp -d)
trap 'rm -rf "$etc"' EXIT
hash() { "$busybox" mkpasswd -m sha512 -S "osprey.$1" "$1"; }
cat > "$etc/passwd" <<PW
root:x:0:0:root:/root:/bin/sh
user:x:1000:1000:Unprivileged user:/home/user:/bin/sh
PW
cat > "$etc/group" <<GR
root:x:0:
tty:x:5:
user:x:1000:
GR
cat > "$etc/shadow" <<SH
root:$(hash root):19000:0:99999:7:::
user:$(hash user):19000:0:99999:7:::
SH

{
	# Set-user-ID root, as su needs; busybox drops the privilege for
	# every applet that does not need it.
	echo "file /bin/busybox $busybox 04755"
	echo "file /etc/passwd $etc/passwd 0644"
	echo "file /etc/group $etc/group 0644"
	echo "file /etc/shadow $etc/shadow 0600"
	echo "file /init $here/../user/busybox-init.sh 0755"
	for d in dev proc sys tmp etc; do echo "dir /$d"; done
	echo "dir /root 0700"
	echo "chardev /dev/console 5 1"
	# --list-full prints paths such as usr/bin/awk; /bin/busybox itself is
	# already there.
	"$busybox" --list-full | grep -vx 'bin/busybox' |
		while read -r applet; do echo "symlink /$applet /bin/busybox"; done
} | "$here/mkcpio.py" "$out"
