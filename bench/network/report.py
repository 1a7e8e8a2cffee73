"""Summarises a run of bench/network/run.sh: medians per task and tool, ratios against pooled,
agreement of the results, and the issue's targets. Reads DIR/results.jsonl and the distance
files kept from each tool's first run; prints one line per task and writes DIR/results.md.

  /usr/bin/python3 report.py DIR
"""
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

out = Path(sys.argv[1])
records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines() if line.strip()]
machine = next(r["machine"] for r in records if "machine" in r)
load_end = next((r["machine_end"]["load_end"] for r in records if "machine_end" in r), "?")
runs = defaultdict(list)
for r in records:
    if "task" in r:
        runs[(r["task"], r["tool"])].append(r)


def med(task, tool, key="time_s"):
    values = [r["result"][key] for r in runs[(task, tool)] if r["result"].get(key) is not None]
    return statistics.median(values) if values else None


def rss_mib(task, tool):
    values = [r["maxrss_kib"] for r in runs[(task, tool)]]
    return statistics.median(values) / 1024 if values else None


def first(task, tool, key):
    return runs[(task, tool)][0]["result"].get(key)


def version(task, tool):
    return first(task, tool, "version")


def load(name, shape=None):
    path = out / name
    if not path.exists():
        return None
    a = np.fromfile(path, dtype="<f8")
    return a.reshape(shape) if shape else a


def agree(a, b):
    """Max abs difference over pairs finite in both, and whether both have the same finite set."""
    if a is None or b is None or a.shape != b.shape:
        return "n/a"
    fa, fb = np.isfinite(a), np.isfinite(b)
    same = bool(np.array_equal(fa, fb))
    both = fa & fb
    diff = float(np.max(np.abs(a[both] - b[both]))) if both.any() else 0.0
    return f"max abs diff {diff:.2g} s over {int(both.sum()):,} pairs" + ("" if same else ", reachable sets DIFFER")


def t(x):
    return "-" if x is None else (f"{x:.3g} s" if x < 100 else f"{x:.0f} s")


def m(x):
    return "-" if x is None else f"{x:,.0f} MiB"


def ratio(peer, pooled):
    return None if peer is None or pooled is None or pooled == 0 else peer / pooled


def r(x):
    return "-" if x is None else f"{x:.2f}x"


lines = []      # one per task, for the terminal
table = []      # Markdown rows
notes = []


def row(task, size, pooled_label, pooled_time, pooled_rss, peers, agreement, pooled_build=None):
    """peers: list of (label, time, rss, build)."""
    parts = [f"{task}: {size}; pooled {pooled_label} {t(pooled_time)}, {m(pooled_rss)}"]
    if pooled_build is not None:
        parts[0] += f" (graph build {t(pooled_build)})"
    for label, time_s, rss, build in peers:
        p = f"{label} {t(time_s)}, {m(rss)}"
        if build is not None:
            p += f" (build {t(build)})"
        p += f" -> time ratio {r(ratio(time_s, pooled_time))}, memory ratio {r(ratio(rss, pooled_rss))}"
        parts.append(p)
    if isinstance(agreement, dict):
        parts.append("agree with pooled: " + "; ".join(f"{k}: {v}" for k, v in agreement.items()))
    else:
        parts.append(f"agree: {agreement}")
    lines.append("; ".join(parts))
    for i, (label, time_s, rss, _build) in enumerate(peers or [("-", None, None, None)]):
        table.append("| " + " | ".join([
            task if i == 0 else "", size if i == 0 else "",
            f"{pooled_label}: {t(pooled_time)}" if i == 0 else "", m(pooled_rss) if i == 0 else "",
            label, t(time_s), m(rss), r(ratio(time_s, pooled_time)), r(ratio(rss, pooled_rss)),
            agreement.get(label, "") if isinstance(agreement, dict) else (agreement if i == 0 else ""),
        ]) + " |")


# Task 1: one-to-all.
for task, peers in (("grid2000", ["scipy", "igraph"]), ("grid500", ["scipy", "igraph", "networkx"])):
    if not runs[(task, "pooled")]:
        continue
    nodes = first(task, "pooled", "nodes")
    arcs = first(task, "pooled", "arcs")
    side = int(round(nodes ** 0.5))
    size = f"{side}x{side} grid, {nodes:,.0f} nodes, {arcs:,.0f} arcs"
    base = load(f"{task}.pooled.bin")
    ag = {p: agree(base, load(f"{task}.{p}.bin")) for p in peers}
    row(f"1. one-to-all ({task})", size, "search", med(task, "pooled"), rss_mib(task, "pooled"),
        [(p, med(task, p), rss_mib(task, p), med(task, p, "build_s")) for p in peers], ag,
        pooled_build=med(task, "pooled", "build_s"))

# Task 2: the matrix on the road-like grid; peers route k origins, scaled to all.
task = "road1000"
if runs[(task, "pooled")]:
    nodes = first(task, "pooled", "nodes")
    arcs = first(task, "pooled", "arcs")
    picks = np.loadtxt(out / "road1000.picks.txt", dtype=np.int64)
    n_o = n_d = len(picks) // 2
    base = load("road1000.pooled.bin", (n_o, n_d))
    peers = []
    ag = {}
    for p in ("igraph", "scipy"):
        if not runs[(task, p)]:
            continue
        k = first(task, p, "origins")
        scaled = med(task, p) * n_o / k
        peers.append((f"{p} ({k} origins, x{n_o // k})", scaled, rss_mib(task, p), med(task, p, "build_s")))
        other = load(f"road1000.{p}.bin", (k, n_d))
        ag[peers[-1][0]] = agree(base[:k] if base is not None else None, other) + f" (first {k} rows)"
    threads = int(first(task, "pooled", "threads"))
    size = f"{n_o:,} x {n_d:,} on a road-like grid, {nodes:,.0f} nodes, {arcs:,.0f} arcs"
    prep, query = med(task, "pooled", "prep_s"), med(task, "pooled", "query_s")
    row("2. matrix (road1000)", size,
        f"route_matrix on a contraction hierarchy, {threads} threads, preprocessing {t(prep)} + query {t(query)}, total",
        med(task, "pooled"), rss_mib(task, "pooled"), peers, ag, pooled_build=med(task, "pooled", "build_s"))
    notes.append(f"Task 2, pooled: the contraction hierarchy's preprocessing (once per graph, {threads} threads, "
                 f"{first(task, 'pooled', 'shortcuts'):,.0f} shortcuts) took {t(prep)} "
                 f"({t(med(task, 'pooled', 'prep_cpu_s'))} of CPU time over all threads), the 1,000 x 1,000 query "
                 f"(bucket many-to-many, snapping included) {t(query)}. The ratios use their sum; on the query "
                 f"alone they are " + ", ".join(f"{label.split(' ')[0]} {r(ratio(tp, query))}" for label, tp, _, _ in peers)
                 + ".")

# Task 3: Rutland.
task = "rutland-nodes"
if runs[(task, "pooled")]:
    n_o = first(task, "pooled", "origins")
    n_d = first(task, "pooled", "destinations")
    nodes = first(task, "pooled", "nodes")
    rdir = out / "rutland"
    o_nodes = np.loadtxt(rdir / "origins.csv", delimiter=",", skiprows=1, usecols=1, dtype=np.int64)
    d_nodes = np.loadtxt(rdir / "destinations.csv", delimiter=",", skiprows=1, usecols=1, dtype=np.int64)
    pg = np.full((n_o, n_d), np.inf)
    pg_file = rdir / "rutland-nodes.pgrouting.txt"
    if pg_file.exists():
        cost = {}
        for line in pg_file.read_text().splitlines():
            s, e, c = line.split("|")
            cost[(int(s) - 1, int(e) - 1)] = float(c)
        for i, o in enumerate(o_nodes):
            for j, d in enumerate(d_nodes):
                pg[i, j] = 0.0 if o == d else cost.get((int(o), int(d)), np.inf)
    base = load("rutland/rutland-nodes.pooled.bin", (n_o, n_d))
    ag = {p: agree(base, load(f"rutland/rutland-nodes.{p}.bin", (n_o, n_d))) for p in ("scipy", "igraph", "networkx")}
    ag["pgRouting pgr_dijkstraCost"] = agree(base, pg if pg_file.exists() else None)
    edge = load("rutland/rutland.pooled.bin", (n_o, n_d))
    peer_rows = [(p, med(task, p), rss_mib(task, p), med(task, p, "build_s")) for p in ("scipy", "igraph", "networkx")]
    peer_rows.append(("pgRouting pgr_dijkstraCost", med(task, "pgrouting"), rss_mib(task, "pgrouting"), None))
    size = f"{n_o} OAs x {n_d} public buildings, drive graph {nodes:,.0f} nodes, points on nearest node"
    row("3. Rutland, node to node", size, "BoundedSearch, 1 thread", med(task, "pooled"), rss_mib(task, "pooled"),
        peer_rows, ag)
    if runs[(task, "pooled-ch")]:
        prep, query = med(task, "pooled-ch", "prep_s"), med(task, "pooled-ch", "query_s")
        ch = load("rutland/rutland-nodes.pooled-ch.bin", (n_o, n_d))
        ag_ch = {"BoundedSearch (pooled)": agree(base, ch)}
        ag_ch.update({p: agree(ch, load(f"rutland/rutland-nodes.{p}.bin", (n_o, n_d))) for p in ("scipy", "igraph")})
        ag_ch["pgRouting pgr_dijkstraCost"] = agree(ch, pg if pg_file.exists() else None)
        row("3. Rutland, node to node, hierarchy", size,
            f"contraction hierarchy, 1 thread, preprocessing {t(prep)} (CPU {t(med(task, 'pooled-ch', 'prep_cpu_s'))}) "
            f"+ query {t(query)}, total", med(task, "pooled-ch"),
            rss_mib(task, "pooled-ch"),
            [("BoundedSearch (pooled)", med(task, "pooled"), rss_mib(task, "pooled"), None)] + peer_rows, ag_ch)
    # pooled's own matrix (points snapped to edges) against the same peers.
    if edge is not None and base is not None:
        both = np.isfinite(edge) & np.isfinite(base)
        d = np.abs(edge[both] - base[both])
        edge_note = (f"edge-snapped vs node-snapped: median abs diff {np.median(d):.1f} s, max {d.max():.0f} s "
                     f"(different snapping, expected)")
    else:
        edge_note = "n/a"
    row("3. Rutland, route_matrix", f"{n_o} x {n_d}, points snapped to nearest edge (+ walk leg)",
        f"route_matrix (automatic method: hierarchy built in the call), {int(first('rutland', 'pooled', 'threads'))} threads", med("rutland", "pooled"),
        rss_mib("rutland", "pooled"),
        [("igraph (node to node)", med(task, "igraph"), rss_mib(task, "igraph"), None),
         ("pgRouting pgr_dijkstraCost (node to node)", med(task, "pgrouting"), rss_mib(task, "pgrouting"), None)],
        edge_note)
    far = max(np.loadtxt(rdir / f, delimiter=",", skiprows=1, usecols=2).max() for f in ("origins.csv", "destinations.csv"))
    notes.append(f"Rutland route_matrix snaps points to the nearest edge and adds a walking leg at 5 km/h; the "
                 f"node-to-node rows snap to the nearest node with no leg (points are up to {far:.0f} m from a "
                 f"node), hence the differences between the two.")
    if runs[("rutland-allpairs", "pgrouting")]:
        allpairs = med("rutland-allpairs", "pgrouting")
        notes.append(f"pgRouting pgr_dijkstraCostMatrix among the {len(set(o_nodes) | set(d_nodes))} distinct snapped "
                     f"nodes (many-to-many within one set, as in the issue's 0.86 s figure): median {t(allpairs)}, "
                     f"backend peak {m(rss_mib('rutland-allpairs', 'pgrouting'))}.")

if runs[("grid2000", "pooled")]:
    notes.append(f"pooled on grid2000, resident memory: {m(med('grid2000', 'pooled', 'rss_graph_kib') / 1024)} with the "
                 f"Graph built (GraphBuilder straight from the edge arrays, no RoadEdges), "
                 f"{m(med('grid2000', 'pooled', 'rss_after_search_kib') / 1024)} after the search (process peak "
                 f"{m(rss_mib('grid2000', 'pooled'))}).")

# Task 4: the Rutland graph build.
task = "rutland-build"
if runs[(task, "pooled")]:
    res = runs[(task, "pooled")][0]["result"]
    size = f"rutland-latest.osm.pbf -> {res['nodes']:,.0f} nodes, {res['arcs']:,.0f} arcs"
    row("4. Rutland graph build", size, "load_network, median of 5", res["time_s"], rss_mib(task, "pooled"), [],
        f"times: {res['times']}")

# Targets.
targets = []
g_pooled, g_scipy = med("grid2000", "pooled"), med("grid2000", "scipy")
if g_pooled and g_scipy:
    tr, mr = ratio(g_scipy, g_pooled), ratio(rss_mib("grid2000", "scipy"), rss_mib("grid2000", "pooled"))
    targets.append(f"one-to-all faster than scipy.sparse.csgraph with less memory: time ratio {r(tr)} "
                   f"({'met' if tr > 1 else 'NOT met'}), memory ratio scipy/pooled {r(mr)} "
                   f"({'met' if mr > 1 else 'NOT met'}; process peaks, graph build included)")
mt = med("road1000", "pooled")
quick = runs[("road1000", "pooled")] and len(np.loadtxt(out / "road1000.picks.txt")) != 2000
if mt and quick:
    targets.append("1,000 x 1,000 matrix: not measured (POOLED_BENCH_MATRIX set a smaller matrix)")
elif mt:
    mq = med("road1000", "pooled", "query_s")
    targets.append(f"1,000 x 1,000 matrix on a 1M-node road-like network under 10 s on "
                   f"{int(first('road1000', 'pooled', 'threads'))} threads: query on the contraction hierarchy "
                   f"{t(mq)} ({'met' if mq < 10 else 'NOT met'}); preprocessing + query {t(mt)} "
                   f"({'met' if mt < 10 else 'NOT met'})")
pg_t = med("rutland-nodes", "pgrouting")
if pg_t:
    for label, task, tool, key in (("route_matrix, hierarchy built in the call", "rutland", "pooled", "time_s"),
                                   ("node-to-node BoundedSearch", "rutland-nodes", "pooled", "time_s"),
                                   ("node-to-node hierarchy, preprocessing + query", "rutland-nodes", "pooled-ch", "time_s"),
                                   ("node-to-node hierarchy, query only", "rutland-nodes", "pooled-ch", "query_s")):
        if runs[(task, tool)]:
            x = ratio(pg_t, med(task, tool, key))
            targets.append(f"Rutland matrix >= 10x faster than pgRouting ({label}): {r(x)} "
                           f"({'met' if x >= 10 else 'NOT met'})")
bt = med("rutland-build", "pooled")
if bt:
    targets.append(f"Rutland drive graph from the PBF under 0.5 s: {t(bt)} ({'met' if bt < 0.5 else 'NOT met'})")

versions = []
for task, tool in (("grid500", "scipy"), ("grid500", "igraph"), ("grid500", "networkx"), ("rutland-nodes", "pgrouting")):
    if runs[(task, tool)]:
        versions.append(version(task, tool) if tool == "pgrouting" else f"{tool} {version(task, tool)}")

header = (f"{machine['date']}, {machine['nproc']} cores ({machine['cpu']}), pooled {machine['commit']} (Release), "
          f"median of {machine['runs']} runs ({machine['runs'] + 2} for Rutland), load average {machine['load_start']} "
          f"at start, {load_end} at end; peers: {', '.join(versions)} (Debian)")
print(header)
for line in lines:
    print(line)
print("targets:")
for line in targets:
    print("  " + line)
for line in notes:
    print("note: " + line)

md = [f"Run: {header}.", "",
      "| task | input | pooled | pooled peak | peer | peer time | peer peak | time ratio (peer/pooled) "
      "| memory ratio (peer/pooled) | agreement |",
      "|---|---|---|---|---|---|---|---|---|---|", *table, "", "Targets:", "",
      *[f"- {x}" for x in targets], *([""] + [f"- {x}" for x in notes] if notes else [])]
(out / "results.md").write_text("\n".join(md) + "\n")
print(f"(Markdown table: {out / 'results.md'})")
