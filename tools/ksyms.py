#!/usr/bin/env python3
"""Generate the kernel's embedded symbol table from `nm -n` output.

Reads `nm -n kernel.elf` on stdin and writes GNU assembler source for the
.ksyms section: a sorted array of text-symbol addresses, an array of
offsets into a string blob, and the blob.  kernel/ksyms.c looks addresses
up in it for backtraces.  With --empty it writes a table with no entries
(the first link pass).
"""
import sys

def main():
    entries = []
    if "--empty" not in sys.argv:
        for line in sys.stdin:
            parts = line.split()
            if len(parts) != 3:
                continue
            addr, kind, name = parts
            # _text/_etext bound the section; the function at _text wins.
            if kind not in "tTwW" or name.startswith("ksyms_") or name in ("_text", "_etext"):
                continue
            value = int(addr, 16)
            if value < 0xffffffff80000000:
                continue
            entries.append((value, name))
    entries.sort()
    out = ['\t.section .ksyms, "a"', "\t.balign 8",
           "\t.globl ksyms_count", f"ksyms_count:\n\t.quad {len(entries)}",
           "\t.globl ksyms_addrs", "ksyms_addrs:"]
    out += [f"\t.quad 0x{a:x}" for a, _ in entries]
    out += ["\t.globl ksyms_name_offsets", "ksyms_name_offsets:"]
    offset = 0
    for _, name in entries:
        out.append(f"\t.long {offset}")
        offset += len(name) + 1
    out += ["\t.globl ksyms_names", "ksyms_names:"]
    out += [f'\t.asciz "{name}"' for _, name in entries]
    out.append('\t.section .note.GNU-stack, "", @progbits')
    print("\n".join(out))

if __name__ == "__main__":
    main()
