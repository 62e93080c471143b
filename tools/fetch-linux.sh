#!/bin/bash
# Fetch Debian's own Linux kernel as a test subject, without installing it:
# "make check-linux" boots the same test initramfs on it, so every
# integration test is proven against real Linux.
#
#   tools/fetch-linux.sh OUTDIR
#
# Resolves the linux-image-amd64 meta package to the real
# linux-image-6.x-amd64 package, downloads that .deb with "apt-get download"
# and unpacks it with "dpkg-deb -x" into OUTDIR/root.  Leaves:
#   OUTDIR/vmlinuz        the bzImage, bootable with qemu -kernel
#   OUTDIR/modules        its /lib/modules/<version> tree (virtio drivers)
#   OUTDIR/version        the package name and version
# Does nothing when OUTDIR/vmlinuz already exists.
set -euo pipefail

out=${1:?usage: fetch-linux.sh OUTDIR}
[ -e "$out/vmlinuz" ] && exit 0

meta=linux-image-amd64
# A fresh container may have empty package lists even with all tools there.
if ! apt-cache show "$meta" >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
	apt-get -q -o DPkg::Lock::Timeout=600 update
fi
if ! apt-cache show "$meta" >/dev/null 2>&1; then
	echo "fetch-linux: apt knows no $meta; run 'sudo apt-get update'" >&2
	exit 1
fi
# "Depends: linux-image-6.1.0-NN-amd64" is the package with the files.
pkg=$(apt-cache depends "$meta" | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }')
if [ -z "$pkg" ]; then
	echo "fetch-linux: cannot resolve $meta to a kernel package" >&2
	exit 1
fi

echo "  FETCH   $pkg (Debian's Linux, for make check-linux)"
rm -rf "$out"
mkdir -p "$out/deb"
# apt-get download writes into the current directory.
(cd "$out/deb" && apt-get download -q "$pkg" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
deb=$(ls "$out"/deb/*.deb 2>/dev/null | head -n1)
if [ -z "$deb" ]; then
	echo "fetch-linux: apt-get download $pkg produced no .deb" >&2
	exit 1
fi
dpkg-deb -x "$deb" "$out/root"

vmlinuz=$(ls "$out"/root/boot/vmlinuz-* | head -n1)
moddir=$(ls -d "$out"/root/lib/modules/* | head -n1)
ln -s "root/lib/modules/$(basename "$moddir")" "$out/modules"
echo "$pkg $(dpkg-deb -f "$deb" Version)" > "$out/version"
rm -rf "$out/deb"
# Last, so an interrupted fetch is retried next time.
cp "$vmlinuz" "$out/vmlinuz"
