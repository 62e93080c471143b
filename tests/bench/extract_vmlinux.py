#!/usr/bin/env python3
"""Extract the ELF vmlinux from a bzImage, to boot Linux through PVH.

    extract_vmlinux.py BZIMAGE OUTPUT

QEMU boots an ELF kernel through its Xen PVH note, and Debian's Linux has
one (CONFIG_PVH=y), but it ships only the bzImage.  A bzImage is the
real-mode setup sectors followed by a small decompressor whose payload is
the compressed vmlinux.  The boot protocol (2.08 and later) says where:

    0x1f1  setup_sects      512-byte setup sectors after the boot sector
                            (0 means 4)
    0x202  "HdrS"           header magic
    0x206  version          boot protocol version
    0x248  payload_offset   from the start of the protected-mode code
    0x24c  payload_length

The payload is decompressed by its own magic: xz and lzma (Debian's
choice is xz), gzip and bzip2 are in Python's standard library; zstd, lz4
and lzo are not, and are refused with a message.  The result must be an
ELF file with a Xen note of type 18 (XEN_ELFNOTE_PHYS32_ENTRY), or
nothing is written.
"""
import bz2
import lzma
import os
import struct
import sys
import zlib

XEN_ELFNOTE_PHYS32_ENTRY = 18


def payload(image):
    if image[0x202:0x206] != b"HdrS":
        raise ValueError("no bzImage header (HdrS) at 0x202")
    version = struct.unpack_from("<H", image, 0x206)[0]
    if version < 0x208:
        raise ValueError(f"boot protocol {version:#x} has no payload fields")
    setup_sects = image[0x1f1] or 4
    offset, length = struct.unpack_from("<II", image, 0x248)
    start = (setup_sects + 1) * 512 + offset
    if start + length > len(image):
        raise ValueError("payload runs past the end of the file")
    return image[start:start + length]


def decompress(data):
    if data.startswith(b"\xfd7zXZ\x00"):
        d = lzma.LZMADecompressor(lzma.FORMAT_XZ)
    elif data.startswith(b"\x5d\x00\x00"):
        d = lzma.LZMADecompressor(lzma.FORMAT_ALONE)
    elif data.startswith(b"\x1f\x8b"):
        d = _Gzip()
    elif data.startswith(b"BZh"):
        d = bz2.BZ2Decompressor()
    else:
        names = {b"\x28\xb5\x2f\xfd": "zstd", b"\x02\x21\x4c\x18": "lz4",
                 b"\x89LZO": "lzo"}
        kind = names.get(data[:4], f"unknown magic {data[:6].hex()}")
        raise ValueError(f"payload is {kind}: not in Python's standard library")
    out = d.decompress(data)
    if not d.eof:
        raise ValueError("payload ends before its compressed stream does")
    return out


class _Gzip:
    """zlib reading one gzip member; like the others it stops at the
    stream's end, ignoring the size Linux appends after it."""

    def __init__(self):
        self.z = zlib.decompressobj(wbits=31)

    def decompress(self, data):
        return self.z.decompress(data)

    @property
    def eof(self):
        return self.z.eof


def has_pvh_note(elf):
    """Walk the program headers' PT_NOTE segments for Xen note 18."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        return False
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    for i in range(phnum):
        ptype, _, offset, _, _, filesz = struct.unpack_from("<IIQQQQ", elf, phoff + i * phentsize)
        if ptype != 4:  # PT_NOTE
            continue
        pos, end = offset, offset + filesz
        while pos + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", elf, pos)
            name = elf[pos + 12:pos + 12 + namesz].rstrip(b"\0")
            if name == b"Xen" and ntype == XEN_ELFNOTE_PHYS32_ENTRY:
                return True
            pos += 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    return False


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    src, dst = sys.argv[1:]
    with open(src, "rb") as f:
        image = f.read()
    try:
        elf = decompress(payload(image))
    except (ValueError, lzma.LZMAError, OSError, EOFError, zlib.error) as e:
        sys.exit(f"extract_vmlinux: {src}: {e}")
    if not has_pvh_note(elf):
        sys.exit(f"extract_vmlinux: {src}: payload is not an ELF with a PVH entry note")
    tmp = dst + ".tmp"
    with open(tmp, "wb") as f:
        f.write(elf)
    os.replace(tmp, dst)


if __name__ == "__main__":
    main()
