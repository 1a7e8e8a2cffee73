#!/usr/bin/python3
"""The side-by-side table of bench/compare.sh: one line per task from each benchmark's records.

    compare.py OUT TASK...

Reads OUT/machine.json, OUT/machine_end.json and each task's records in OUT/<task>/ (the
results.jsonl its run.sh writes; for the national run, results.json), takes medians over the
runs of each tool, and writes OUT/compare.md (Markdown table) and OUT/compare.jsonl; prints one
line per task. Agreement compares what both sides computed: totals, sums of distances, within-
cluster sums of squares, objectives, or the cell of the benchmark's own table where that needs
its output files (network distances).
"""
import csv
import json
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def records(path):
    """Every line of a JSON-lines file that is a measurement (has "result")."""
    if not path.exists():
        return []
    return [r for r in map(json.loads, path.read_text().splitlines()) if "result" in r]


class Runs:
    """Measurements grouped by a key (task, tool, ...): median of a result field, peak memory."""

    def __init__(self, rows, key):
        self.by = defaultdict(list)
        for r in rows:
            self.by[key(r)].append(r)

    def has(self, k):
        return bool(self.by.get(k))

    def med(self, k, field="time_s"):
        values = [r["result"][field] for r in self.by.get(k, []) if r["result"].get(field) is not None]
        return statistics.median(values) if values else None

    def peak_mib(self, k):
        values = [r["maxrss_kib"] for r in self.by.get(k, [])]
        return statistics.median(values) / 1024 if values else None

    def first(self, k, field):
        rows = self.by.get(k, [])
        return rows[0]["result"].get(field) if rows else None

    def runs(self, k):
        return len(self.by.get(k, []))


def rel(a, b):
    if a is None or b is None:
        return None
    return abs(a - b) / abs(b) if b else abs(a - b)


def rel_text(what, a, b):
    d = rel(a, b)
    return "-" if d is None else f"{what} rel. diff {d:.1e}"


def t(x):
    return "-" if x is None else (f"{x:.3g} s" if x < 100 else f"{x:,.0f} s")


def m(x):
    return "-" if x is None else f"{x:,.0f} MiB"


def ratio(peer, pooled):
    return "-" if peer is None or not pooled else f"{peer / pooled:.2f}x"


def markdown_cells(path, first_cell):
    """{peer label: agreement cell} of the rows of a benchmark's own Markdown table that belong
    to the task whose first cell is `first_cell` (its continuation rows have an empty one)."""
    cells, inside = {}, False
    if not path.exists():
        return cells
    for line in path.read_text().splitlines():
        if not line.startswith("| ") or line.startswith("|---"):
            continue
        parts = [c.strip() for c in line.strip().strip("|").split("|")]
        if parts[0]:
            inside = parts[0] == first_cell
        if inside and len(parts) >= 10:
            cells[parts[4]] = parts[9]
    return cells


class Table:
    def __init__(self):
        self.rows, self.lines, self.records = [], [], []

    def add(self, task, size, pooled_label, pooled_time, pooled_mib, peers, note=""):
        """peers: [(label, time_s, peak_mib, agreement)]."""
        self.records.append({"task": task, "input": size, "pooled": {"what": pooled_label, "time_s": pooled_time,
                             "peak_mib": pooled_mib}, "peers": [dict(zip(("tool", "time_s", "peak_mib", "agreement"), p))
                                                                for p in peers], "note": note})
        line = f"{task} | {size} | pooled {pooled_label}: {t(pooled_time)}, {m(pooled_mib)}"
        for label, time_s, mib, agreement in peers:
            line += (f" | {label}: {t(time_s)}, {m(mib)}, time ratio {ratio(time_s, pooled_time)}, "
                     f"memory ratio {ratio(mib, pooled_mib)}, {agreement}")
        if note:
            line += f" | {note}"
        self.lines.append(line)
        for i, (label, time_s, mib, agreement) in enumerate(peers or [("-", None, None, note)]):
            self.rows.append("| " + " | ".join([
                task if i == 0 else "", size if i == 0 else "",
                (f"{pooled_label}: {t(pooled_time)}" + (f" ({note})" if note and peers else "")) if i == 0 else "",
                m(pooled_mib) if i == 0 else "",
                label, t(time_s), m(mib), ratio(time_s, pooled_time), ratio(mib, pooled_mib), agreement or "",
            ]) + " |")


def network(table, out):
    runs = Runs(records(out / "results.jsonl"), lambda r: (r["task"], r["tool"]))
    own = out / "results.md"
    if runs.has(("grid2000", "pooled")):
        k = ("grid2000", "pooled")
        size = f"one-to-all, square grid {runs.first(k, 'nodes'):,} nodes, {runs.first(k, 'arcs'):,} arcs"
        peers = [(p, runs.med(("grid2000", p)), runs.peak_mib(("grid2000", p)),
                  rel_text("sum of distances", runs.first(("grid2000", p), "sum"), runs.first(k, "sum")))
                 for p in ("scipy", "igraph") if runs.has(("grid2000", p))]
        table.add("network: one-to-all", size, "BoundedSearch", runs.med(k), runs.peak_mib(k), peers)
    if runs.has(("road1000", "pooled")):
        k = ("road1000", "pooled")
        n = len(Path(out / "road1000.picks.txt").read_text().split()) // 2
        size = f"{n:,} x {n:,} matrix, road-like grid {runs.first(k, 'nodes'):,} nodes, {runs.first(k, 'arcs'):,} arcs"
        cells = markdown_cells(own, "2. matrix (road1000)")
        peers = []
        for p in ("igraph", "scipy"):
            if runs.has(("road1000", p)):
                origins = runs.first(("road1000", p), "origins")
                label = f"{p} ({origins} origins, x{n // origins})"
                peers.append((label, runs.med(("road1000", p)) * n / origins, runs.peak_mib(("road1000", p)),
                              cells.get(label, "see network/results.md")))
        table.add("network: matrix", size, "route_matrix, contraction hierarchy (preprocessing + query)",
                  runs.med(k), runs.peak_mib(k), peers,
                  f"query alone {t(runs.med(k, 'query_s'))}, preprocessing {t(runs.med(k, 'prep_s'))}")
    if runs.has(("rutland-nodes", "pooled")):
        k = ("rutland-nodes", "pooled")
        cells = markdown_cells(own, "3. Rutland, node to node")
        labels = {"scipy": "scipy", "igraph": "igraph", "networkx": "networkx", "pgrouting": "pgRouting pgr_dijkstraCost"}
        peers = [(labels[p], runs.med(("rutland-nodes", p)), runs.peak_mib(("rutland-nodes", p)),
                  cells.get(labels[p], "see network/results.md"))
                 for p in labels if runs.has(("rutland-nodes", p))]
        table.add("network: Rutland matrix", "128 OAs x 123 public buildings, OSM drive graph, node to node",
                  "BoundedSearch, 1 thread", runs.med(k), runs.peak_mib(k), peers,
                  f"contraction hierarchy (preprocessing + query): {t(runs.med(('rutland-nodes', 'pooled-ch')))}")


def catchment(table, out):
    runs = Runs(records(out / "results.jsonl"), lambda r: (r["task"], r["tool"]))

    def total(task, tool):
        path = out / f"{task}.{tool}.csv"
        if not path.exists():
            return None
        with path.open() as f:
            return math.fsum(float(row[1]) for row in csv.reader(f) if row and row[0] != "id")

    for task, zones in (("A", "Derbyshire LSOAs"), ("B", "Voronoi cells of Derbyshire OAs")):
        k = (task, "pooled-2")
        if not runs.has(k):
            continue
        size = f"{runs.first(k, 'buffers'):,} 3 km buffers x {runs.first(k, 'zones'):,} {zones}, area share"
        base = total(task, "pooled-1")
        peers = [(p, runs.med((task, p)), runs.peak_mib((task, p)),
                  rel_text("total", total(task, "postgis" if p.startswith("postgis") else p), base))
                 for p in ("postgis", "postgis-serial", "geopandas") if runs.has((task, p))]
        table.add(f"catchments {task}", size, "2 threads", runs.med(k), runs.peak_mib(k), peers,
                  f"1 thread {t(runs.med((task, 'pooled-1')))}")


def accessibility(table, out):
    rows = records(out / "results.jsonl")
    runs = Runs(rows, lambda r: (r["input"], r["measure"], r["tool"]))
    inputs = sorted({r["input"] for r in rows}, key=lambda i: max(r["result"]["entries"] for r in rows if r["input"] == i))
    if not inputs:
        return
    largest = inputs[-1]
    measures = sorted({r["measure"] for r in rows if r["input"] == largest and r["tool"] != "floor"})
    # Elapsed time, as the target is read (pooled on every core, numpy on one); CPU in the note.
    time = {tool: sum(runs.med((largest, m_, tool), "wall_s") for m_ in measures) for tool in ("pooled", "numpy")}
    cpu = {tool: sum(runs.med((largest, m_, tool)) for m_ in measures) for tool in ("pooled", "numpy")}
    peak = {tool: max(runs.peak_mib((largest, m_, tool)) for m_ in measures) for tool in ("pooled", "numpy")}
    worst = max(max(rel(runs.first((largest, m_, "numpy"), "sum"), runs.first((largest, m_, "pooled"), "sum")),
                    *(rel(a, b) for a, b in zip(runs.first((largest, m_, "numpy"), "first"),
                                                runs.first((largest, m_, "pooled"), "first"))))
                for m_ in measures)
    entries = runs.first((largest, measures[0], "pooled"), "entries")
    table.add("accessibility", f"{largest}: {entries:,} matrix entries, {len(measures)} measures ({', '.join(measures)})",
              "sum of the measures' elapsed times", time["pooled"], peak["pooled"],
              [("numpy/scipy", time["numpy"], peak["numpy"],
                f"CPU time {cpu['pooled']:.3g} s against {cpu['numpy']:.3g} s ({cpu['numpy'] / cpu['pooled']:.2f}x); "
                f"sums and first values: max rel. diff {worst:.1e}")])


def segmentation(table, out):
    runs = Runs(records(out / "results.jsonl"), lambda r: (r["task"], r["tool"]))
    for task in ("derbyshire", "synthetic"):
        k = (task, "pooled")
        if not runs.has(k):
            continue
        size = (f"{runs.first(k, 'rows'):,} x {runs.first(k, 'cols')}, k-means, "
                f"{runs.first(k, 'restarts')} restarts")
        peers = [(p, runs.med((task, p)), runs.peak_mib((task, p)),
                  f"within-SS {runs.first((task, p), 'within_ss'):.6f} vs pooled {runs.first(k, 'within_ss'):.6f}")
                 for p in ("sklearn-lloyd", "sklearn-elkan") if runs.has((task, p))]
        table.add(f"segmentation {task}", size, f"Hamerly + Hartigan, {runs.first(k, 'threads')} threads",
                  runs.med(k), runs.peak_mib(k), peers)


def colocation(table, out):
    # run.sh measures once; compare.sh ran it POOLED_BENCH_RUNS times into run1, run2, ...
    rows = [r for d in sorted(out.glob("run*/")) for r in records(d / "results.jsonl")]
    runs = Runs(rows, lambda r: (r["task"], r["tool"]))
    peer_tasks = sorted({r["task"] for r in rows if r["tool"] == "pulp_cbc" and r["task"].startswith("pmed")},
                        key=lambda s: int(s[4:]))
    if peer_tasks:
        pooled_time = sum(runs.med((p, "pooled")) for p in peer_tasks)
        peer_time = sum(runs.med((p, "pulp_cbc")) for p in peer_tasks)
        pooled_peak = max(runs.peak_mib((p, "pooled")) for p in peer_tasks)
        peer_peak = max(runs.peak_mib((p, "pulp_cbc")) for p in peer_tasks)

        def at_optimum(tool, field):
            return sum(1 for p in peer_tasks if runs.first((p, tool), field) is not None and
                       abs(runs.first((p, tool), field) - runs.first((p, tool), "optimum")) < 1e-6)
        n = len(peer_tasks)
        agree = (f"optimum (pmedopt) reached: pooled {at_optimum('pooled', 'objective')}/{n}, "
                 f"PuLP + CBC {at_optimum('pulp_cbc', 'objective')}/{n}")
        table.add("location-allocation OR-Library", f"p-median {peer_tasks[0]}..{peer_tasks[-1]} (sum of times)",
                  "solve_pmedian (heuristic, bound; exact mode where a gap is left)", pooled_time, pooled_peak,
                  [("PuLP + CBC", peer_time, peer_peak, agree)])
    k = ("synthetic", "pooled")
    if runs.has(k):
        size = (f"p-median {runs.first(k, 'zones'):,} zones x {runs.first(k, 'sites'):,} sites, "
                f"{runs.first(k, 'pairs'):,} pairs, p = {runs.first(k, 'p')}")
        table.add("location-allocation synthetic", size, "solve_pmedian", runs.med(k), runs.peak_mib(k), [],
                  f"no peer (a dense model would need {runs.first(k, 'zones') * runs.first(k, 'sites'):,} variables); "
                  f"gap {runs.first(k, 'gap'):.2%}")


    # The estate tasks on the Derbyshire data (medians over every run of every runN/).
    estate = [("colocate500", "co-location groups within 500 m, Derbyshire (1,106 assets)", "geopandas_networkx",
               "geopandas + networkx"),
              ("colocate2000", "co-location groups within 2 km, Derbyshire", "geopandas_networkx", "geopandas + networkx"),
              ("consolidate_coverage", "fewest of 60 libraries keeping 95% within 15 min (651 LSOAs)", "pulp_cbc",
               "PuLP + CBC"),
              ("consolidate_keep", "keep 15 of 60 libraries, p-median (651 LSOAs)", "pulp_cbc", "PuLP + CBC")]
    for task, size, peer, peer_label in estate:
        if runs.has((task, "pooled")) and runs.has((task, peer)):
            table.add(f"estate: {task}", size, "colocate / consolidate (whole CLI process)",
                      runs.med((task, "pooled")), runs.peak_mib((task, "pooled")),
                      [(peer_label, runs.med((task, peer)), runs.peak_mib((task, peer)),
                        "agreement: see bench/colocation/RESULTS.md")])


def national(table, out):
    path = out / "results.json"
    if not path.exists():
        return
    r = json.loads(path.read_text())
    steps = ", ".join(f"{s['step']} {t(s['seconds'])}" for s in r["steps"] if s["step"] != "total")
    table.add("national run", r["input"], "pooled run (all stages)", r["process"]["wall_s"],
              r["process"]["maxrss_kib"] / 1024, [], f"{r['agreement']}; steps: {steps}")


def main():
    out = Path(sys.argv[1])
    machine = json.loads((out / "machine.json").read_text())["machine"]
    end = json.loads((out / "machine_end.json").read_text()) if (out / "machine_end.json").exists() else {}
    table = Table()
    for task in sys.argv[2:]:
        {"network": network, "catchment": catchment, "accessibility": accessibility, "segmentation": segmentation,
         "colocation": colocation, "national": national}[task](table, out / task)
    head = (f"Run: {machine['date']}{' (--quick)' if machine['quick'] else ''}, pooled {machine['commit']} (Release), "
            f"{machine['nproc']} cores ({machine['cpu']}), {machine['ram_gib']} GiB RAM, median of "
            f"{machine['runs']} runs, load average {machine['load_start']} at start, {end.get('load_end', '-')} at end.")
    md = [head, "",
          "| task | input | pooled | pooled peak | peer | peer time | peer peak | time ratio (peer/pooled) "
          "| memory ratio (peer/pooled) | agreement / notes |",
          "|---|---|---|---|---|---|---|---|---|---|"] + table.rows
    (out / "compare.md").write_text("\n".join(md) + "\n")
    (out / "compare.jsonl").write_text("".join(json.dumps(r) + "\n" for r in table.records))
    print(head)
    print("\n".join(table.lines))
    print(f"table: {out / 'compare.md'}")


if __name__ == "__main__":
    main()
