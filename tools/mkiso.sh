#!/bin/bash
# Build a GRUB rescue ISO that boots the kernel through Multiboot2 on BIOS
# (SeaBIOS) and on UEFI (OVMF): grub-mkrescue puts both GRUB flavours on it.
#
#   tools/mkiso.sh KERNEL INITRD "CMDLINE" OUTPUT.iso
#
# GRUB loads the kernel with "multiboot2" and the initramfs with "module2";
# the kernel finds the initramfs as the first Multiboot2 module.
set -euo pipefail

kernel=${1:?usage: mkiso.sh KERNEL INITRD CMDLINE OUTPUT.iso}
initrd=${2:?}
cmdline=${3:?}
out=${4:?}

tree=$out.d
rm -rf "$tree"
mkdir -p "$tree/boot/grub"
cp "$kernel" "$tree/boot/kernel.elf"
cp "$initrd" "$tree/boot/initramfs.cpio"
cat > "$tree/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
# Video drivers, so the kernel gets a framebuffer on UEFI (GOP) too.
insmod all_video
menuentry "Osprey" {
	multiboot2 /boot/kernel.elf $cmdline
	module2 /boot/initramfs.cpio initramfs
	boot
}
CFG
# grub-mkrescue is chatty on success; show its output only on failure.
if ! log=$(grub-mkrescue -o "$out.tmp" "$tree" 2>&1); then
	echo "$log" >&2
	exit 1
fi
mv "$out.tmp" "$out"
rm -rf "$tree"
