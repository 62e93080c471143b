#!/usr/bin/env python3
"""Boot the QEMU test cases and report one line per test and a summary.

    run.py [--build DIR] [--jobs N] [--unit-log FILE --unit-status N]
           [--list] [PATTERN...]

PATTERNs (shell wildcards) select cases by name or group; by default all
cases run.  Each boot's serial log is saved as DIR/test-logs/<case>.log.
Output, one line per test:

    PASS  pvh-pc: boot reached the ready banner
    FAIL  fault-pf: fault report  (missing 'Oops:')
    SKIP  user-osprey: ...

and after a failing case, the tail of its log.  The last line is exactly
"N passed, M failed"; the exit status is 1 when anything failed.  With
--unit-log, the host unit tests' output (make unit) is counted in as well.
The case table lives in cases.py, the log checks in checks.py.
"""
import argparse
import concurrent.futures
import fnmatch
import os
import sys

from cases import CASES, USER_TESTS, Artifacts
from checks import Result
from machine import boot
from unit_log import unit_results

LOG_TAIL = 60


def selected(case, patterns):
    names = [case.name] + case.groups
    return not patterns or any(fnmatch.fnmatch(n, p) for p in patterns for n in names)


def skip_reason(case):
    if case.user_tests and not USER_TESTS[case.target]:
        return (f"user tests are off for {case.target} "
                f"(USER_TESTS[{case.target!r}] in tests/qemu/cases.py)")
    return None


def run_case(case, art):
    """Boot one case; return (results, log path)."""
    log_path = os.path.join(art.build, "test-logs", case.name + ".log")
    try:
        machine = case.machine(art)
    except OSError as e:
        return [Result("setup", False, str(e))], None
    for image in (machine.kernel, machine.iso, machine.initrd):
        if image and not os.path.exists(image):
            return [Result("setup", False, f"{image} is missing; build it first")], None
    outcome = boot(machine, log_path)
    results = []
    for check in case.checks:
        results += check(outcome)
    return results, log_path


def show_log(path):
    with open(path, errors="replace") as f:
        lines = f.read().splitlines()
    tail = lines[-LOG_TAIL:]
    print(f"---- {path} (last {len(tail)} of {len(lines)} lines) ----")
    for line in tail:
        print(f"  | {line}")
    print("----")


def report(prefix, results):
    for r in results:
        why = f"  ({r.why})" if r.why else ""
        print(f"{'PASS' if r.ok else 'FAIL'}  {prefix}{r.name}{why}", flush=True)


def run_cases(cases, art, jobs):
    """Boot the cases (jobs at a time), print results in table order."""
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [(case, pool.submit(run_case, case, art)) for case in cases]
        for case, future in futures:
            case_results, log_path = future.result()
            report(f"{case.name}: ", case_results)
            if log_path and not all(r.ok for r in case_results):
                show_log(log_path)
            results += case_results
    return results


def unit_part(path, status):
    with open(path, errors="replace") as f:
        results = unit_results(f.read(), status)
    report("", [r for r in results if not r.ok])
    passed = sum(r.ok for r in results)
    print(f"unit: host unit tests: {passed} passed, {len(results) - passed} failed")
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("patterns", nargs="*")
    ap.add_argument("--build", default="build")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--unit-log")
    ap.add_argument("--unit-status", type=int, default=0)
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    args = ap.parse_args()

    cases = [c for c in CASES if selected(c, args.patterns)]
    if args.list:
        for c in cases:
            print(f"{c.name:24} {c.target:7} {skip_reason(c) or ''}")
        return 0
    print("user tests per kernel: " +
          ", ".join(f"{k}={'on' if v else 'off'}" for k, v in USER_TESTS.items()))
    results = unit_part(args.unit_log, args.unit_status) if args.unit_log else []
    runnable = []
    skipped = 0
    for c in cases:
        reason = skip_reason(c)
        if reason:
            print(f"SKIP  {c.name}: {reason}")
            skipped += 1
        else:
            runnable.append(c)
    results += run_cases(runnable, Artifacts(args.build), max(1, args.jobs))

    passed = sum(r.ok for r in results)
    failed = len(results) - passed
    if skipped:
        print(f"({skipped} case{'s' if skipped > 1 else ''} skipped, not counted)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
