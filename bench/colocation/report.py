"""Markdown tables from bench/colocation/run.sh's results.jsonl (stdin path as argument)."""
import json
import sys


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    machine = next(r["machine"] for r in rows if "machine" in r)
    end = next((r["machine_end"] for r in rows if "machine_end" in r), {})
    runs = [r for r in rows if "task" in r]
    by = {(r["task"], r["tool"]): r for r in runs}
    print(f"Machine: {machine['nproc']} cores, {machine['date']}, commit {machine['commit']}, "
          f"load {machine['load_start']} at start, {end.get('load_end', '?')} at end.\n")
    print("| instance | n | p | optimum | pooled objective | pooled bound | gap | pooled s (read + solve) "
          "| exact (CBC warm) | exact s | PuLP + CBC | PuLP + CBC s | MiB pooled / PuLP |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|---:|")
    reached = 0
    worst_gap = 0.0
    slowest = 0.0
    total = 0.0
    tasks = [r["task"] for r in runs if r["tool"] == "pooled" and r["task"].startswith("pmed")]
    for task in tasks:
        p = by[(task, "pooled")]["result"]
        reached += p["objective"] == p["optimum"]
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
    print(f"\npooled reached the optimum on {reached} of {len(tasks)}; largest certified gap "
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
