"""The peers of the network benchmarks: scipy.sparse.csgraph, igraph and networkx (Debian's
python3 packages), on the same inputs as the pooled programs. Run with /usr/bin/python3.

Each command is one measured process: it reads its input, builds the tool's graph (timed
separately as build_s), times only the search (time_s) and prints one line
RESULT {json}. Optional output files hold the distances as float64 for the agreement checks.

  peers.py grid    TOOL EDGES.bin [DIST_OUT.bin]            one-to-all from node 0
  peers.py matrix  TOOL EDGES.bin PICKS.txt K [OUT.bin]     the first K origins x all destinations
  peers.py rutland TOOL DIR [OUT.bin]                       node-to-node, DIR from bench_rutland export
TOOL is scipy, igraph or networkx.
"""
import json
import sys
import time

import numpy as np


def result(**fields):
    print("RESULT " + json.dumps(fields), flush=True)


def read_edges(path):
    """Arcs (tail, head, seconds) of an edge list written by bench_grid_gen (see common.hpp)."""
    with open(path, "rb") as f:
        if f.read(8) != b"PLDEDGE1":
            raise SystemExit(f"not an edge list: {path}")
        n, m, _w, _h = (int(x) for x in np.frombuffer(f.read(32), dtype="<u8"))
        u = np.fromfile(f, dtype="<u4", count=m)
        v = np.fromfile(f, dtype="<u4", count=m)
        fwd = np.fromfile(f, dtype="<f4", count=m)
        bwd = np.fromfile(f, dtype="<f4", count=m)
    return n, u, v, fwd, bwd


def read_edges_csv(directory):
    """The Rutland graph exported by bench_rutland: edges (from, to, forward, backward; -1 = closed)."""
    data = np.loadtxt(f"{directory}/edges.csv", delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    u = data[:, 1].astype(np.int64)
    v = data[:, 2].astype(np.int64)
    fwd = np.where(data[:, 3] < 0, np.inf, data[:, 3]).astype(np.float32)
    bwd = np.where(data[:, 4] < 0, np.inf, data[:, 4]).astype(np.float32)
    n = int(max(u.max(), v.max())) + 1
    return n, u, v, fwd, bwd


def arcs(u, v, fwd, bwd, parallel=False):
    """Directed arcs of the open directions. With `parallel` (the OSM graph may have parallel
    edges; the grids have none), parallel arcs are reduced to the cheapest, as a
    shortest-path search sees them: csr_matrix would add them up, networkx keep the last."""
    f = np.isfinite(fwd)
    b = np.isfinite(bwd)
    tail = np.concatenate([u[f], v[b]])
    head = np.concatenate([v[f], u[b]])
    cost = np.concatenate([fwd[f], bwd[b]]).astype(np.float64)
    if not parallel:
        return tail, head, cost
    order = np.lexsort((cost, head, tail))
    tail, head, cost = tail[order], head[order], cost[order]
    first = np.ones(len(tail), dtype=bool)
    first[1:] = (tail[1:] != tail[:-1]) | (head[1:] != head[:-1])
    return tail[first], head[first], cost[first]


def symmetric(u, v, fwd, bwd):
    return bool(np.array_equal(fwd, bwd))


class Scipy:
    def __init__(self, n, u, v, fwd, bwd):
        from scipy.sparse import csr_matrix
        tail, head, cost = arcs(u, v, fwd, bwd, PARALLEL)
        self.graph = csr_matrix((cost, (tail, head)), shape=(n, n))

    def distances(self, sources, targets=None):
        from scipy.sparse.csgraph import dijkstra
        d = dijkstra(self.graph, directed=True, indices=sources)
        return d if targets is None else d[:, targets]


class Igraph:
    def __init__(self, n, u, v, fwd, bwd):
        import igraph as ig
        if symmetric(u, v, fwd, bwd):  # undirected graph: half the edges
            self.graph = ig.Graph(n=n, edges=list(zip(u.tolist(), v.tolist())), directed=False)
            self.weights = fwd.astype(np.float64).tolist()
        else:
            tail, head, cost = arcs(u, v, fwd, bwd, PARALLEL)
            self.graph = ig.Graph(n=n, edges=list(zip(tail.tolist(), head.tolist())), directed=True)
            self.weights = cost.tolist()

    def distances(self, sources, targets=None):
        # igraph refuses repeated targets (two points snapped to one node): ask for each once.
        if targets is None:
            return np.array(self.graph.distances(source=sources, weights=self.weights, mode="out"))
        unique, back = np.unique(np.asarray(targets), return_inverse=True)
        d = np.array(self.graph.distances(source=sources, target=unique.tolist(), weights=self.weights, mode="out"))
        return d[:, back]


class Networkx:
    def __init__(self, n, u, v, fwd, bwd):
        import networkx as nx
        self.n = n
        self.graph = nx.DiGraph()
        self.graph.add_nodes_from(range(n))
        tail, head, cost = arcs(u, v, fwd, bwd, PARALLEL)
        self.graph.add_weighted_edges_from(zip(tail.tolist(), head.tolist(), cost.tolist()))

    def distances(self, sources, targets=None):
        import networkx as nx
        rows = []
        for s in sources:
            found = nx.single_source_dijkstra_path_length(self.graph, int(s), weight="weight")
            if targets is None:
                row = np.full(self.n, np.inf)
                row[list(found.keys())] = list(found.values())
            else:
                row = np.array([found.get(int(t), np.inf) for t in targets])
            rows.append(row)
        return np.array(rows)


PARALLEL = False  # set for the Rutland graph

TOOLS = {"scipy": Scipy, "igraph": Igraph, "networkx": Networkx}


def version(tool):
    module = __import__(tool)
    return module.__version__


def build(tool, n, u, v, fwd, bwd):
    t = time.perf_counter()
    graph = TOOLS[tool](n, u, v, fwd, bwd)
    return graph, time.perf_counter() - t


def grid(tool, edges, out=None):
    n, u, v, fwd, bwd = read_edges(edges)
    graph, build_s = build(tool, n, u, v, fwd, bwd)
    del u, v, fwd, bwd
    t = time.perf_counter()
    d = graph.distances([0])
    time_s = time.perf_counter() - t
    d = np.asarray(d, dtype=np.float64).reshape(-1)
    finite = np.isfinite(d)
    if out:
        d.tofile(out)
    result(tool=tool, version=version(tool), nodes=n, build_s=build_s, time_s=time_s,
           reached=int(finite.sum()), sum=float(d[finite].sum()), max=float(d[finite].max()))


def matrix(tool, edges, picks, k, out=None):
    n, u, v, fwd, bwd = read_edges(edges)
    ids = np.loadtxt(picks, dtype=np.int64)
    origins, destinations = ids[: len(ids) // 2], ids[len(ids) // 2:]
    graph, build_s = build(tool, n, u, v, fwd, bwd)
    del u, v, fwd, bwd
    sources = origins[:k].tolist()
    t = time.perf_counter()
    d = graph.distances(sources, destinations.tolist())
    time_s = time.perf_counter() - t
    d = np.asarray(d, dtype=np.float64)
    if out:
        d.tofile(out)
    finite = np.isfinite(d)
    result(tool=tool, version=version(tool), nodes=n, build_s=build_s, time_s=time_s, origins=k,
           destinations=len(destinations), stored=int(finite.sum()), sum=float(d[finite].sum()))


def rutland(tool, directory, out=None):
    global PARALLEL
    PARALLEL = True
    n, u, v, fwd, bwd = read_edges_csv(directory)
    origins = np.loadtxt(f"{directory}/origins.csv", delimiter=",", skiprows=1, usecols=1, dtype=np.int64)
    destinations = np.loadtxt(f"{directory}/destinations.csv", delimiter=",", skiprows=1, usecols=1, dtype=np.int64)
    graph, build_s = build(tool, n, u, v, fwd, bwd)
    t = time.perf_counter()
    d = graph.distances(origins.tolist(), destinations.tolist())
    time_s = time.perf_counter() - t
    d = np.asarray(d, dtype=np.float64)
    if out:
        d.tofile(out)
    finite = np.isfinite(d)
    result(tool=tool, version=version(tool), nodes=n, build_s=build_s, time_s=time_s, origins=len(origins),
           destinations=len(destinations), stored=int(finite.sum()), sum=float(d[finite].sum()))


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    command, tool, rest = argv[0], argv[1], argv[2:]
    if tool not in TOOLS:
        raise SystemExit(f"unknown tool {tool}")
    if command == "grid":
        grid(tool, *rest)
    elif command == "matrix":
        matrix(tool, rest[0], rest[1], int(rest[2]), *rest[3:])
    elif command == "rutland":
        rutland(tool, *rest)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
