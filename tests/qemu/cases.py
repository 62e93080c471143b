"""The table of QEMU test cases: what to boot and what its log must show.

A Case names a target kernel ("osprey" or "linux"), a function that builds
its Machine from the build directory's artifacts, and a list of checks
(see checks.py).  To add a test, add a row to CASES.

USER_TESTS says per target kernel whether it runs the user-space test
suite (user/, packed into test-initramfs.cpio).  Both do: every user test
must pass on our kernel and on Debian's Linux.  A target switched off has
its user-test cases reported as skipped, never counted as passed.
"""
import os
import random
from dataclasses import dataclass, field

import checks as c
from machine import STATUS_ACPI_OFF, STATUS_POWER_OFF, Machine, Step

USER_TESTS = {
    "osprey": True,
    "linux": True,
}

KTEST_CMDLINE = "console=ttyS0 ktest=all debug_exit"
# QEMU's richest CPU (XSAVE, AVX), but with 4-level paging: with LA57 the
# user half is 56 bits wide on Linux and the address-limit tests change.
CPU_MAX = ("-cpu", "max,la57=off")


class Artifacts:
    """Files the cases boot, all under the build directory."""

    def __init__(self, build):
        self.build = build
        self.kernel = os.path.join(build, "kernel.elf")
        self.ktest_iso = os.path.join(build, "osprey-ktest.iso")
        self.initramfs = os.path.join(build, "initramfs.cpio")
        self.test_initramfs = os.path.join(build, "test-initramfs.cpio")
        self.vmlinuz = os.path.join(build, "linux", "vmlinuz")
        self.scratch = os.path.join(build, "test-inputs")   # made by the cases


@dataclass
class Case:
    name: str
    target: str                 # "osprey" or "linux": see USER_TESTS
    machine: object             # Artifacts -> Machine
    checks: list
    user_tests: bool = False    # runs the user/ suite: needs USER_TESTS[target]
    groups: list = field(default_factory=list)  # e.g. "linux" for check-linux


def ktest_boot(*qemu_args, icount=True):
    return lambda a: Machine(kernel=a.kernel, initrd=a.initramfs, cmdline=KTEST_CMDLINE,
                             qemu_args=list(qemu_args), icount=icount)


def iso_boot(firmware, timeout):
    # No -icount: firmware runs 7-8 times slower under it (OVMF: 55 s).
    return lambda a: Machine(iso=a.ktest_iso, firmware=firmware, timeout=timeout,
                             icount=False)


def fault_case(ktest, function, *phrases, oops=True):
    """Boot with only the self-test ktest, which faults on purpose."""
    return Case(ktest.replace("_", "-"), "osprey",
                lambda a: Machine(kernel=a.kernel, initrd=a.initramfs,
                                  cmdline=f"console=ttyS0 ktest={ktest} debug_exit"),
                [c.fault_report(ktest, function, *phrases, oops=oops)])


# Robustness inputs, made on demand and the same on every run.
def random_initrd(a):
    path = os.path.join(a.scratch, "random.initrd")
    os.makedirs(a.scratch, exist_ok=True)
    with open(path, "wb") as f:
        f.write(random.Random(2).randbytes(256 * 1024))
    return path


def truncated_initrd(a):
    path = os.path.join(a.scratch, "truncated.cpio")
    os.makedirs(a.scratch, exist_ok=True)
    with open(a.initramfs, "rb") as src, open(path, "wb") as dst:
        data = src.read()
        dst.write(data[:len(data) // 2 + 13])  # ends mid-file, unaligned
    return path


def absurd_cmdline():
    """4000 characters of junk, a huge number and an unbalanced quote.  The
    options that matter come first, so a kernel that truncates still sees
    them; the quote comes last, since Linux reads a quoted value to the end."""
    rng = random.Random(3)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789=,._-/:+ %~^&*()[]{}<>|\\;!?@#$"
    junk = "".join(rng.choice(alphabet) for _ in range(4000))
    return (f"{KTEST_CMDLINE} loglevel=999999999999999999 {junk} "
            f"=== x= =y 'half \"unbalanced quote")


def robust_boot(initrd=None, cmdline=KTEST_CMDLINE):
    return lambda a: Machine(kernel=a.kernel, initrd=initrd(a) if initrd else None,
                             cmdline=cmdline)


def linux_boot(a, *qemu_args):
    # panic=-1 with -no-reboot: a Linux panic ends QEMU instead of hanging.
    return Machine(kernel=a.vmlinuz, initrd=a.test_initramfs,
                   cmdline="console=ttyS0 quiet panic=-1", timeout=300,
                   qemu_args=list(qemu_args))


def osprey_user_boot(a, *qemu_args, icount=True):
    return Machine(kernel=a.kernel, initrd=a.test_initramfs,
                   cmdline="console=ttyS0 debug_exit", timeout=300,
                   qemu_args=list(qemu_args), icount=icount)


# Two CPUs really in parallel: no -icount (QEMU 7.2 hangs with -icount
# and more than one vCPU), so guest time is host time and the suite
# also meets a loaded host's delays.
SMP2 = ("-smp", "2")


def linux_boot_smp2(a):
    m = linux_boot(a, *SMP2)
    m.icount = False
    return m


# Typed console session on the "make run" image (DESIGN.md decision 15,
# fourth tier): what a person types at ash, with what they would wait for.
# Real time (no -icount): with it an idle guest's clock jumps ahead and
# "sleep 100" would end before ^C could reach it.  The 2 s before ^C and ^Z
# let the shell start sleep and hand it the terminal first.
PROMPT = r"[#$] $"
CONSOLE_SCRIPT = [
    Step("boot to a shell prompt", PROMPT, "echo hello $((6*7))\n", timeout=120),
    Step("a command prints", r"^hello 42$"),
    Step("prompt after it", PROMPT, "seq 1 10 | grep 1 | wc -l\n"),
    Step("a three-command pipeline prints", r"^2$"),
    Step("prompt before sleep", PROMPT, "sleep 100\n"),
    Step("sleep 100 runs; type ^C", r"sleep 100\n", "\x03", delay=2.0),
    Step("^C gives the prompt back at once", PROMPT, "echo status=$?\n", timeout=15),
    Step("sleep died of SIGINT", r"^status=130$"),
    Step("prompt before sleep again", PROMPT, "sleep 100\n"),
    Step("sleep 100 runs; type ^Z", r"sleep 100\n", "\x1a", delay=2.0),
    # ash prints the job right after the echoed "^Z", on the same line
    Step("^Z stops it", r"\^Z\[1\]\+ +Stopped +sleep 100$", timeout=15),
    Step("prompt after ^Z", PROMPT, "jobs\n"),
    Step("jobs lists it stopped", r"^\[1\]\+ +Stopped +sleep 100$"),
    Step("prompt after jobs", PROMPT, "bg\n"),
    Step("bg resumes it", r"^\[1\]\+? sleep 100$"),
    Step("prompt after bg", PROMPT, "jobs\n"),
    Step("jobs lists it running", r"^\[1\]\+ +Running +sleep 100$"),
    Step("prompt before fg", PROMPT, "fg\n"),
    Step("fg brings it back; type ^C", r"^sleep 100$", "\x03", delay=2.0),
    Step("^C ends the job", PROMPT, "echo status=$?\n", timeout=15),
    Step("the job died of SIGINT", r"^status=130$"),
    Step("prompt before dmesg", PROMPT, "dmesg | grep -c '^\\[ *[0-9]*\\.[0-9]*\\] '\n"),
    Step("dmesg prints the kernel log", r"^[1-9][0-9]*$"),
    Step("prompt before poweroff", PROMPT, "poweroff\n"),
    Step("poweroff powers down", r"reboot: Power down", timeout=60),
]


# A second session on the same image: users and permissions, vi on the
# serial line, the terminal's size, and what top, uname and mount show.
# The Machine log drops terminal control sequences, so a full-screen
# program's screen reads as its text run together: vi's status line
# "- /tmp/f 1/1 100%" ("-" command mode, "I" insert mode) is what the vi
# steps wait for.
ROOT_PROMPT = r"^/ # $"
USER_PROMPT = r"^~ \$ $"
SHELL_SCRIPT = [
    Step("boot to a shell prompt", ROOT_PROMPT, "hostname osprey-box; uname -a\n", timeout=120),
    Step("uname -a shows the new hostname", r"^Linux osprey-box 6\.1\.\S+ #.* x86_64 GNU/Linux$"),
    # users: root may become anyone; "user" (uid 1000) may not touch root's things
    Step("prompt before su -c", ROOT_PROMPT, "su user -c id\n"),
    Step("su -c runs id as user", r"^uid=1000\(user\) gid=1000\(user\) groups=1000\(user\)$"),
    Step("prompt before su -", ROOT_PROMPT, "su - user\n"),
    Step("su - logs in at user's home", USER_PROMPT, "id -u; pwd\n"),
    Step("the login shell is uid 1000 in /home/user", r"^1000\n/home/user$"),
    Step("user prompt before cat", USER_PROMPT, "cat /etc/shadow\n"),
    Step("a root-only 0600 file is denied",
         r"^cat: can't open '/etc/shadow': Permission denied$"),
    Step("user prompt before kill", USER_PROMPT, "kill 1\n"),
    Step("signalling init is not permitted", r"can't kill pid 1: Operation not permitted$"),
    Step("user prompt before hostname", USER_PROMPT, "echo x > /proc/sys/kernel/hostname\n"),
    Step("the hostname file is root's",
         r"can't create /proc/sys/kernel/hostname: Permission denied$"),
    # su from user asks for root's password (root; README.md): a wrong one
    # is refused after busybox's 3 s delay, the right one gives a root shell
    Step("user prompt before su", USER_PROMPT, "su\n"),
    Step("su asks user for root's password", r"Password: $", "wrong\n"),
    Step("a wrong password is refused", r"^su: incorrect password$", timeout=30),
    Step("user prompt after the refusal", USER_PROMPT, "echo status=$?\n"),
    Step("su failed with status 1", r"^status=1$"),
    Step("user prompt before su again", USER_PROMPT, "su\n"),
    Step("su asks again", r"Password: $", "root\n"),
    Step("the right password gives a root shell", r"# $", "id -u; cat /etc/shadow | wc -l\n"),
    Step("the shell is uid 0 and reads /etc/shadow", r"^0\n2$"),
    Step("root prompt before exit", r"# $", "exit\n"),
    Step("exit returns to user", USER_PROMPT, "id -u\n"),
    Step("uid 1000 again", r"^1000$"),
    Step("user prompt before exit", USER_PROMPT, "exit\n"),
    Step("exit returns to root", ROOT_PROMPT, "id -u; cat /proc/sys/kernel/hostname\n"),
    Step("root again, hostname unchanged", r"^0\nosprey-box$"),
    # vi over the serial line: raw mode, and a terminal of unknown size
    # (0x0, as on Linux), for which vi falls back to 24x80
    Step("prompt before vi", ROOT_PROMPT, "vi /tmp/f\n"),
    Step("vi shows /tmp/f in command mode", r"- /tmp/f 1/1 100%", "i"),
    Step("i enters insert mode", r"I /tmp/f 1/1 100%", "Osprey says hello"),
    # vi may draw the blank as a cursor move, which the log drops; the
    # file's contents are checked exactly after :wq
    Step("the typed text shows", r"Osprey says ?hello", "\x1b"),
    Step("ESC back to command mode", r"- /tmp/f \[Modified\] 1/1 100%", ":wq\n"),
    Step(":wq writes the file", r"'/tmp/f' 1L, 18C"),
    # vi leaves the cursor on its status line: the prompt follows on it
    Step("prompt after vi", PROMPT, "cat /tmp/f\n"),
    Step("the file holds the text", r"^Osprey says hello$"),
    # the terminal's size: unknown until set
    Step("prompt before stty size", ROOT_PROMPT, "stty size\n"),
    Step("the serial line has no size yet", r"^stty: standard input"),
    Step("prompt before stty rows", ROOT_PROMPT, "stty rows 30 cols 100; stty size\n"),
    Step("stty sets the size", r"^30 100$"),
    Step("prompt before stty -a", ROOT_PROMPT, "stty -a\n"),
    Step("stty -a shows the size", r"; rows 30; columns 100; line = 0;$"),
    Step("stty -a shows canonical mode with echo", r" icanon iexten echo "),
    # what the system looks like
    Step("prompt before top", ROOT_PROMPT, "top -b -n 1\n"),
    Step("top: memory", r"^Mem: \d+K used, \d+K free, \d+K shrd, \d+K buff, \d+K cached$"),
    Step("top: CPU", r"^CPU: +\d+% usr +\d+% sys +\d+% nic +\d+% idle "),
    Step("top: load", r"^Load average: \d+\.\d\d \d+\.\d\d \d+\.\d\d \d+/\d+ \d+$"),
    Step("top: the process table", r"^ +PID +PPID USER +STAT +VSZ %VSZ %CPU COMMAND$"),
    Step("prompt before mount", ROOT_PROMPT, "mount\n"),
    Step("mount: proc", r"^proc on /proc type proc \(rw"),
    Step("mount: sysfs", r"^sysfs on /sys type sysfs \(rw"),
    Step("mount: devtmpfs", r"^devtmpfs on /dev type devtmpfs \(rw"),
    Step("mount: devpts", r"^devpts on /dev/pts type devpts \(rw"),
    Step("mount: tmpfs", r"^tmpfs on /tmp type tmpfs \(rw"),
    Step("prompt before poweroff", ROOT_PROMPT, "poweroff\n"),
    Step("poweroff powers down", r"reboot: Power down", timeout=60),
]


def console_boot(kernel, cmdline, script=CONSOLE_SCRIPT):
    return lambda a: Machine(kernel=kernel(a), initrd=a.initramfs, cmdline=cmdline,
                             icount=False, timeout=300, script=script)


KTEST_CHECKS = [c.banner, c.ktests, c.power_off(STATUS_POWER_OFF)]
ROBUST_CHECKS = [c.banner, c.no_panic, c.power_off(STATUS_POWER_OFF)]

CASES = [
    # PVH entry (qemu -kernel).  The SMP case keeps real parallel TCG
    # (no -icount), which shakes out races.
    Case("pvh-pc", "osprey", ktest_boot("-machine", "pc"), KTEST_CHECKS),
    Case("pvh-q35-smp2", "osprey",
         ktest_boot("-machine", "q35", "-smp", "2", icount=False), KTEST_CHECKS),
    # Multiboot2 through GRUB, on BIOS and on UEFI (OVMF takes 4-8 s to GRUB).
    Case("iso-seabios", "osprey", iso_boot("seabios", 60), KTEST_CHECKS),
    Case("iso-ovmf", "osprey", iso_boot("ovmf", 120), KTEST_CHECKS),
    # Deliberate faults: each must give a symbolized report and status 3.
    fault_case("fault_pf", "ktest_fault_pf", "page fault"),
    fault_case("fault_gp", "ktest_fault_gp", "general protection fault"),
    fault_case("fault_ud", "ktest_fault_ud", "invalid opcode"),
    fault_case("fault_de", "ktest_fault_de", "divide error"),
    fault_case("fault_stack_overflow", "recurse_forever", "kernel stack overflow"),
    fault_case("fault_panic", "ktest_fault_panic", oops=False),
    # Bad input from the loader must not crash the boot.
    Case("robust-no-initrd", "osprey", robust_boot(), ROBUST_CHECKS),
    Case("robust-random-initrd", "osprey", robust_boot(random_initrd), ROBUST_CHECKS),
    Case("robust-truncated-cpio", "osprey", robust_boot(truncated_initrd), ROBUST_CHECKS),
    Case("robust-absurd-cmdline", "osprey",
         robust_boot(cmdline=absurd_cmdline()), ROBUST_CHECKS),
    # The user-space suite, on both kernels.
    Case("user-osprey", "osprey", osprey_user_boot,
         [c.utests, c.power_off(STATUS_POWER_OFF)], user_tests=True),
    Case("user-linux", "linux", linux_boot,
         [c.utests, c.power_off(STATUS_ACPI_OFF)], user_tests=True,
         groups=["linux"]),
    # Again on a CPU with XSAVE and AVX (the default qemu64 has neither),
    # so the AVX state tests really run.
    Case("user-osprey-cpumax", "osprey", lambda a: osprey_user_boot(a, *CPU_MAX),
         [c.utests, c.power_off(STATUS_POWER_OFF)], user_tests=True),
    Case("user-linux-cpumax", "linux", lambda a: linux_boot(a, *CPU_MAX),
         [c.utests, c.power_off(STATUS_ACPI_OFF)], user_tests=True,
         groups=["linux"]),
    # The same typed session at the busybox shell, on both kernels.
    Case("console-osprey", "osprey",
         console_boot(lambda a: a.kernel, "console=ttyS0 debug_exit"),
         [c.typed(CONSOLE_SCRIPT), c.power_off(STATUS_POWER_OFF)]),
    Case("console-linux", "linux",
         console_boot(lambda a: a.vmlinuz, "console=ttyS0 quiet panic=-1"),
         [c.typed(CONSOLE_SCRIPT), c.power_off(STATUS_ACPI_OFF)]),
    # Again on two CPUs, which shakes out lost wake-ups, lock-order and
    # list races between CPUs.
    Case("user-osprey-smp2", "osprey", lambda a: osprey_user_boot(a, *SMP2, icount=False),
         [c.utests, c.power_off(STATUS_POWER_OFF)], user_tests=True),
    Case("user-linux-smp2", "linux", linux_boot_smp2,
         [c.utests, c.power_off(STATUS_ACPI_OFF)], user_tests=True,
         groups=["linux"]),
    # A second typed session: users and su, vi, stty, top, mount.
    Case("console-shell-osprey", "osprey",
         console_boot(lambda a: a.kernel, "console=ttyS0 debug_exit", SHELL_SCRIPT),
         [c.typed(SHELL_SCRIPT), c.power_off(STATUS_POWER_OFF)]),
    Case("console-shell-linux", "linux",
         console_boot(lambda a: a.vmlinuz, "console=ttyS0 quiet panic=-1", SHELL_SCRIPT),
         [c.typed(SHELL_SCRIPT), c.power_off(STATUS_ACPI_OFF)]),
]
