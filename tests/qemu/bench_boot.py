#!/usr/bin/env python3
"""Boot-time benchmark: host wall time from QEMU start to the kernel's
first serial byte and to its "ready" banner, over several boots.

    bench_boot.py [--build DIR] [--runs N] [--icount] [-- QEMU ARGS...]

Prints median, minimum and maximum; nothing is asserted (DESIGN.md:
speed is measured, not tested).  The kernel's own "ready in N us" figure
is printed too.  By default the guest runs in plain TCG, as "make run"
does; --icount makes guest time count instructions instead.
"""
import argparse
import os
import re
import statistics
import sys

from checks import BANNER
from machine import Machine, boot


def line(label, values, unit="s", scale=1.0, fmt="{:.3f}"):
    if not values:
        print(f"  {label:22} no data")
        return
    v = [x * scale for x in values]
    f = lambda x: fmt.format(x) + " " + unit
    print(f"  {label:22} median {f(statistics.median(v))}   "
          f"min {f(min(v))}   max {f(max(v))}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--icount", action="store_true")
    ap.add_argument("qemu_args", nargs="*")
    args = ap.parse_args()

    kernel = os.path.join(args.build, "kernel.elf")
    m = Machine(kernel=kernel, cmdline="console=ttyS0", icount=args.icount,
                qemu_args=args.qemu_args, timeout=60, stop_at=BANNER, stop_grace=0)
    first, banner, own = [], [], []
    for _ in range(args.runs):
        out = boot(m, time_patterns=[BANNER])
        if out.first_byte is not None:
            first.append(out.first_byte)
        if BANNER in out.marks:
            banner.append(out.marks[BANNER])
        found = re.search(r"ready in (\d+) us", out.log)
        if found:
            own.append(int(found.group(1)))
    print(f"bench-boot: {kernel} via PVH, TCG{' -icount' if args.icount else ''}, "
          f"{args.runs} boots, host wall time from QEMU start")
    line("first serial byte", first)
    line("ready banner", banner)
    line("kernel's own figure", own, unit="us", fmt="{:.0f}")
    if len(banner) < args.runs:
        print(f"  ({args.runs - len(banner)} boots never reached the banner)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
