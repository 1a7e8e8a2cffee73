#!/usr/bin/python3
"""The national run's table: time and peak memory per stage and in total.

    report.py OUT INPUTS_JSON SAMPLE STARTED LOAD_START LOAD_END COMMIT

Reads OUT/run.err (the "timing STEP SECONDS s, peak MIB MiB" lines of `pooled run --timings`),
OUT/time.txt (/usr/bin/time -v of the whole process), OUT/run.json (`pooled run --json`) and,
when SAMPLE > 0, OUT/isochrones.err (the road isochrones of SAMPLE assets); writes
OUT/results.md and OUT/results.json and prints the table.
"""
import json
import re
import sys
from pathlib import Path

TARGET_S, TARGET_GIB = 600.0, 8.0


def time_v(path):
    fields = {}
    for line in Path(path).read_text().splitlines():
        key, _, value = line.strip().rpartition(": ")
        fields[key] = value
    wall = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
    return {"wall_s": seconds, "maxrss_kib": int(fields["Maximum resident set size (kbytes)"]),
            "user_s": float(fields["User time (seconds)"]), "system_s": float(fields["System time (seconds)"])}


def timings(path):
    steps = []
    for line in Path(path).read_text().splitlines():
        m = re.match(r"timing (\S+)\s+([0-9.]+) s, peak\s+([0-9.]+) MiB", line)
        if m:
            steps.append({"step": m.group(1), "seconds": float(m.group(2)), "peak_mib": float(m.group(3))})
    return steps


def main():
    out, inputs_json, sample, started, load_start, load_end, commit = sys.argv[1:8]
    out, sample = Path(out), int(sample)
    inputs = json.loads(Path(inputs_json).read_text())
    steps = timings(out / "run.err")
    isochrones = None
    if sample > 0:
        stage = next(s for s in timings(out / "isochrones.err") if s["step"] == "catchments")
        isochrones = {"sample": sample, "seconds": stage["seconds"], "per_asset_s": stage["seconds"] / sample,
                      "all_assets_s": stage["seconds"] / sample * inputs["assets"]}
    process = time_v(out / "time.txt")
    run = json.loads((out / "run.json").read_text())
    stages = run["summary"]["stages"]
    loaded = stages["load"]
    population = loaded.get("population")
    total = next(s for s in steps if s["step"] == "total")
    peak_gib = process["maxrss_kib"] / 1048576
    size = (f"{inputs['zones']:,} zones, {inputs['assets']:,} assets, road-like grid "
            f"{inputs['nodes']:,} nodes / {inputs['edges']:,} edges")
    agree = (f"population loaded {population:,.0f} = generated {inputs['population']:,}"
             if population is not None and round(population) == inputs["population"]
             else f"population loaded {population} != generated {inputs['population']}")
    record = {"task": "national", "input": size, "inputs": inputs, "steps": steps, "process": process,
              "layers": run["layers"], "agreement": agree, "isochrones": isochrones, "started": started, "load_start": load_start,
              "load_end": load_end, "commit": commit,
              "met": {"time": process["wall_s"] < TARGET_S, "memory": peak_gib < TARGET_GIB}}
    (out / "results.json").write_text(json.dumps(record, indent=2) + "\n")

    lines = [f"National run: {started}, pooled {commit} (Release), load average {load_start} at start, "
             f"{load_end} at end; {size}.", "",
             "| step | time | peak memory so far |", "|---|---|---|"]
    for s in steps:
        name = "**total (stages + outputs)**" if s["step"] == "total" else s["step"]
        lines.append(f"| {name} | {s['seconds']:.1f} s | {s['peak_mib']:,.0f} MiB |")
    lines += ["", f"Whole process (/usr/bin/time -v): {process['wall_s']:.1f} s wall "
                  f"(user {process['user_s']:.1f} s, system {process['system_s']:.1f} s), peak {peak_gib:.2f} GiB. "
                  f"Target under {TARGET_S / 60:.0f} minutes: {'met' if record['met']['time'] else 'NOT met'}; "
                  f"under {TARGET_GIB:.0f} GiB: {'met' if record['met']['memory'] else 'NOT met'}. {agree}.",
              "", "Layers written: " + ", ".join(f"{k} {v:,}" for k, v in run["layers"].items()) + "."]
    if isochrones:
        lines += ["", f"Road isochrones (10 minutes' drive, left out of the run): {sample} assets took "
                      f"{isochrones['seconds']:.1f} s on 2 threads, {isochrones['per_asset_s']:.2f} s an asset, so "
                      f"about {isochrones['all_assets_s'] / 60:,.0f} minutes for all {inputs['assets']:,}."]
    (out / "results.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"national  {size}  pooled run: {total['seconds']:.1f} s (process {process['wall_s']:.1f} s), "
          f"peak {peak_gib:.2f} GiB  {agree}")


if __name__ == "__main__":
    main()
