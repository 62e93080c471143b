"""Turn one boot's serial log into test results.

Each check is a function (outcome) -> list of Result, so a case is a list of
checks and adding an expectation means adding a function here.  A check
that expects a line fails when the line is missing, whatever the reason (a
panic, a hang, a wrong message); its reason says what was seen instead.
"""
import re
from dataclasses import dataclass

from machine import STATUS_PANIC

BANNER = r"^\[ *[0-9.]+\] \S+ \S+ \(x86_64\) ready in \d+ us$"
PANIC = "Kernel panic - not syncing"
POWER_DOWN = "reboot: Power down"


@dataclass
class Result:
    name: str
    ok: bool
    why: str = ""


def _ending(outcome):
    """How the boot ended, in words, for failure reasons."""
    if outcome.timed_out:
        return f"timed out after {outcome.seconds:.0f} s"
    if outcome.status is None:
        return "stopped by the runner"
    if PANIC in outcome.log:
        return f"kernel panic (QEMU status {outcome.status})"
    return f"QEMU exited with status {outcome.status}"


def banner(outcome):
    ok = re.search(BANNER, outcome.log, re.M) is not None
    return [Result("boot reached the ready banner", ok, "" if ok else _ending(outcome))]


def no_panic(outcome):
    ok = PANIC not in outcome.log and not outcome.timed_out
    return [Result("no panic, no hang", ok, "" if ok else _ending(outcome))]


def power_off(expected_status):
    """The kernel said it powers down and QEMU ended with expected_status."""
    def check(outcome):
        ok = POWER_DOWN in outcome.log and outcome.status == expected_status
        why = "" if ok else f"{_ending(outcome)}; expected '{POWER_DOWN}' " \
                            f"and status {expected_status}"
        return [Result("clean power-off", ok, why)]
    return check


def _result_lines(log, prefix):
    """'<prefix> NAME: PASS|FAIL ...' lines as Results, plus started-but-
    unfinished tests (a '<prefix> NAME: start' line with no verdict)."""
    results, started = {}, []
    for m in re.finditer(rf"{prefix} (\S+): (start|PASS|FAIL)(.*)$", log, re.M):
        name, verdict, rest = m.groups()
        if verdict == "start":
            started.append(name)
        else:
            results[name] = Result(f"{prefix} {name}", verdict == "PASS", rest.strip())
    for name in started:
        results.setdefault(name, Result(f"{prefix} {name}", False, "started, never finished"))
    return list(results.values())


def _summary(log, prefix, results, outcome):
    """The runner's own 'prefix: N passed, M failed' agrees with its lines."""
    m = re.search(rf"^(?:\[ *[0-9.]+\] )?{prefix}: (\d+) passed, (\d+) failed", log, re.M)
    if not m:
        return Result(f"{prefix} summary line", False, f"missing; {_ending(outcome)}")
    passed, failed = int(m.group(1)), int(m.group(2))
    seen = (sum(r.ok for r in results), sum(not r.ok for r in results))
    ok = (passed, failed) == seen
    why = "" if ok else f"says {passed}/{failed}, lines say {seen[0]}/{seen[1]}"
    return Result(f"{prefix} summary line", ok, why)


def ktests(outcome):
    """Every in-kernel self-test line, and the ktest summary."""
    results = _result_lines(outcome.log, "ktest")
    return results + [_summary(outcome.log, "ktest", results, outcome)]


def utests(outcome):
    """Every user test line from user/test-init.c, and its summary."""
    results = _result_lines(outcome.log, "utest")
    return results + [_summary(outcome.log, "utest", results, outcome)]


def fault_report(ktest, function, *phrases, oops=True):
    """The deliberate fault of self-test ktest gave a full report and the
    panic exit status.  After the test's start line the log must show
    'Oops:' (unless it is a plain panic), 'Call Trace:', the faulting
    function's name, and each of phrases."""
    def check(outcome):
        start = f"ktest {ktest}: start"
        if start not in outcome.log:
            return [Result("fault report", False,
                           f"'{start}' missing: is {ktest} in this kernel? {_ending(outcome)}")]
        report = outcome.log.split(start, 1)[1]
        wanted = (["Oops:"] if oops else []) + ["Call Trace:", function, *phrases]
        problems = [f"missing '{w}'" for w in wanted if w not in report]
        if outcome.status != STATUS_PANIC:
            problems.append(f"{_ending(outcome)}, expected status {STATUS_PANIC}")
        return [Result("fault report", not problems, "; ".join(problems))]
    return check



def typed(script):
    """Every step of a typed console script matched in time (machine.Step):
    the console showed what a person would have waited for."""
    def check(outcome):
        results = [Result(f"typed: {s.name}", s.ok, s.why) for s in outcome.steps]
        for step in script[len(outcome.steps):]:
            results.append(Result(f"typed: {step.name}", False,
                                  f"not reached; {_ending(outcome)}"))
        return results
    return check
