"""p-median on an OR-Library instance with PuLP + CBC, the way pysal/spopt solves it.

    /usr/bin/python3 peers.py FILE OPTIMUM TIME_LIMIT_S

Reads the file (a repeated edge takes its LAST cost, as OR-Library prescribes), completes the
matrix with scipy's Floyd-Warshall, builds spopt's PMedian model (binary y_j and x_ij,
sum_j x_ij = 1, x_ij <= y_j, sum_j y_j = p) and solves it with Debian's CBC through PuLP's
COIN_CMD (one thread, time limit). Prints one RESULT line:
  {"instance", "n", "p", "optimum", "objective", "bound", "status", "read_s", "model_s", "solve_s", "time_s"}
(bound is CBC's best bound when it stops at the limit, parsed from its log; null if unknown).
"""
import json
import os
import re
import sys
import tempfile
import time

import numpy as np
import pulp
from scipy.sparse.csgraph import floyd_warshall


def main():
    path, optimum, limit = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    t0 = time.perf_counter()
    with open(path) as f:
        tokens = f.read().split()
    n, m, p = int(tokens[0]), int(tokens[1]), int(tokens[2])
    dense = np.full((n, n), np.inf)
    np.fill_diagonal(dense, 0.0)
    for e in range(m):
        i, j, c = (int(t) for t in tokens[3 + 3 * e: 6 + 3 * e])
        dense[i - 1, j - 1] = dense[j - 1, i - 1] = c
    d = floyd_warshall(dense, directed=False)
    t1 = time.perf_counter()
    prob = pulp.LpProblem("pmedian", pulp.LpMinimize)
    y = [pulp.LpVariable(f"y{j}", cat="Binary") for j in range(n)]
    x = [[pulp.LpVariable(f"x{i}_{j}", cat="Binary") for j in range(n)] for i in range(n)]
    prob += pulp.lpSum(d[i, j] * x[i][j] for i in range(n) for j in range(n))
    for i in range(n):
        prob += pulp.lpSum(x[i]) == 1
        for j in range(n):
            prob += x[i][j] <= y[j]
    prob += pulp.lpSum(y) == p
    t2 = time.perf_counter()
    log = tempfile.NamedTemporaryFile(suffix=".log", delete=False).name
    solver = pulp.COIN_CMD(path="/usr/bin/cbc", msg=False, timeLimit=limit, threads=1, logPath=log)
    prob.solve(solver)
    t3 = time.perf_counter()
    bound = None
    with open(log) as f:
        text = f.read()
    if os.environ.get("PEERS_KEEP_LOG"):
        sys.stderr.write(text[-3000:])
    os.unlink(log)
    found = re.findall(r"Lower bound:\s+([-0-9.e+]+)", text) or re.findall(r"best possible ([-0-9.e+]+)", text)
    if found:
        bound = float(found[-1])
    objective = pulp.value(prob.objective)
    if "Optimal solution found" in text:
        status = "optimal"
        bound = objective
    elif "No feasible solution found" in text:
        status, objective = "no_solution", None  # PuLP's value is then the LP relaxation's
    else:
        status = "feasible"
    print("RESULT " + json.dumps({
        "instance": os.path.splitext(os.path.basename(path))[0], "n": n, "p": p, "optimum": optimum,
        "objective": objective, "bound": bound, "status": status, "read_s": round(t1 - t0, 4),
        "model_s": round(t2 - t1, 4), "solve_s": round(t3 - t2, 4), "time_s": round(t3 - t0, 4)}))


if __name__ == "__main__":
    main()
