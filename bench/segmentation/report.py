"""Summarises a run of bench/segmentation/run.sh: medians per task and tool, ratios against
pooled, the within-SS each reached, and the issue's targets. Reads DIR/results.jsonl; prints
the table and writes DIR/results.md.

  /usr/bin/python3 report.py DIR
"""
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

out = Path(sys.argv[1])
records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines() if line.strip()]
machine = next(r["machine"] for r in records if "machine" in r)
load_end = next((r["machine_end"]["load_end"] for r in records if "machine_end" in r), "?")
runs = defaultdict(list)
for r in records:
    if "task" in r:
        runs[(r["task"], r["tool"])].append(r)
tasks = list(dict.fromkeys(t for t, _ in runs))


def med_time(task, tool):
    return statistics.median(r["result"]["time_s"] for r in runs[(task, tool)])


def med_rss(task, tool):
    return statistics.median(r["maxrss_kib"] for r in runs[(task, tool)]) / 1024


def result(task, tool, key):
    return runs[(task, tool)][0]["result"].get(key)


lines = [
    f"Run: {machine['date']}, {machine['nproc']} cores ({machine['cpu']}), pooled {machine['commit']} (Release), "
    f"median of {machine['runs']} interleaved runs (synthetic: {machine.get('synthetic_runs', machine['runs'])}), load average {machine['load_start']} at start, {load_end} at end; "
    f"variables: {machine['spec']}; k = {machine['k']}, pooled on "
    f"{machine['threads']} threads; scikit-learn {result(tasks[0], 'sklearn-lloyd', 'version')} (Debian).",
    "",
    "| task | input | tool | time | peak memory | total within-SS | sizes | time ratio (tool / pooled) | memory ratio (tool / pooled) |",
    "|---|---|---|---|---|---|---|---|---|",
]
targets = []
for task in tasks:
    rows, cols = result(task, "pooled", "rows"), result(task, "pooled", "cols")
    restarts = result(task, "pooled", "restarts")
    base_t, base_m = med_time(task, "pooled"), med_rss(task, "pooled")
    base_ss = result(task, "pooled", "within_ss")
    for tool in [t for (tk, t) in runs if tk == task]:
        t, m, ss = med_time(task, tool), med_rss(task, tool), result(task, tool, "within_ss")
        times = " ".join(f"{r['result']['time_s']:.3g}" for r in runs[(task, tool)])
        sizes = result(task, tool, "sizes")
        lines.append(f"| {task} | {rows:,} x {cols}, {restarts} restarts | {tool} | {t:.3g} s ({times}) | {m:,.0f} MiB | {ss:.10g} | "
                     f"{'/'.join(map(str, sizes))} | {t / base_t:.2f}x | {m / base_m:.2f}x |")
    peers = [t for (tk, t) in runs if tk == task and t.startswith("sklearn")]
    fastest = min(peers, key=lambda p: med_time(task, p))
    best_ss = min(result(task, p, "within_ss") for p in peers)
    least_m = min(med_rss(task, p) for p in peers)
    ratio = med_time(task, fastest) / base_t
    targets.append(f"- {task} ({restarts} restarts): >= 3x faster than scikit-learn's best ({fastest}, {med_time(task, fastest):.3g} s): "
                   f"{ratio:.2f}x ({'met' if ratio >= 3 else 'NOT met'}); within-SS no worse: pooled {base_ss:.10g} "
                   f"vs {best_ss:.10g} ({'met' if base_ss <= best_ss * (1 + 1e-12) else 'NOT met'}); less memory: "
                   f"{base_m:,.0f} MiB vs {least_m:,.0f} MiB ({'met' if base_m < least_m else 'NOT met'})")
lines += ["", "Targets:", ""] + targets
text = "\n".join(lines) + "\n"
(out / "results.md").write_text(text)
print(text)
