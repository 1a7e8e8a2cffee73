"""Peers of `pooled colocate` and `pooled consolidate` on the Derbyshire data, for run.sh.

    /usr/bin/python3 peers_estate.py colocate WITHIN_M POOLED_GPKG
    /usr/bin/python3 peers_estate.py consolidate (coverage|keep) POOLED_JSON

colocate: geopandas reads the four asset layers (schools, libraries, GP practices, hospitals;
one service and one owner per layer, as run.sh gives pooled) in EPSG:27700; candidate pairs
come from the spatial index (query_bulk with a square of side 2 x WITHIN), kept when the exact
distance is <= WITHIN and the services may share under share/pooled/compatibility.csv; the
groups are networkx.find_cliques of that graph with two or more owners (as the Derbyshire check
in tests/integration does). Agreement: how many groups have exactly the members (layer and
point) of one of pooled's groups (read from POOLED_GPKG, colocation_members, after the timing).

consolidate: the 651 LSOAs at their representative point (GEOS PointOnSurface, as pooled) with
their population (ts0010001), the 60 open libraries (closed XL/XLR left out), straight-line
seconds at 30 km/h; PuLP + CBC (Debian's /usr/bin/cbc, one thread) solves "the fewest libraries
keeping 95% of residents within 900 s" (coverage) or the p-median keeping 15 (keep), the models
of tests/integration/consolidation_derbyshire_check.py. Agreement with POOLED_JSON: the number
kept and the share within 900 s after (coverage), the mean seconds after (keep).

Prints one RESULT line with time_s (reading, model and solve; imports excluded) and agreement.
"""
import collections
import json
import sys
import time

import geopandas
import networkx
import numpy as np
import pulp

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, "tests/integration")
from colocation_derbyshire_check import GPKG, LAYERS, compatibility  # noqa: E402 (the same layers and table reader)

ZONES = "testdata/derbyshire/derbyshire_zones.gpkg"
SPEED = 30 / 3.6  # m/s
CUTOFF = 900.0


def point_key(layer, x, y):
    return (layer, round(float(x), 1), round(float(y), 1))


def colocate(within, pooled_gpkg):
    t0 = time.perf_counter()
    may_share = compatibility("share/pooled/compatibility.csv")
    frames = []
    for layer, service, owner in LAYERS[:4]:  # the fire estate has its service from a schema: left out
        f = geopandas.read_file(GPKG, layer=layer).to_crs(27700)[["geometry"]]
        f["layer"], f["service"], f["owner"] = layer, service, owner
        frames.append(f)
    assets = geopandas.GeoDataFrame(geopandas.pd.concat(frames, ignore_index=True), crs=27700)
    x, y = assets.geometry.x.to_numpy(), assets.geometry.y.to_numpy()
    left, right = assets.sindex.query_bulk(assets.geometry.buffer(within, cap_style=3), predicate="intersects")
    keep = (left < right) & (np.hypot(x[left] - x[right], y[left] - y[right]) <= within)
    graph = networkx.Graph()
    graph.add_nodes_from(range(len(assets)))
    service, owner = assets["service"].to_numpy(), assets["owner"].to_numpy()
    close = linked = 0
    for i, j in zip(left[keep], right[keep]):
        close += 1
        if may_share(service[i], service[j]):
            linked += 1
            graph.add_edge(i, j)
    groups = [c for c in networkx.find_cliques(graph) if len(c) >= 2 and len({owner[k] for k in c}) >= 2]
    seconds = time.perf_counter() - t0

    layer = assets["layer"].to_numpy()
    # Groups as multisets of (layer, point): a few assets share a point, so equal keys are counted.
    ours = collections.Counter(frozenset(point_key(layer[k], x[k], y[k]) for k in c) for c in groups)
    members = geopandas.read_file(pooled_gpkg, layer="colocation_members")
    theirs = collections.Counter(
        frozenset(point_key(r.asset_id.split(":")[0], r.geometry.x, r.geometry.y) for r in g.itertuples())
        for _, g in members.groupby("rank"))
    print("RESULT " + json.dumps({
        "assets": len(assets), "close_pairs": close, "linked_pairs": linked, "groups": len(groups),
        "pooled_groups": sum(theirs.values()), "same_groups": sum((ours & theirs).values()), "time_s": seconds}))


def consolidate(goal, pooled_json):
    t0 = time.perf_counter()
    zones = geopandas.read_file(ZONES, layer="lsoa21").to_crs(27700)
    points = zones.geometry.representative_point()
    libs = geopandas.read_file(GPKG, layer="libraries_2016").to_crs(27700)
    libs = libs[~libs["closed"].isin(["XL", "XLR"])]
    pop = zones["ts0010001"].to_numpy(dtype=float)
    zx, zy = points.x.to_numpy(), points.y.to_numpy()
    lx, ly = libs.geometry.x.to_numpy(), libs.geometry.y.to_numpy()
    cost = np.hypot(zx[:, None] - lx[None, :], zy[:, None] - ly[None, :]) / SPEED
    n, m = cost.shape
    total = pop.sum()
    model = pulp.LpProblem("consolidate", pulp.LpMinimize)
    y = [pulp.LpVariable(f"y{j}", cat="Binary") for j in range(m)]
    if goal == "coverage":
        covered = [pulp.LpVariable(f"c{i}", 0, 1) for i in range(n)]
        model += pulp.lpSum(y)
        for i in range(n):
            model += covered[i] <= pulp.lpSum(y[j] for j in range(m) if cost[i, j] <= CUTOFF)
        model += pulp.lpSum(pop[i] * covered[i] for i in range(n)) >= 0.95 * total
    else:
        x = [[pulp.LpVariable(f"x{i}_{j}", 0, 1) for j in range(m)] for i in range(n)]
        model += pulp.lpSum(pop[i] * cost[i, j] * x[i][j] for i in range(n) for j in range(m))
        for i in range(n):
            model += pulp.lpSum(x[i]) == 1
            for j in range(m):
                model += x[i][j] <= y[j]
        model += pulp.lpSum(y) == 15
    model.solve(pulp.COIN_CMD(path="/usr/bin/cbc", msg=False, threads=1))
    seconds = time.perf_counter() - t0

    kept = [j for j in range(m) if y[j].value() > 0.5]
    best = cost[:, kept].min(axis=1)
    share = float(pop[best <= CUTOFF].sum() / total)
    mean = float((pop * best).sum() / total)
    pooled = json.load(open(pooled_json))
    after = pooled["overall"]
    if goal == "coverage":
        agreement = {"same_count": len(kept) == pooled["kept"],
                     "share_diff": abs(share - after["share_within_after"])}
    else:
        agreement = {"mean_s_diff": abs(mean - after["mean_cost_after"])}
    print("RESULT " + json.dumps({
        "goal": goal, "zones": n, "libraries": m, "status": pulp.LpStatus[model.status], "kept": len(kept),
        "share_within_after": share, "mean_s_after": mean, "pooled_kept": pooled["kept"],
        "pooled_status": pooled["status"], **agreement, "time_s": seconds}))


if __name__ == "__main__":
    if sys.argv[1] == "colocate":
        colocate(float(sys.argv[2]), sys.argv[3])
    else:
        consolidate(sys.argv[2], sys.argv[3])
