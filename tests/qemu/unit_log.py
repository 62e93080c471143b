"""Read the host unit tests' output ("make unit") into results, so that
"make test" can close with one combined count.

cmocka's default output gives one '[ RUN      ] name' line per test followed
by '[       OK ] name', '[  FAILED  ] name' or '[  SKIPPED ] name'.  A test
that started and never got a verdict (an ASan abort, a crash) failed.  When
the log has no cmocka lines, a closing 'N passed, M failed' line is used
instead.  A non-zero exit status of "make unit" with no failed test in the
log (a compile error, say) counts as one failure.
"""
import re

from checks import Result

_RUN = re.compile(r"^\[ RUN      \] (\S+)")
_VERDICT = re.compile(r"^\[ *(OK|FAILED|SKIPPED) *\] (\S+)$")
_SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed$")


def _cmocka(lines):
    results, running = [], None
    for line in lines:
        m = _RUN.match(line)
        if m:
            if running:
                results.append(Result(f"unit {running}", False, "no verdict (crashed?)"))
            running = m.group(1)
            continue
        m = _VERDICT.match(line)
        if m and running == m.group(2):
            if m.group(1) != "SKIPPED":
                results.append(Result(f"unit {running}", m.group(1) == "OK"))
            running = None
    if running:
        results.append(Result(f"unit {running}", False, "no verdict (crashed?)"))
    return results


def _counts(lines):
    for line in reversed(lines):
        m = _SUMMARY.match(line.strip())
        if m:
            passed, failed = int(m.group(1)), int(m.group(2))
            return ([Result(f"unit #{i + 1}", True) for i in range(passed)] +
                    [Result(f"unit failure #{i + 1}", False, "see the log above")
                     for i in range(failed)])
    return []


def unit_results(text, status):
    lines = text.splitlines()
    results = _cmocka(lines) or _counts(lines)
    if status != 0 and all(r.ok for r in results):
        results.append(Result("make unit", False, f"exited with status {status}"))
    return results
