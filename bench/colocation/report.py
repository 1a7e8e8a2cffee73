"""Markdown tables from bench/colocation/run.sh's results.jsonl (stdin path as argument)."""
import json
import statistics
import sys

ESTATE = [  # task, input, peer tool, peer name
    ("colocate500", "Derbyshire: 1,106 schools, libraries, GP practices, hospitals; groups within 500 m",
     "geopandas_networkx", "geopandas + networkx"),
    ("colocate2000", "the same within 2 km", "geopandas_networkx", "geopandas + networkx"),
    ("consolidate_coverage", "Derbyshire: fewest of 60 libraries keeping 95% of 651 LSOAs' residents within 15 min",
     "pulp_cbc", "PuLP + CBC"),
    ("consolidate_keep", "Derbyshire: keep 15 of 60 libraries (p-median, 651 LSOAs)", "pulp_cbc", "PuLP + CBC"),
]


def agreement(task, r):
    if task.startswith("colocate"):
        return (f"{r['same_groups']} of {r['pooled_groups']} pooled groups identical to the peer's "
                f"({r['groups']} groups, {r['close_pairs']} close pairs)")
    if r["goal"] == "coverage":
        return (f"kept {r['pooled_kept']} ({r['pooled_status']}) vs {r['kept']} ({r['status']}); share within 15 min "
                f"after: peer {100 * r['share_within_after']:.3f}%, differs from pooled's by "
                f"{100 * r['share_diff']:.3f} points (another optimal set)")
    return (f"kept {r['pooled_kept']} vs {r['kept']}, both optimal; mean seconds after differ by "
            f"{r['mean_s_diff']:.2g} s (pooled's JSON rounds to 6 digits)")


def estate_table(runs):
    if not any(r["task"] == ESTATE[0][0] for r in runs):
        return
    print("| task | input | pooled s | pooled MiB | peer | peer s | peer MiB | time ratio (peer/pooled) | agreement |")
    print("|---|---|---:|---:|---|---:|---:|---:|---|")
    for task, text, tool, name in ESTATE:
        mine = [r for r in runs if r["task"] == task and r["tool"] == "pooled"]
        theirs = [r for r in runs if r["task"] == task and r["tool"] == tool]
        if not mine or not theirs:
            continue
        t_mine = statistics.median(r["result"]["time_s"] for r in mine)
        t_theirs = statistics.median(r["result"]["time_s"] for r in theirs)
        m_mine = statistics.median(r["maxrss_kib"] for r in mine) / 1024
        m_theirs = statistics.median(r["maxrss_kib"] for r in theirs) / 1024
        print(f"| {task} | {text} | {t_mine:.2f} | {m_mine:.0f} | {name} | {t_theirs:.2f} | {m_theirs:.0f} "
              f"| {t_theirs / t_mine:.1f}x | {agreement(task, theirs[-1]['result'])} |")
    print(f"\nMedians of {len([r for r in runs if r['task'] == ESTATE[0][0] and r['tool'] == 'pooled'])} interleaved "
          "runs. pooled: the CLI process's wall time (reading, solving, writing). Peers: reading, model and solve, "
          "imports excluded.\n")


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    machine = next(r["machine"] for r in rows if "machine" in r)
    end = next((r["machine_end"] for r in rows if "machine_end" in r), {})
    runs = [r for r in rows if "task" in r]
    by = {(r["task"], r["tool"]): r for r in runs}
    print(f"Machine: {machine['nproc']} cores, {machine['date']}, commit {machine['commit']}, "
          f"load {machine['load_start']} at start, {end.get('load_end', '?')} at end.\n")
    reached = 0
    worst_gap = 0.0
    slowest = 0.0
    total = 0.0
    estate_table(runs)
    tasks = [r["task"] for r in runs if r["tool"] == "pooled" and r["task"].startswith("pmed")]
    if tasks:
        print("| instance | n | p | optimum | pooled objective | pooled bound | gap | pooled s (read + solve) "
              "| exact (CBC warm) | exact s | PuLP + CBC | PuLP + CBC s | MiB pooled / PuLP |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|")
    proved = 0
    for task in tasks:
        p = by[(task, "pooled")]["result"]
        reached += p["objective"] == p["optimum"]
        proved += p["status"] == "optimal"
        worst_gap = max(worst_gap, p["gap"])
        slowest = max(slowest, p["time_s"])
        total += p["time_s"]
        exact = f"{p['exact_status']} {p['exact_objective']:g} (bound {p['exact_bound']:g})"
        peer = by.get((task, "pulp_cbc"))
        if peer:
            q = peer["result"]
            peer_text = f"{q['status']} {q['objective'] if q['objective'] is not None else '-'}"
            peer_s = f"{q['time_s']:.2f}"
            mem = f"{by[(task, 'pooled')]['maxrss_kib'] // 1024} / {peer['maxrss_kib'] // 1024}"
        else:
            peer_text, peer_s, mem = "not run", "", f"{by[(task, 'pooled')]['maxrss_kib'] // 1024} / -"
        print(f"| {task} | {p['n']} | {p['p']} | {p['optimum']:g} | {p['objective']:g} | {p['bound']:g} "
              f"| {100 * p['gap']:.2f}% | {p['time_s']:.2f} ({p['read_s']:.2f} + {p['solve_s']:.2f}) | {exact} "
              f"| {p['exact_s']:.2f} | {peer_text} | {peer_s} | {mem} |")
    if tasks:
        print(f"\npooled reached the optimum on {reached} of {len(tasks)} and proved {proved} optimal (bound = "
              f"objective, no CBC); largest certified gap "
              f"{100 * worst_gap:.2f}%; slowest {slowest:.2f} s; all {len(tasks)} in {total:.1f} s.\n")
    syn = by.get(("synthetic", "pooled"))
    if syn:
        s = syn["result"]
        print(f"Synthetic: {s['zones']:,} zones x {s['sites']:,} sites, {s['pairs']:,} stored pairs, p = {s['p']}: "
              f"objective {s['objective']:.6g}, bound {s['bound']:.6g}, gap {100 * s['gap']:.2f}%, "
              f"matrix built in {s['build_s']:.1f} s, solved in {s['solve_s']:.1f} s, "
              f"peak memory {syn['maxrss_kib'] // 1024} MiB.")


if __name__ == "__main__":
    main()
