#!/usr/bin/env python3
"""Write a cpio "newc" archive (the initramfs format) from a list of entries.

    mkcpio.py OUTPUT < LIST

Each line of LIST is one entry; '#' starts a comment:

    dir      PATH [MODE]                 a directory (mode 0755)
    file     PATH SOURCE [MODE]          a copy of host file SOURCE (its mode)
    symlink  PATH TARGET                 a symbolic link
    chardev  PATH MAJOR MINOR [MODE]     a character device node (mode 0600)

Paths are absolute inside the archive.  Missing parent directories are added
with mode 0755.  Every entry is owned by root and dated 0, so the same input
gives the same bytes, and no host privileges are needed to make /dev/console.

The newc layout: each entry is a 110-byte ASCII header ("070701" and 13
eight-digit hex fields), the NUL-terminated name padded to 4 bytes, then the
data padded to 4 bytes.  The archive ends with an entry named "TRAILER!!!".
"""
import os
import stat
import sys


def header(ino, mode, nlink, size, name, rdev=(0, 0)):
    fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0, rdev[0], rdev[1],
              len(name) + 1, 0]
    return b"070701" + b"".join(b"%08x" % f for f in fields)


def pad4(n):
    return b"\0" * (-n % 4)


class Archive:
    def __init__(self):
        self.out = bytearray()
        self.seen = set()
        self.ino = 1

    def add(self, path, mode, data=b"", nlink=1, rdev=(0, 0)):
        name = path.strip("/").encode()
        if name in self.seen:
            raise ValueError(f"{path}: listed twice")
        self.seen.add(name)
        self.ino += 1
        hdr = header(self.ino, mode, nlink, len(data), name, rdev)
        self.out += hdr + name + b"\0" + pad4(len(hdr) + len(name) + 1)
        self.out += data + pad4(len(data))

    def parents(self, path):
        parts = path.strip("/").split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            if d.encode() not in self.seen:
                self.add(d, stat.S_IFDIR | 0o755, nlink=2)

    def finish(self):
        hdr = header(0, 0, 1, 0, b"TRAILER!!!")
        self.out += hdr + b"TRAILER!!!\0" + pad4(len(hdr) + 11)
        self.out += pad4(len(self.out))
        return bytes(self.out)


def add_entry(arc, words):
    kind, path, args = words[0], words[1], words[2:]
    arc.parents(path)
    if kind == "dir":
        if path.strip("/").encode() in arc.seen:
            return  # already added as a parent
        mode = int(args[0], 8) if args else 0o755
        arc.add(path, stat.S_IFDIR | mode, nlink=2)
    elif kind == "file":
        with open(args[0], "rb") as f:
            data = f.read()
        mode = int(args[1], 8) if len(args) > 1 else \
            stat.S_IMODE(os.stat(args[0]).st_mode)
        arc.add(path, stat.S_IFREG | mode, data)
    elif kind == "symlink":
        arc.add(path, stat.S_IFLNK | 0o777, args[0].encode())
    elif kind == "chardev":
        mode = int(args[2], 8) if len(args) > 2 else 0o600
        arc.add(path, stat.S_IFCHR | mode, rdev=(int(args[0]), int(args[1])))
    else:
        raise ValueError(f"unknown entry kind {kind!r}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    arc = Archive()
    for lineno, line in enumerate(sys.stdin, 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        try:
            add_entry(arc, words)
        except (ValueError, IndexError, OSError) as e:
            sys.exit(f"mkcpio: line {lineno}: {e}")
    tmp = sys.argv[1] + ".tmp"
    with open(tmp, "wb") as f:
        f.write(arc.finish())
    os.replace(tmp, sys.argv[1])


if __name__ == "__main__":
    main()
