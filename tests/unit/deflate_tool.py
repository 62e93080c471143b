#!/usr/bin/env python3
"""Compress standard input for tests/unit/test_inflate.c with Python's zlib.

  deflate_tool.py raw LEVEL STRATEGY   raw DEFLATE (RFC 1951), no wrapper
  deflate_tool.py raw-set L,S L,S ...  batch mode: the input is a sequence of
                                       records (an 8-byte little-endian length,
                                       then that many bytes); for each record
                                       and each LEVEL,STRATEGY pair, writes the
                                       raw stream as a record
  deflate_tool.py gzip LEVEL           one gzip member made by zlib
  deflate_tool.py gzip-all-flags       a gzip member whose header has FTEXT,
                                       FHCRC, FEXTRA, FNAME and FCOMMENT
  deflate_tool.py crc32                batch mode: for each input record, its
                                       CRC-32 as 4 bytes little-endian

Batch modes exist because starting Python is the slow part of the tests.
STRATEGY is zlib's: 0 default, 1 filtered, 2 Huffman only, 3 RLE, 4 fixed
Huffman codes only.  Level 0 makes stored blocks.
"""
import struct
import sys
import zlib


def raw(data, level, strategy):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return c.compress(data) + c.flush()


def gzip_all_flags(data):
    extra = b"Os\x04\x00test"              # one subfield: id "Os", 4 bytes
    header = b"\x1f\x8b\x08" + bytes([0x01 | 0x02 | 0x04 | 0x08 | 0x10])
    header += struct.pack("<I", 1234567890) + b"\x02\x03"
    header += struct.pack("<H", len(extra)) + extra
    header += b"initramfs.cpio\x00" + b"made by deflate_tool.py\x00"
    header += struct.pack("<H", zlib.crc32(header) & 0xFFFF)
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return header + raw(data, 6, 0) + trailer


def records(data):
    pos = 0
    while pos < len(data):
        (n,) = struct.unpack_from("<Q", data, pos)
        yield data[pos + 8:pos + 8 + n]
        pos += 8 + n


def record(b):
    return struct.pack("<Q", len(b)) + b


def main():
    data = sys.stdin.buffer.read()
    mode = sys.argv[1]
    if mode == "raw":
        out = raw(data, int(sys.argv[2]), int(sys.argv[3]))
    elif mode == "raw-set":
        pairs = [tuple(int(x) for x in p.split(",")) for p in sys.argv[2:]]
        out = b"".join(record(raw(r, level, strategy))
                       for r in records(data) for level, strategy in pairs)
    elif mode == "gzip":
        c = zlib.compressobj(int(sys.argv[2]), zlib.DEFLATED, 31)
        out = c.compress(data) + c.flush()
    elif mode == "gzip-all-flags":
        out = gzip_all_flags(data)
    elif mode == "crc32":
        out = b"".join(struct.pack("<I", zlib.crc32(r)) for r in records(data))
    else:
        sys.exit("unknown mode " + mode)
    sys.stdout.buffer.write(out)


if __name__ == "__main__":
    main()
