#!/bin/bash
# Install the Debian packages the build and the tests need, and only those
# that are missing.  Safe to run again and again: when everything is present
# it prints one line and touches nothing.  "apt-get update" runs only when
# something has to be installed.
#
# Not installed on purpose: linux-image-amd64.  Debian's kernel is a test
# subject, not part of the host; tools/fetch-linux.sh downloads its .deb and
# unpacks it under build/.
set -euo pipefail

packages=(
	gcc libc6-dev make binutils python3  # the build
	gdb                              # make gdb
	qemu-system-x86                  # every boot
	ovmf                             # UEFI firmware for the ISO test
	grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools  # make iso
	busybox-static cpio              # the initramfs
	musl-tools                       # static user test programs
	e2fsprogs                        # ext2 images (later issues)
	libcmocka-dev                    # host unit tests
	gnuplot-nox                      # make bench: the ratio charts
)

missing=()
for p in "${packages[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all ${#packages[@]} packages present"
	exit 0
fi

echo "deps: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null; then
		echo "deps: not root and no sudo; install these as root:" >&2
		echo "  apt-get install ${missing[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi

# Wait for another apt (unattended-upgrades, a parallel install) instead of
# failing on its lock.
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive
     apt-get -q -o DPkg::Lock::Timeout=600)
"${apt[@]}" update
"${apt[@]}" install -y --no-install-recommends "${missing[@]}"
echo "deps: done"
