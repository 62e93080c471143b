"""Turn the runner's results into tables, report.md and the ratio charts.

write(results, out) writes out/report.md, out/ratios.png and
out/ratios.svg (gnuplot), and returns the plain-text tables that
"make bench" prints.

Per figure and kernel a cell shows "median (min-max)" over the rounds;
when some rounds gave no number their count is added ("2 failed").  With
no number at all the cell shows why ("unsupported fork:ENOSYS").  The
ratio columns divide our median by each Linux's median.  For time and
size figures below 1 means ours is faster or smaller; for figures marked
"higher is better" (throughput) above 1 means ours is faster.
"""
import math
import os
import shutil
import statistics
import subprocess

import figures as fig

MODE_TITLES = {
    "icount": "Deterministic mode: -icount shift=0,sleep=off "
              "(guest time, 1 ns per instruction)",
    "wall": "Wall-clock mode: plain TCG (host time; differences under ~20 % are noise)",
}
SHORT_REF = {"linux-pvh": "pvh", "linux-bzimage": "bzImage"}


def number(v):
    if v is None:
        return "-"
    a = abs(v)
    if a >= 1000:
        return f"{v:,.0f}"
    if a >= 100:
        return f"{v:.1f}"
    if a >= 10:
        return f"{v:.2f}"
    return f"{v:.3f}"


def ratio_text(r):
    if r is None:
        return "-"
    if r >= 10:
        return f"{r:.1f}"
    if r >= 0.1:
        return f"{r:.2f}"
    return f"{r:.3g}"


class Stat:
    """The rounds of one figure on one kernel."""

    def __init__(self, cells):
        self.values = [c["value"] for c in cells if c.get("value") is not None]
        self.reasons = [c["status"] for c in cells if c.get("value") is None]
        self.unit = next((c["unit"] for c in cells if c.get("unit")), "")

    @property
    def median(self):
        return statistics.median(self.values) if self.values else None

    def text(self, spread=True):
        if not self.values:
            return self.reasons[0] if self.reasons else "-"
        s = number(self.median)
        if spread and len(self.values) > 1:
            s += f" ({number(min(self.values))}-{number(max(self.values))})"
        if self.reasons:
            s += f" [{len(self.reasons)} failed]"
        return s


def figure_names(samples_by_kernel, kind_filter):
    """Known figures of the wanted kinds in FIGURES order, then unknown ones."""
    seen = set()
    for cells in samples_by_kernel.values():
        seen.update(cells)
    names = [f.name for f in fig.FIGURES if kind_filter(f) and f.name in seen]
    extra = sorted(n for n in seen if n not in fig.BY_NAME)
    return names + extra


def build_rows(samples_by_kernel, kernels, kind_filter):
    """[(Figure, {kernel: Stat}, {ref: ratio})] for one table."""
    ours = next((k["name"] for k in kernels if k["ours"]), None)
    refs = [k["name"] for k in kernels if not k["ours"]]
    rows = []
    for name in figure_names(samples_by_kernel, kind_filter):
        stats = {k["name"]: Stat(samples_by_kernel.get(k["name"], {}).get(name, []))
                 for k in kernels}
        unit = next((s.unit for s in stats.values() if s.unit), "")
        f = fig.figure(name, unit)
        ratios = {}
        for ref in refs:
            a = stats[ours].median if ours else None
            b = stats[ref].median
            ratios[ref] = a / b if a is not None and b not in (None, 0) else None
        rows.append((f, stats, ratios))
    return rows


def tables(results):
    """[(title, mode, rows)] for the static table (mode None) and one per mode."""
    kernels = results["kernels"]
    out = []
    if results.get("static"):
        out.append(("Static figures (once per kernel)", None,
                    build_rows(results["static"], kernels,
                               lambda f: f.kind == fig.KIND_STATIC)))
    for mode in results["modes"]:
        rows = build_rows(results["samples"][mode], kernels,
                          lambda f, m=mode: f.kind == fig.KIND_GUEST or f.mode == m)
        out.append((MODE_TITLES.get(mode, mode) + f", {results['rounds']} rounds", mode, rows))
    return out


def unit_text(f):
    return f.unit + (" ^" if f.higher_is_better else "")


def text_table(title, rows, kernels):
    refs = [k["name"] for k in kernels if not k["ours"]]
    head = ["figure", "unit"] + [k["name"] for k in kernels] + \
        [f"ours/{SHORT_REF.get(r, r)}" for r in refs]
    body = [[f.name, unit_text(f)] + [stats[k["name"]].text() for k in kernels] +
            [ratio_text(ratios[r]) for r in refs] for f, stats, ratios in rows]
    widths = [max(len(str(row[i])) for row in [head] + body) for i in range(len(head))]
    lines = [title]
    for row in [head] + body:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
    return "\n".join(lines)


def md_table(title, rows, kernels):
    refs = [k["name"] for k in kernels if not k["ours"]]
    head = ["figure", "what", "unit"] + [k["name"] for k in kernels] + \
        [f"ours / {r}" for r in refs]
    lines = [f"### {title}", "", "| " + " | ".join(head) + " |",
             "|" + "---|" * len(head)]
    for f, stats, ratios in rows:
        cells = [f"`{f.name}`", f.what, unit_text(f)] + \
            [stats[k["name"]].text() for k in kernels] + \
            [ratio_text(ratios[r]) for r in refs]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def target_checks(results):
    """[(figure, mode, target text, achieved text, met)] for issue 7's
    targets whose figure has numbers; unmet ones name what was reached."""
    ours = next((k["name"] for k in results["kernels"] if k["ours"]), None)
    out = []
    for _, mode, rows in tables(results):
        for f, stats, ratios in rows:
            target = fig.TARGETS.get((f.name, mode))
            if not target or ours is None:
                continue
            op, bound, against = target
            if against == "absolute":
                got = stats[ours].median
                text = f"{op} {bound:g} {f.unit}"
            elif against == "pvh":
                got = ratios.get("linux-pvh")
                text = f"{op} {bound:g}x PVH Linux"
            else:
                known = [r for r in ratios.values() if r is not None]
                got = (max(known) if op == "<=" else min(known)) if known else None
                text = f"{op} {bound:g}x Linux"
            if got is None:
                continue
            met = got <= bound if op == "<=" else got >= bound
            achieved = number(got) if against == "absolute" else f"{got:.3g}x"
            out.append((f.name, mode or "static", text, achieved, met))
    return out


def targets_text(checks):
    missed = [c for c in checks if not c[4]]
    lines = [f"Targets (issue 7): {len(checks) - len(missed)} met, {len(missed)} missed"
             " (figures with numbers on both kernels only)"]
    for name, mode, text, achieved, _ in missed:
        lines.append(f"  missed: {name} ({mode}) {text}, reached {achieved}")
    return "\n".join(lines)


def targets_md(checks):
    lines = ["## Targets (issue 7)", "",
             "Checked where our kernel has a number; ratios against the stricter "
             "Linux column unless the target names PVH.", "",
             "| figure | mode | target | reached | |", "|---|---|---|---|---|"]
    for name, mode, text, achieved, met in checks:
        lines.append(f"| `{name}` | {mode} | {text} | {achieved} | "
                     f"{'met' if met else '**missed**'} |")
    return "\n".join(lines)


# ---- the chart ----------------------------------------------------------

def chart_series(results):
    """Rows (label, [ratio per series]) and the series titles."""
    kernels = results["kernels"]
    refs = [k["name"] for k in kernels if not k["ours"]]
    series = [(mode, ref) for ref in refs for mode in results["modes"]]
    titles = [f"{'deterministic' if m == 'icount' else 'wall'} vs {r}" for m, r in series]
    by_name = {}
    for _, mode, rows in tables(results):
        for f, _, ratios in rows:
            slot = by_name.setdefault(f.name, (f, {}))[1]
            for ref in refs:
                # Static figures do not depend on the mode: show them once,
                # in the deterministic series.
                m = mode or results["modes"][0]
                slot[(m, ref)] = ratios[ref]
    rows = []
    for name, (f, slot) in by_name.items():
        values = [slot.get(s) for s in series]
        if any(v is not None for v in values):
            label = f.name + (" (higher=better)" if f.higher_is_better else "")
            rows.append((label, values))
    return rows, titles


def write_chart(results, out):
    """ratios.png and ratios.svg; returns an error text or None."""
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        return "gnuplot is not installed (make deps installs gnuplot-nox)"
    rows, titles = chart_series(results)
    dat = os.path.join(out, "ratios.dat")
    with open(dat, "w") as f:
        f.write("# figure, then ours / Linux for: " + ", ".join(titles) + "\n")
        for label, values in rows:
            cells = [f"{v:.6g}" if v else "?" for v in values]
            f.write(f'"{label}" ' + " ".join(cells) + "\n")
    script = chart_script(dat, rows, titles, out)
    path = os.path.join(out, "ratios.gp")
    with open(path, "w") as f:
        f.write(script)
    done = subprocess.run([gnuplot, path], capture_output=True, text=True)
    if done.returncode != 0:
        return f"gnuplot failed: {done.stderr.strip()[:500]}"
    return None


def decade_tics(rows):
    """y range and tics for log10(ratio): whole decades around the data and 1."""
    logs = [math.log10(v) for _, values in rows for v in values if v]
    lo = min([0.0] + logs)
    hi = max([0.0] + logs)
    lo_d, hi_d = math.floor(lo - 0.05), math.ceil(hi + 0.05)
    tics = ", ".join(f'"{10.0 ** d:g}" {d}' for d in range(lo_d, hi_d + 1))
    return lo_d, hi_d, tics


def chart_script(dat, rows, titles, out):
    """Bars of log10(ours / Linux), growing up or down from 1."""
    width = max(900, 70 * len(rows) + 250)
    lo, hi, tics = decade_tics(rows)
    common = [
        "set datafile missing '?'",
        "set style data histogram",
        "set style histogram clustered gap 1",
        "set style fill solid 0.8 border -1",
        "set boxwidth 0.9",
        "set key outside top center horizontal",
        "set grid ytics",
        "set xtics rotate by -45 left font ',9'",
        f"set yrange [{lo}:{hi}]",
        f"set ytics ({tics})",
        "set ylabel 'ours / Linux (log scale)'",
        "set title 'Osprey / Linux per figure: below 1 is faster or smaller, "
        "except (higher=better)'",
        "set arrow from graph 0, first 0 to graph 1, first 0 nohead lw 2 lc rgb 'black'",
        "set bmargin 11",
        "set rmargin 8",
    ]
    if rows:
        cols = ", ".join(f"'{dat}' using (log10(${i + 2})):xtic(1) title '{t}'" if i == 0
                         else f"'' using (log10(${i + 2})) title '{t}'"
                         for i, t in enumerate(titles))
        plot = f"plot {cols}"
    else:
        plot = ("set label 'no figure has a number on both kernels yet' at graph 0.5, 0.5 center; "
                "plot 2 notitle")
    script = []
    for term, ext in (("pngcairo", "png"), ("svg", "svg")):
        script.append(f"set terminal {term} size {width},720 noenhanced")
        script.append(f"set output '{os.path.join(out, 'ratios.' + ext)}'")
        script += common
        script.append(plot)
        script.append("unset output")
        script.append("reset")
    return "\n".join(script) + "\n"


# ---- report.md -------------------------------------------------------------

def info_section(results):
    lines = []
    for k in results["kernels"]:
        said = results["info"].get(k["name"], [])
        lines.append(f"- **{k['name']}** (`{k['kernel']}`): " +
                     ("; ".join(said) if said else "no /init output"))
    return "\n".join(lines)


def write(results, out):
    kernels = results["kernels"]
    all_tables = tables(results)
    text = "\n\n".join(text_table(t, rows, kernels) for t, _, rows in all_tables)
    text += "\n\n^ = higher is better; otherwise lower is better.  " \
            "Ratios are ours / Linux medians."
    checks = target_checks(results)
    text += "\n\n" + targets_text(checks)
    chart_error = write_chart(results, out)
    md = [
        "# Osprey benchmarks against Linux",
        "",
        f"{results['date']}, revision `{results['revision']}`, "
        f"Linux `{results['linux_version']}`, {results['rounds']} rounds, "
        f"modes {', '.join(results['modes'])}, {results['host_cpus']} host CPUs, "
        f"{results.get('seconds', '?')} s in all.",
        "",
        "QEMU, the same for every kernel (icount mode adds `-icount shift=0,sleep=off`):",
        "",
        "    " + " ".join(results["qemu"]),
        "",
        "How to read this: docs/benchmarks.md.  Cells are median (min-max) over the "
        "rounds; a cell without a number says why.  `^` marks figures where higher "
        "is better; for all others lower is better, and a ratio below 1 means ours "
        "wins.",
        "",
    ]
    for title, _, rows in all_tables:
        md += [md_table(title, rows, kernels), ""]
    md += [targets_md(checks), "", "## Chart", ""]
    if chart_error:
        md += [f"No chart: {chart_error}", ""]
    else:
        md += ["![ours / Linux per figure](ratios.png)", "",
               "Also as [SVG](ratios.svg); data in `ratios.dat`.", ""]
    md += ["## What /init found on each kernel", "", info_section(results), "",
           "Serial logs of every boot: `logs/` beside this file.", ""]
    with open(os.path.join(out, "report.md"), "w") as f:
        f.write("\n".join(md))
    if chart_error:
        text += f"\n\nNo chart: {chart_error}"
    return text + f"\n\nReport: {os.path.join(out, 'report.md')}"
