#!/usr/bin/python3
"""Writes the synthetic England-scale inputs of the national run (bench/national/run.sh).

    make_inputs.py LSOA_CSV EDGES_BIN ZONES ASSETS SEED OUT_DIR

LSOA_CSV   the attributes of testdata/derbyshire/derbyshire_zones.gpkg:lsoa21 (ogr2ogr -f CSV)
EDGES_BIN  a road-like grid from bench_grid_gen road (bench/network/grid_gen.cpp), 100 m blocks
ZONES      number of zones (England: 188,880 Output Areas; the issue asks 190,000)
ASSETS     number of public assets (the issue asks 100,000)

Writes into OUT_DIR:
  edges.csv   the grid as a pgRouting-style edge table (id, source, target, cost, reverse_cost
              in seconds, x1, y1, x2, y2 in EPSG:27700), node r * W + c at
              (X0 + 100 c, Y0 + 100 r)
  zones.csv   one square-ish cell polygon per zone tiling the grid's extent (WKT), with the
              Census 2021 counts that lsoa2021_variables.csv and the derbyshire schema read: each
              zone is a Derbyshire LSOA drawn with replacement, its counts scaled to an Output
              Area's size (x U[0.15, 0.25], England's OAs hold ~300 people against ~1,600 an
              LSOA) and rounded: one factor a zone keeps every part within its total, and the
              rounding makes the shares of zones drawn from the same LSOA differ slightly
  assets.csv  public assets at the centroids of zones drawn by population, jittered up to
              150 m, with owner, organisation kind, services, floor area, running cost,
              capacity, tenure and lease end
and prints a JSON line describing them. numpy's PCG64 with SEED, so the files are the same on
every machine with the same numpy.
"""
import csv
import json
import math
import sys

import numpy as np

X0, Y0 = 300000.0, 100000.0  # south-west corner in British National Grid (central England)
BLOCK = 100.0                # metres between grid nodes (bench_grid_gen road)

KINDS = [  # organisation kind, owners of that kind, services, floor area (median m2), share of assets
    ("council", 300, ["library", "community centre", "council offices", "depot", "leisure centre"], 600, 0.40),
    ("nhs", 200, ["gp surgery", "clinic", "hospital", "mental health"], 900, 0.20),
    ("education", 150, ["primary school", "secondary school", "college"], 2500, 0.25),
    ("police", 40, ["police station", "custody"], 1200, 0.05),
    ("fire", 45, ["fire station"], 800, 0.05),
    ("ambulance", 10, ["ambulance station"], 500, 0.03),
    ("central_government", 20, ["jobcentre", "court", "tax office"], 1500, 0.02),
]


def read_edges(path):
    with open(path, "rb") as f:
        if f.read(8) != b"PLDEDGE1":
            sys.exit(f"not an edge list: {path}")
        nodes, m, width, height = np.frombuffer(f.read(32), dtype=np.uint64)
        m = int(m)
        u = np.frombuffer(f.read(4 * m), dtype=np.uint32)
        v = np.frombuffer(f.read(4 * m), dtype=np.uint32)
        fwd = np.frombuffer(f.read(4 * m), dtype=np.float32)
        bwd = np.frombuffer(f.read(4 * m), dtype=np.float32)
    return int(nodes), int(width), int(height), u, v, fwd, bwd


def write_edge_table(path, width, u, v, fwd, bwd):
    def coords(node):
        return X0 + BLOCK * (node % width), Y0 + BLOCK * (node // width)

    x1, y1 = coords(u.astype(np.int64))
    x2, y2 = coords(v.astype(np.int64))
    ids = np.arange(1, len(u) + 1)
    columns = [ids, u, v, np.round(fwd.astype(np.float64), 3), np.round(bwd.astype(np.float64), 3), x1, y1, x2, y2]
    with open(path, "w") as f:
        f.write("id,source,target,cost,reverse_cost,x1,y1,x2,y2\n")
        step = 500000  # in chunks: 8M rows of text at once would take GiBs
        for lo in range(0, len(u), step):
            block = np.column_stack([c[lo:lo + step] for c in columns])
            np.savetxt(f, block, fmt=["%d", "%d", "%d", "%.3f", "%.3f", "%.0f", "%.0f", "%.0f", "%.0f"], delimiter=",")


def grid_shape(n):
    """rows x columns with rows the largest divisor of n not above sqrt(n): 190,000 = 400 x 475."""
    rows = max(d for d in range(1, math.isqrt(n) + 1) if n % d == 0)
    return rows, n // rows


def main():
    lsoa_csv, edges_bin, n_zones, n_assets, seed, out = sys.argv[1:7]
    n_zones, n_assets, seed = int(n_zones), int(n_assets), int(seed)
    rng = np.random.default_rng(seed)

    nodes, width, height, u, v, fwd, bwd = read_edges(edges_bin)
    write_edge_table(f"{out}/edges.csv", width, u, v, fwd, bwd)
    extent_x, extent_y = BLOCK * (width - 1), BLOCK * (height - 1)

    # --- zones: LSOAs drawn with replacement, scaled to Output Areas --------------------
    with open(lsoa_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    counts = [c for c in rows[0] if c.startswith("ts") or c.startswith("age_")]
    table = np.array([[float(r[c] or 0) for c in counts] for r in rows])
    density = np.array([float(r["pop_density_per_ha_bsc"] or 0) for r in rows])
    pick = rng.integers(0, len(rows), n_zones)
    scale = rng.uniform(0.15, 0.25, n_zones)[:, None]
    zone_counts = np.rint(table[pick] * scale).astype(np.int64)
    zone_density = np.round(density[pick] * rng.uniform(0.9, 1.1, n_zones), 2)
    grid_rows, grid_cols = grid_shape(n_zones)
    cell_w, cell_h = extent_x / grid_cols, extent_y / grid_rows
    population = zone_counts[:, counts.index("ts0010001")]
    centroids = np.empty((n_zones, 2))
    with open(f"{out}/zones.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["wkt", "zone_id", "zone_name", "pop_density_per_ha_bsc"] + counts)
        for i in range(n_zones):
            r, c = divmod(i, grid_cols)
            x, y = X0 + c * cell_w, Y0 + r * cell_h
            centroids[i] = (x + cell_w / 2, y + cell_h / 2)
            wkt = (f"POLYGON (({x:.1f} {y:.1f},{x + cell_w:.1f} {y:.1f},{x + cell_w:.1f} {y + cell_h:.1f},"
                   f"{x:.1f} {y + cell_h:.1f},{x:.1f} {y:.1f}))")
            w.writerow([wkt, f"Z{i + 1:06d}", f"Zone {i + 1}", zone_density[i]] + zone_counts[i].tolist())

    # --- assets: where people live, of every kind --------------------------------------
    shares = np.array([k[4] for k in KINDS])
    kind_of = rng.choice(len(KINDS), n_assets, p=shares / shares.sum())
    zone_of = rng.choice(n_zones, n_assets, p=population / population.sum())
    jitter = rng.uniform(-150.0, 150.0, (n_assets, 2))
    with open(f"{out}/assets.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["asset_id", "name", "organisation", "organisation_kind", "services", "floor_area",
                    "running_cost", "capacity", "tenure", "lease_end", "easting", "northing"])
        for i in range(n_assets):
            kind, owners, services, median_area, _ = KINDS[kind_of[i]]
            owner = int(rng.integers(1, owners + 1))
            service = services[int(rng.integers(len(services)))]
            area = round(float(median_area * rng.lognormal(0.0, 0.6)), 1)
            cost = round(area * float(rng.uniform(80.0, 220.0)), 0)
            leased = rng.random() < 0.2
            lease_end = f"{int(rng.integers(2026, 2040))}-{int(rng.integers(1, 13)):02d}-01" if leased else ""
            x, y = centroids[zone_of[i]] + jitter[i]
            w.writerow([f"A{i + 1:06d}", f"{service.title()} {i + 1}", f"{kind.replace('_', ' ').title()} {owner}",
                        kind, service, area, cost, round(area / 10.0), "Leasehold" if leased else "Freehold",
                        lease_end, f"{x:.1f}", f"{y:.1f}"])

    print(json.dumps({"zones": n_zones, "zone_grid": [grid_rows, grid_cols], "assets": n_assets,
                      "population": int(population.sum()), "nodes": nodes, "edges": len(u),
                      "extent_m": [extent_x, extent_y], "count_columns": len(counts), "seed": seed}))


if __name__ == "__main__":
    main()
