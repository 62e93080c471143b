#!/usr/bin/env python3
"""Write the tar archive the untar/rm benchmark extracts: 500 small files.

    mktree.py OUTPUT.tar

20 directories of 25 files each, sizes spread between 100 bytes and about
4 KiB, contents made from the file's index.  Owner root, time stamp 0 and
the ustar format, so the same script always gives the same bytes, and
busybox tar reads it without extensions.
"""
import io
import os
import sys
import tarfile

DIRS = 20
FILES_PER_DIR = 25      # 500 files in all (bench_shell.c checks the count)


def member(name, kind, size=0, mode=0o644):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = size
    info.mode = mode
    info.mtime = 0
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    tmp = sys.argv[1] + ".tmp"
    with tarfile.open(tmp, "w", format=tarfile.USTAR_FORMAT) as tar:
        for d in range(DIRS):
            tar.addfile(member(f"tree/d{d:02}", tarfile.DIRTYPE, mode=0o755))
            for f in range(FILES_PER_DIR):
                n = d * FILES_PER_DIR + f
                size = 100 + (n * 97) % 4000
                data = (f"file {n} ".encode() * (size // 6 + 1))[:size]
                tar.addfile(member(f"tree/d{d:02}/f{f:02}", tarfile.REGTYPE, size),
                            io.BytesIO(data))
    os.replace(tmp, sys.argv[1])


if __name__ == "__main__":
    main()
