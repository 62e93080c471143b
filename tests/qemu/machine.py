"""Boot one QEMU machine and capture its serial console.

A Machine says what to boot (a kernel image through -kernel, or an ISO
through -cdrom on SeaBIOS or OVMF), with which initramfs, command line and
QEMU options.  boot() runs it under TCG with a wall-clock timeout and returns
an Outcome: the serial log as text, QEMU's exit status, whether it timed out,
and host times (seconds since QEMU started) of the first serial byte and of
the first line matching each pattern the caller asked to time.

A machine may also carry a script of typed steps (Step): wait until the
console shows a pattern, then type some text into the serial port, as a
person at the terminal would.  Each step's result (matched in time or not)
is in Outcome.steps; a step that times out ends the script and the boot.

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
class Step:
    """Wait for expect (a regex, re.M, searched in the console text after
    the previous step's match), wait delay seconds more, then type send."""
    name: str
    expect: str
    send: str = ""
    timeout: float = 30.0
    delay: float = 0.0          # let a command get going before typing (^C, ^Z)


@dataclass
class StepResult:
    name: str
    ok: bool
    seconds: float              # since QEMU started: when it matched (or gave up)
    why: str = ""


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
    script: list = None         # Steps to type into the serial console


@dataclass
class Outcome:
    log: str
    status: int                 # QEMU exit status; None when we killed it
    timed_out: bool
    seconds: float
    first_byte: float = None
    marks: dict = field(default_factory=dict)   # pattern -> seconds
    steps: list = field(default_factory=list)   # StepResult per step reached


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
        proc = subprocess.Popen(command(m, scratch),
                                stdin=subprocess.PIPE if m.script else subprocess.DEVNULL,
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


class _Typist:
    """Plays a machine's script against the console text as it arrives."""

    def __init__(self, steps, pipe, start):
        self.steps, self.pipe, self.start = steps, pipe, start
        self.index = 0
        self.pos = 0                # where the next search starts in the text
        self.waiting_since = start
        self.send_at = None         # matched: when to type
        self.results = []
        self.failed = False

    def done(self):
        return self.failed or self.index == len(self.steps)

    def next_event(self):
        """Host time of the next thing to do (type, or give up)."""
        if self.done():
            return float("inf")
        if self.send_at is not None:
            return self.send_at
        return self.waiting_since + self.steps[self.index].timeout

    def advance(self, text, now):
        while not self.done():
            step = self.steps[self.index]
            if self.send_at is None:
                found = re.compile(step.expect, re.M).search(text, self.pos)
                if not found:
                    if now >= self.waiting_since + step.timeout:
                        self._give_up(step, text, now)
                    return
                self.pos = found.end()
                self.send_at = now + step.delay
            if now < self.send_at:
                return
            self._type(step.send)
            self.results.append(StepResult(step.name, True, now - self.start))
            self.index += 1
            self.waiting_since, self.send_at = now, None

    def _type(self, text):
        if text:
            try:
                self.pipe.write(text.encode())
                self.pipe.flush()
            except OSError:
                pass            # QEMU is gone; the next step will time out

    def _give_up(self, step, text, now):
        tail = text[self.pos:][-160:]
        self.results.append(StepResult(step.name, False, now - self.start,
                                       f"no {step.expect!r} within {step.timeout:.0f} s; "
                                       f"after the last match: {tail!r}"))
        self.failed = True


def _capture(proc, m, start, time_patterns):
    """Read serial output until EOF, the deadline, or the stop pattern."""
    raw = bytearray()
    first_byte = None
    eof = False
    marks = {}
    deadline = start + m.timeout
    stop_deadline = None
    typist = _Typist(m.script, proc.stdin, start) if m.script else None
    fd = proc.stdout.fileno()
    while True:
        now = time.monotonic()
        limit = min(deadline, stop_deadline or deadline)
        if now >= limit:
            break
        if typist:
            typist.advance(clean_text(bytes(raw)), now)
            if typist.failed and stop_deadline is None:
                stop_deadline = now + m.stop_grace     # no point going on
            limit = min(limit, max(typist.next_event(), now))
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
    if typist:
        typist.advance(clean_text(bytes(raw)), time.monotonic())
        try:
            proc.stdin.close()
        except OSError:
            pass
    return Outcome(log=clean_text(bytes(raw)), status=status,
                   timed_out=timed_out, seconds=time.monotonic() - start,
                   first_byte=first_byte, marks=marks,
                   steps=typist.results if typist else [])


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
