"""The accessibility measures written in numpy/scipy, the peer of bench/accessibility (issue 4).

    python3 peers.py IN.bin MEASURE CUTOFF BETA

Reads the matrix file bench_accessibility writes (not timed), times one measure on a
scipy.sparse CSR matrix of the weights and prints RESULT {"time_s", "wall_s", "entries", "sum", "first"}
like the C++ program. Each measure is the textbook vectorised form (one pass over the entries per
step); written for this benchmark, same formulas as include/pooled/accessibility/*.hpp.
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp


def load(path):
    with open(path, "rb") as f:
        zones, sites, entries = np.fromfile(f, np.uint64, 3).astype(np.int64)
        indptr = np.fromfile(f, np.uint64, zones + 1).astype(np.int64)
        indices = np.fromfile(f, np.uint32, entries)
        costs = np.fromfile(f, np.float64, entries)
        demand = np.fromfile(f, np.float64, zones)
        supply = np.fromfile(f, np.float64, sites)
    return zones, sites, indptr, indices, costs, demand, supply


def main():
    path, measure, cutoff, beta = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    zones, sites, indptr, indices, costs, demand, supply = load(path)
    shape = (zones, sites)

    def matrix(weights):
        return sp.csr_matrix((weights, indices, indptr), shape=shape)

    def fca(w, demand_):
        W = matrix(w)
        d = W.T @ demand_
        r = np.divide(supply, d, out=np.zeros_like(d), where=d > 0)
        return W @ r

    start, wall_start = time.process_time(), time.perf_counter()
    if measure == "2sfca":
        result = fca((costs <= cutoff).astype(np.float64), demand)
    elif measure == "e2sfca":
        bands = np.array([cutoff / 3, cutoff * 2 / 3, cutoff])
        weights = np.array([1.0, 0.68, 0.22, 0.0])
        result = fca(weights[np.searchsorted(bands, costs, side="left")], demand)
    elif measure == "3sfca":
        w = (costs <= cutoff).astype(np.float64)
        row_sum = matrix(w) @ np.ones(sites)
        inv = np.divide(1.0, row_sum, out=np.zeros_like(row_sum), where=row_sum > 0)
        result = fca(w * w * np.repeat(inv, np.diff(indptr)), demand)
    elif measure == "gravity":
        result = matrix(np.exp(-beta * costs)) @ supply
    elif measure == "cumulative":
        result = matrix((costs <= cutoff).astype(np.float64)) @ supply
    elif measure == "availability":
        result = demand * fca(np.exp(-beta * costs), demand)
    elif measure == "huff":
        u = supply[indices] * np.exp(-beta * costs)
        row_sum = matrix(u) @ np.ones(sites)
        p = u / np.repeat(row_sum, np.diff(indptr))
        P = matrix(p)
        users = P.T @ demand
        per_user = np.divide(supply, users, out=np.zeros_like(users), where=users > 0)
        result = P @ per_user
    elif measure == "coverage":
        result = (matrix(((costs <= cutoff) & (supply[indices] > 0)).astype(np.float64)) @ np.ones(sites) > 0).astype(np.float64)
    else:
        raise SystemExit("unknown measure " + measure)
    seconds, wall = time.process_time() - start, time.perf_counter() - wall_start
    print("RESULT " + json.dumps({"time_s": seconds, "wall_s": wall, "entries": int(len(costs)), "sum": float(result.sum()),
                                  "first": [float(x) for x in result[:3]]}))


if __name__ == "__main__":
    main()
