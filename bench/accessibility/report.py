"""Turns bench/accessibility's results.jsonl into RESULTS.md: medians, ratios, agreement, linearity.

    python3 report.py results.jsonl RESULTS.md
"""
import json
import statistics
import sys
from collections import defaultdict

records = [json.loads(line) for line in open(sys.argv[1])]
machine = next(r["machine"] for r in records if "machine" in r)
end = next((r["machine_end"] for r in records if "machine_end" in r), {})
runs = defaultdict(list)
for r in records:
    if "input" in r:
        runs[(r["input"], r["measure"], r["tool"])].append(r)


def median(key, field):
    values = [r["result"][field] if field != "maxrss_kib" else r[field] for r in runs[key]]
    return statistics.median(values)


def agreement(a, b):
    """Largest relative difference of the result's sum and first three values."""
    ra, rb = runs[a][0]["result"], runs[b][0]["result"]
    pairs = [(ra["sum"], rb["sum"])] + list(zip(ra["first"], rb["first"]))
    return max(abs(x - y) / max(abs(x), abs(y), 1e-300) for x, y in pairs)


lines = [
    "# Accessibility benchmark results",
    "",
    f"Run: {machine['date']}, {machine['nproc']} cores, pooled {machine['commit']} (Release, {machine['compiler']}), "
    f"peer {machine['numpy']}; median of {machine['runs']} runs; load average {machine['load_start']} at start, "
    f"{end.get('load_end', '?')} at end. Times are of the measure only (the matrix already in memory). CPU time is the "
    "process's, all threads added (pooled runs its passes on every core, numpy on one), so the CPU ratio is the work "
    "saved; wall time is elapsed, which on a shared machine also counts other processes' turns. Peak memory is "
    "the whole process (reading the matrix file included).",
    "",
    "| input | entries | measure | pooled CPU | numpy CPU | CPU ratio (numpy/pooled) | pooled wall | numpy wall | wall ratio | pooled peak | numpy peak | agreement (max rel. diff) |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
]
inputs = sorted({k[0] for k in runs}, key=lambda s: (s != "derbyshire", s))
measures = []
for k in runs:
    if k[1] not in measures and k[2] != "floor":
        measures.append(k[1])
# The floor of an input is the faster (median elapsed time) of its loops: one read, plainly or
# asking for the pairs 256 further on; runs[(input, "floor", "floor")] is that one's runs.
for i in {k[0] for k in runs}:
    loops = [k for k in runs if k[0] == i and k[2] == "floor"]
    if loops:
        fastest = min(loops, key=lambda k: statistics.median(r["result"]["wall_s"] for r in runs[k]))
        runs[(i, "floor", "floor")] = runs[fastest]
        for k in loops:
            if k[1] != "floor":
                del runs[k]
ratios, wall_ratios, missed = [], [], []
for i in inputs:
    for m in measures:
        p, n = (i, m, "pooled"), (i, m, "numpy")
        if p not in runs or n not in runs:
            continue
        tp, tn = median(p, "time_s"), median(n, "time_s")
        wp, wn = median(p, "wall_s"), median(n, "wall_s")
        ratios.append(tn / tp)
        wall_ratios.append(wn / wp)
        if wn / wp < 5.0:
            missed.append(f"{i} {m} {wn / wp:.2f}x")
        lines.append(f"| {i} | {runs[p][0]['result']['entries']:,} | {m} | {tp:.4g} s | {tn:.4g} s | {tn / tp:.1f}x | "
                     f"{wp:.4g} s | {wn:.4g} s | {wn / wp:.1f}x | "
                     f"{median(p, 'maxrss_kib') / 1024:,.0f} MiB | {median(n, 'maxrss_kib') / 1024:,.0f} MiB | "
                     f"{agreement(p, n):.1e} |")
lines += ["", f"CPU time ratio over all {len(ratios)} cases: min {min(ratios):.1f}x, median {statistics.median(ratios):.1f}x, "
          f"max {max(ratios):.1f}x. Wall time ratio: min {min(wall_ratios):.1f}x, median "
          f"{statistics.median(wall_ratios):.1f}x, max {max(wall_ratios):.1f}x.", "",
          f"Target, at least 5x faster than numpy in elapsed time (pooled on its {machine['nproc']} cores, numpy on one): "
          + (f"**met in all {len(wall_ratios)} cases**." if not missed else
             f"**met in {len(wall_ratios) - len(missed)} of {len(wall_ratios)} cases**; not met: {', '.join(missed)}."), ""]


def per_entry(key, field):
    return 1e9 * median(key, field) / runs[key][0]["result"]["entries"]


if any(k[2] == "floor" for k in runs):
    lines += ["The floor: one read of every stored pair (12 bytes: destination and cost) with a gather of the "
              "destination's supply, on every core (`bench_accessibility run IN floor` and `floor-ahead`, which "
              "asks for the pairs 256 further on as it goes: the faster of the two), the least any measure "
              "must do. Nanoseconds per matrix entry, and what 5x numpy's 2SFCA would allow:", "",
              "| input | floor CPU | floor wall | numpy 2SFCA CPU / 5 | pooled 2SFCA CPU | pooled 2SFCA wall |",
              "|---|---:|---:|---:|---:|---:|"]
    for i in inputs:
        f, n, p = (i, "floor", "floor"), (i, "2sfca", "numpy"), (i, "2sfca", "pooled")
        if f in runs and n in runs and p in runs:
            lines.append(f"| {i} | {per_entry(f, 'time_s'):.2f} | {per_entry(f, 'wall_s'):.2f} | "
                         f"{per_entry(n, 'time_s') / 5:.2f} | {per_entry(p, 'time_s'):.2f} | {per_entry(p, 'wall_s'):.2f} |")
    lines.append("")
    # A floating catchment's first step reads every stored pair and its second every pair of positive
    # weight again (those within the cutoff; all of them under spatial availability's exponential
    # decay, which has no cutoff here): at the floor's rate, (1 + share) floors of elapsed time.
    second_step_share = {"2sfca": "within", "e2sfca": "within", "3sfca": "within", "availability": "all"}
    bound_rows = []
    for i in inputs:
        f = (i, "floor", "floor")
        if f not in runs or "within" not in runs[f][0]["result"]:
            continue
        floor_wall = median(f, "wall_s")
        within = runs[f][0]["result"]["within"] / runs[f][0]["result"]["entries"]
        for m, kind in second_step_share.items():
            p, n = (i, m, "pooled"), (i, m, "numpy")
            if p not in runs or n not in runs:
                continue
            share = within if kind == "within" else 1.0
            bound, allowed = floor_wall * (1.0 + share), median(n, "wall_s") / 5.0
            bound_rows.append(f"| {i} | {m} | {1e3 * floor_wall:.2f} ms | {share:.0%} | {1e3 * bound:.2f} ms | "
                              f"{1e3 * allowed:.2f} ms | {bound / allowed:.2f} | {1e3 * median(p, 'wall_s'):.2f} ms |")
    if bound_rows:
        lines += ["Two steps at the floor's rate: a floating catchment reads every stored pair in its first step and "
                  "every pair of positive weight again in its second (the pairs within the cutoff; all of them for "
                  "spatial availability, whose exponential decay has no cutoff here). At the floor's rate that is "
                  "(1 + share) floors of elapsed time, with nothing else done; 5x numpy allows numpy's time / 5. "
                  "Where bound / allowed is near or above 1, no code for that measure meets the target on this "
                  "machine:", "",
                  "| input | measure | floor wall | second step reads | bound | allowed | bound / allowed | pooled wall |",
                  "|---|---|---:|---:|---:|---:|---:|---:|"] + bound_rows + [""]
lines += ["Linearity (pooled, synthetic 190,000 x 10,000): nanoseconds of CPU time per matrix entry", "",
          "| measure | " + " | ".join(i for i in inputs if i != "derbyshire") + " |",
          "|---|" + "---:|" * len([i for i in inputs if i != "derbyshire"])]
for m in measures + (["floor"] if any(k[1] == "floor" for k in runs) else []):
    cells = []
    for i in inputs:
        key = (i, m, "floor" if m == "floor" else "pooled")
        if i != "derbyshire" and key in runs:
            cells.append(f"{per_entry(key, 'time_s'):.2f}")
    lines.append(f"| {'one read (floor)' if m == 'floor' else m} | " + " | ".join(cells) + " |")
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
