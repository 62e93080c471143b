#!/usr/bin/env python3
"""Benchmarks side by side with Linux: boot each kernel with the benchmark
initramfs, alternating, in two modes, and report every figure as median,
min and max per kernel and as the ratio ours / Linux.

    run.py [--build DIR] [--rounds N] [--modes icount,wall]
           [--kernels osprey,linux-pvh,linux-bzimage] [--no-static]
           [--report-only]

The kernels: our build/kernel.elf (PVH), and Debian's Linux, the same
linux-image-amd64 as "make check-linux", booted twice: as the ELF vmlinux
through PVH (build/linux/vmlinux, extracted by extract_vmlinux.py) and as
its bzImage.  All get the same initramfs (build/bench/bench-initramfs.cpio,
user/bench/), command line, -m and QEMU options; always -accel tcg with the
default CPU model.

The modes: "icount" runs QEMU with -icount shift=0,sleep=off, so guest time
counts executed instructions (1 ns each) and repeats run after run; "wall"
is plain TCG, timed by the host's clock, noisy.  Each round boots every
kernel once per mode (A B C, A B C, ...), so slow drifts of the host hit
all kernels alike.

Static figures, measured once per kernel: image sizes, kernel memory from
the boot log's "Memory:" line (a boot without "quiet"), and the smallest
-m that still reaches /init (bisection).

Writes DIR/bench/results.json, DIR/bench/report.md with charts
(report.py), and each boot's serial log under DIR/bench/logs/; prints the
tables.  Nothing is asserted: a figure our kernel cannot run yet is
reported as unsupported, and the exit status is 0 unless the runner
itself could not work (missing files, no Linux result at all).
"""
import argparse
import json
import os
import select
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "qemu"))
from machine import Machine, clean_text, command  # noqa: E402

import figures as fig  # noqa: E402
import report  # noqa: E402

MEMORY_MIB = 512
CMDLINE = "console=ttyS0 quiet panic=-1"
VERBOSE_CMDLINE = "console=ttyS0 panic=-1"     # for the "Memory:" line
BOOT_TIMEOUT = 600      # seconds for one whole benchmark boot
IDLE_TIMEOUT = 90       # ... or this long without a byte of output
DONE_GRACE = 15         # after BENCH-DONE, time to power off
MODES = ("icount", "wall")


@dataclass
class Subject:
    name: str           # column title
    kernel: str         # image for -kernel
    ours: bool


def subjects(build):
    return [Subject("osprey", os.path.join(build, "kernel.elf"), True),
            Subject("linux-pvh", os.path.join(build, "linux", "vmlinux"), False),
            Subject("linux-bzimage", os.path.join(build, "linux", "vmlinuz"), False)]


@dataclass
class Boot:
    log: str
    stopped_by: str         # "done", "exit", "timeout", "idle", "init"
    init_seconds: float     # host time from QEMU start to BENCH-INIT, or None
    seconds: float


def run_qemu(machine, stop_at_init=False, idle=IDLE_TIMEOUT):
    """Boot machine; return a Boot.  Stops at BENCH-DONE (plus a grace for
    the power-off), at the first /init line if stop_at_init, when QEMU
    exits, after machine.timeout, or after idle seconds without output."""
    with tempfile.TemporaryDirectory() as scratch:
        start = time.monotonic()
        proc = subprocess.Popen(command(machine, scratch), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        raw, init_at, stopped_by = bytearray(), None, None
        last_output, deadline = start, start + machine.timeout
        fd = proc.stdout.fileno()
        while stopped_by is None:
            now = time.monotonic()
            if now >= deadline:
                stopped_by = "timeout" if b"BENCH-DONE" not in raw else "done"
                break
            if now - last_output >= idle:
                stopped_by = "idle"
                break
            ready, _, _ = select.select([fd], [], [], min(1.0, deadline - now))
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                stopped_by = "done" if b"BENCH-DONE" in raw else "exit"
                break
            last_output = time.monotonic()
            old_len = len(raw)
            raw += chunk
            if init_at is None and b"BENCH-INIT" in raw[max(0, old_len - 16):]:
                init_at = last_output - start
                if stop_at_init:
                    stopped_by = "init"
            if b"BENCH-DONE" in raw[max(0, old_len - 16):]:
                deadline = min(deadline, last_output + DONE_GRACE)
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        # Drain what QEMU wrote before it ended.
        rest = proc.stdout.read()
        raw += rest or b""
        proc.stdout.close()
    return Boot(clean_text(bytes(raw)), stopped_by, init_at, time.monotonic() - start)


def machine_for(subject, initrd, mode, memory=MEMORY_MIB, cmdline=CMDLINE, timeout=BOOT_TIMEOUT):
    return Machine(kernel=subject.kernel, initrd=initrd, cmdline=cmdline,
                   memory=str(memory), icount=(mode == "icount"), timeout=timeout)


def save_log(out, name, boot):
    path = os.path.join(out, "logs", name + ".log")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(boot.log)
        f.write(f"\n[bench runner: stopped by {boot.stopped_by} after {boot.seconds:.1f} s]\n")


def bench_boot(subject, initrd, mode, out, tag):
    """One benchmark boot: its figures as {name: Cell}, plus info lines."""
    boot = run_qemu(machine_for(subject, initrd, mode))
    save_log(out, f"{mode}-{subject.name}-{tag}", boot)
    cells, tsc, info = fig.parse_log(boot.log, boot.stopped_by)
    fig.used_memory(cells, MEMORY_MIB)
    if mode == "icount":
        cells["boot_to_init_icount"] = fig.Cell(tsc / 1e6, "ms") if tsc is not None \
            else fig.Cell(status="no /init")
    else:
        cells["boot_to_init_wall"] = fig.Cell(boot.init_seconds, "s") \
            if boot.init_seconds is not None else fig.Cell(status="no /init")
    return cells, info, boot


def elf_loaded_kib(path):
    """Sum of PT_LOAD memsz of an ELF file, in KiB; None if not ELF64."""
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2:
            return None
        phoff, = struct.unpack_from("<Q", head, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", head, 0x36)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    total = 0
    for i in range(phnum):
        ptype, _, _, _, _, _, memsz = struct.unpack_from("<IIQQQQQ", table, i * phentsize)
        if ptype == 1:
            total += memsz
    return total / 1024


def image_figures(subject, build):
    cells = {"image_file": fig.Cell(os.path.getsize(subject.kernel) / 1024, "KiB")}
    loaded = elf_loaded_kib(subject.kernel)
    if loaded is None:  # a bzImage: the ELF inside it is what gets loaded
        vmlinux = os.path.join(build, "linux", "vmlinux")
        loaded = elf_loaded_kib(vmlinux) if os.path.exists(vmlinux) else None
    cells["image_loaded"] = fig.Cell(loaded, "KiB") if loaded is not None \
        else fig.Cell(status="unsupported not an ELF")
    return cells


def reaches_init(subject, initrd, memory, timeout):
    boot = run_qemu(machine_for(subject, initrd, "wall", memory=memory, timeout=timeout),
                    stop_at_init=True, idle=timeout)
    return boot.init_seconds is not None


def min_memory(subject, initrd, timeout, progress):
    """Smallest -m (MiB) that reaches /init, by bisection between a size
    known to fail (0) and MEMORY_MIB, to within about 6 %."""
    lo, hi = 0, MEMORY_MIB
    while hi - lo > max(1, hi // 16):
        mid = (lo + hi) // 2
        ok = reaches_init(subject, initrd, mid, timeout)
        progress(f"  -m {mid}: {'reaches /init' if ok else 'does not'}")
        if ok:
            hi = mid
        else:
            lo = mid
    return hi


def static_figures(subject, initrd, build, out, progress):
    """Image sizes, boot-log memory and smallest -m for one kernel."""
    cells = image_figures(subject, build)
    boot = run_qemu(machine_for(subject, initrd, "wall", cmdline=VERBOSE_CMDLINE),
                    stop_at_init=True)
    save_log(out, f"static-{subject.name}-memory", boot)
    kib = fig.kernel_memory(boot.log)
    cells["kernel_mem_boot"] = fig.Cell(kib, "KiB") if kib is not None \
        else fig.Cell(status="unsupported no Memory: line")
    if boot.init_seconds is None:
        cells["min_memory"] = fig.Cell(status=f"no /init at -m {MEMORY_MIB}")
        return cells
    # A probe that takes four times a normal boot has failed.
    timeout = max(20.0, 4 * boot.init_seconds)
    cells["min_memory"] = fig.Cell(min_memory(subject, initrd, timeout, progress), "MiB")
    return cells


def summary(cells):
    ok = sum(c.ok for c in cells.values())
    unsupported = sum(1 for c in cells.values() if (c.status or "").startswith("unsupported"))
    return f"{ok} figures, {unsupported} unsupported, {len(cells) - ok - unsupported} other"


def git_revision(root):
    try:
        rev = subprocess.run(["git", "-C", root, "describe", "--always", "--dirty"],
                             capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev = ""
    return rev or "unknown (not a git tree)"


def collect(args, kernels, out, progress):
    """Run every boot; return the results as a JSON-ready dict."""
    initrd = os.path.join(args.build, "bench", "bench-initramfs.cpio")
    samples = {m: {k.name: {} for k in kernels} for m in args.modes}
    info = {k.name: [] for k in kernels}
    hung = set()
    for r in range(1, args.rounds + 1):
        for mode in args.modes:
            for k in kernels:
                if (mode, k.name) in hung:
                    continue    # it hangs every time: do not pay twice
                cells, lines, boot = bench_boot(k, initrd, mode, out, f"r{r}")
                for name, cell in cells.items():
                    samples[mode][k.name].setdefault(name, []).append(cell.__dict__)
                if r == 1 and mode == args.modes[0]:
                    info[k.name] = lines
                if boot.stopped_by in ("timeout", "idle"):
                    hung.add((mode, k.name))
                progress(f"[round {r}/{args.rounds} {mode:6}] {k.name:14} "
                         f"{boot.seconds:6.1f} s  stopped by {boot.stopped_by:7} "
                         f"{summary(cells)}")
    static = {}
    if not args.no_static:
        for k in kernels:
            progress(f"[static] {k.name}: image size, boot-log memory, smallest -m")
            cells = static_figures(k, initrd, args.build, out, progress)
            static[k.name] = {n: [c.__dict__] for n, c in cells.items()}
    linux = os.path.join(args.build, "linux", "version")
    return {
        "rounds": args.rounds, "modes": list(args.modes),
        "kernels": [{"name": k.name, "kernel": k.kernel, "ours": k.ours} for k in kernels],
        "samples": samples, "static": static, "info": info,
        "memory_mib": MEMORY_MIB, "cmdline": CMDLINE,
        "qemu": command(Machine(kernel="KERNEL", initrd="INITRD", cmdline=f"'{CMDLINE}'",
                                memory=str(MEMORY_MIB), icount=False), "/tmp"),
        "linux_version": open(linux).read().strip() if os.path.exists(linux) else "",
        "revision": git_revision(os.path.dirname(os.path.abspath(args.build))),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "host_cpus": os.cpu_count(),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--kernels", default="osprey,linux-pvh,linux-bzimage")
    ap.add_argument("--no-static", action="store_true",
                    help="skip image sizes, boot-log memory and the -m bisection")
    ap.add_argument("--report-only", action="store_true",
                    help="rewrite the report from the last results.json")
    args = ap.parse_args()
    args.modes = [m for m in args.modes.split(",") if m]
    out = os.path.join(args.build, "bench")
    results_path = os.path.join(out, "results.json")

    if args.report_only:
        with open(results_path) as f:
            results = json.load(f)
    else:
        if any(m not in MODES for m in args.modes):
            sys.exit(f"bench: modes are {', '.join(MODES)}")
        wanted = args.kernels.split(",")
        kernels = [k for k in subjects(args.build) if k.name in wanted]
        initrd = os.path.join(out, "bench-initramfs.cpio")
        missing = [p for p in [initrd] + [k.kernel for k in kernels] if not os.path.exists(p)]
        if missing:
            sys.exit(f"bench: missing {', '.join(missing)}; run 'make bench'")
        started = time.monotonic()
        results = collect(args, kernels, out, lambda s: print(s, flush=True))
        results["seconds"] = round(time.monotonic() - started)
        os.makedirs(out, exist_ok=True)
        with open(results_path, "w") as f:
            json.dump(results, f, indent=1)
    text = report.write(results, out)
    print()
    print(text)
    if not linux_has_numbers(results):
        print("bench: no Linux boot gave a single number; see the logs", file=sys.stderr)
        return 1
    return 0


def linux_has_numbers(results):
    refs = [k["name"] for k in results["kernels"] if not k["ours"]]
    if not refs:
        return True     # --kernels osprey: nothing to compare, nothing wrong
    return any(c.get("value") is not None
               for per_mode in results["samples"].values()
               for ref in refs
               for cells in per_mode.get(ref, {}).values()
               for c in cells)


if __name__ == "__main__":
    sys.exit(main())
