"""Boot one QEMU machine and capture its serial console.

A Machine says what to boot (a kernel image through -kernel, or an ISO
through -cdrom on SeaBIOS or OVMF), with which initramfs, command line and
QEMU options.  boot() runs it under TCG with a wall-clock timeout and returns
an Outcome: the serial log as text, QEMU's exit status, whether it timed out,
and host times (seconds since QEMU started) of the first serial byte and of
the first line matching each pattern the caller asked to time.

Exit statuses: with "-device isa-debug-exit,iobase=0xf4" a guest write of V
to port 0xf4 ends QEMU with status (V << 1) | 1.  Our kernel writes 0 on a
clean power-off (status 1) and 1 on a panic (status 3), only when its
command line says "debug_exit".  An ACPI power-off, or a triple fault under
-no-reboot, ends QEMU with status 0.
"""
import os
import re
import select
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

QEMU = os.environ.get("QEMU", "qemu-system-x86_64")
STATUS_POWER_OFF = 1    # isa-debug-exit, value 0
STATUS_PANIC = 3        # isa-debug-exit, value 1
STATUS_ACPI_OFF = 0     # ACPI power-off (Linux) or reset under -no-reboot

# UEFI firmware from Debian's ovmf package: one combined image, or the split
# code/variables pair on releases without it.
OVMF_IMAGE = "/usr/share/ovmf/OVMF.fd"
OVMF_SPLIT = ("/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd")

# Terminal control sequences (firmware and GRUB draw menus) and stray
# control characters are dropped so logs read as plain text.
_CONTROL = re.compile(r"\x1b\[[0-9;?=]*[A-Za-z]|\x1b[()][A-Za-z0-9]|[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Machine:
    kernel: str = None          # image for -kernel (ELF with a PVH note, bzImage)
    iso: str = None             # or an ISO for -cdrom
    firmware: str = "seabios"   # "seabios" or "ovmf" (ISO boots)
    initrd: str = None
    cmdline: str = ""
    qemu_args: list = field(default_factory=list)   # e.g. -machine q35 -smp 2
    memory: str = "256"
    icount: bool = True         # guest time from instruction counts: repeatable
    timeout: float = 30.0
    stop_at: str = None         # regex: end the boot once a line matches,
    stop_grace: float = 1.0     # ... and this much later (a crash may follow)


@dataclass
class Outcome:
    log: str
    status: int                 # QEMU exit status; None when we killed it
    timed_out: bool
    seconds: float
    first_byte: float = None
    marks: dict = field(default_factory=dict)   # pattern -> seconds


def command(m, scratch):
    """The QEMU command line for machine m; scratch is a private temp dir."""
    cmd = [QEMU, "-accel", "tcg", "-m", m.memory, "-display", "none",
           "-serial", "stdio", "-monitor", "none", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=4"]
    if m.icount:
        cmd += ["-icount", "shift=0,sleep=off"]
    if m.kernel:
        cmd += ["-kernel", m.kernel, "-append", m.cmdline]
        if m.initrd:
            cmd += ["-initrd", m.initrd]
    if m.iso:
        cmd += ["-cdrom", m.iso]
    if m.firmware == "ovmf":
        cmd += ovmf_args(scratch)
    return cmd + m.qemu_args


def ovmf_args(scratch):
    if os.path.exists(OVMF_IMAGE):
        return ["-bios", OVMF_IMAGE]
    code, vars_template = OVMF_SPLIT
    vars_copy = os.path.join(scratch, "OVMF_VARS.fd")
    with open(vars_template, "rb") as src, open(vars_copy, "wb") as dst:
        dst.write(src.read())
    return ["-drive", f"if=pflash,format=raw,readonly=on,file={code}",
            "-drive", f"if=pflash,format=raw,file={vars_copy}"]


def clean_text(raw):
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return _CONTROL.sub("", text)


def boot(m, log_path=None, time_patterns=()):
    """Run machine m to its end, its stop pattern or its timeout."""
    with tempfile.TemporaryDirectory() as scratch:
        errfile = open(os.path.join(scratch, "stderr"), "w+b")
        start = time.monotonic()
        proc = subprocess.Popen(command(m, scratch), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=errfile)
        out = _capture(proc, m, start, time_patterns)
        errfile.seek(0)
        err = errfile.read().decode("utf-8", errors="replace")
        errfile.close()
    if err.strip():
        out.log += "".join(f"qemu: {line}\n" for line in err.splitlines())
    if log_path:
        os.makedirs(os.path.dirname(log_path), exist_ok=True)
        with open(log_path, "w") as f:
            f.write(out.log)
    return out


def _capture(proc, m, start, time_patterns):
    """Read serial output until EOF, the deadline, or the stop pattern."""
    raw = bytearray()
    first_byte = None
    eof = False
    marks = {}
    deadline = start + m.timeout
    stop_deadline = None
    fd = proc.stdout.fileno()
    while True:
        now = time.monotonic()
        limit = min(deadline, stop_deadline or deadline)
        if now >= limit:
            break
        ready, _, _ = select.select([fd], [], [], limit - now)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            eof = True  # QEMU exited
            break
        if first_byte is None:
            first_byte = time.monotonic() - start
        raw += chunk
        text = None
        for pat in time_patterns:
            if pat not in marks:
                text = text or clean_text(bytes(raw))
                if re.search(pat, text, re.M):
                    marks[pat] = time.monotonic() - start
        if m.stop_at and stop_deadline is None:
            if re.search(m.stop_at, clean_text(bytes(raw)), re.M):
                stop_deadline = time.monotonic() + m.stop_grace
    timed_out = stop_deadline is None and time.monotonic() >= deadline
    status = _finish(proc, eof)
    proc.stdout.close()
    return Outcome(log=clean_text(bytes(raw)), status=status,
                   timed_out=timed_out, seconds=time.monotonic() - start,
                   first_byte=first_byte, marks=marks)


def _finish(proc, exited):
    """Reap QEMU, killing it unless it closed its output.  None: we killed it."""
    if exited:
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    proc.kill()
    proc.wait()
    return None
