#!/usr/bin/python3
"""Independent check of the Derbyshire co-location counts in colocation_derbyshire_test.cpp.

Reads the five layers with geopandas (reprojected to EPSG:27700 by PROJ through pyproj), links
two assets when they are within 500 m (shapely distance, inclusive) and their services may share
under share/pooled/compatibility.csv (parsed here with Python's csv module, aliases resolved),
takes the maximal cliques of that graph with networkx.find_cliques, and keeps those with two or
more owners (one owner per layer, as the test sets them). Run once from the repository root:

    /usr/bin/python3 tests/integration/colocation_derbyshire_check.py

bench/colocation/peers_estate.py imports its layers and compatibility reader.
"""
import collections
import csv
import itertools

import geopandas
import networkx

GPKG = "testdata/derbyshire/derbyshire_facilities.gpkg"
LAYERS = [  # layer, service, owner
    ("schools_gias_2025", "school", "Schools"),
    ("libraries_2016", "library", "Library services"),
    ("gp_practices_2022", "gp practice", "GP practices"),
    ("hospitals_2022", "hospital", "NHS hospitals"),
    ("fire_estate_dfrs_2016", "fire and rescue", "Derbyshire Fire and Rescue Service"),
]


def compatibility(path):
    aliases, rules = {}, {}
    rows = [r for r in csv.reader(open(path)) if r and not r[0].lstrip().startswith("#")][1:]
    norm = lambda s: " ".join(s.strip().lower().split())
    for r in rows:
        if norm(r[2]) == "alias":
            aliases[norm(r[1])] = norm(r[0])
    canon = lambda s: aliases.get(norm(s), norm(s))
    for r in rows:
        if norm(r[2]) != "alias":
            rules[frozenset((canon(r[0]), canon(r[1])))] = norm(r[2]) == "yes"
    return lambda a, b: rules.get(frozenset((canon(a), canon(b))), False)


def main():
    compatible = compatibility("share/pooled/compatibility.csv")
    assets = []
    for layer, service, owner in LAYERS:
        frame = geopandas.read_file(GPKG, layer=layer).to_crs(27700)
        for geometry in frame.geometry:
            assets.append((layer, service, owner, geometry))

    graph = networkx.Graph()
    graph.add_nodes_from(range(len(assets)))
    close = linked = 0
    for i, j in itertools.combinations(range(len(assets)), 2):
        if assets[i][3].distance(assets[j][3]) <= 500.0:
            close += 1
            if compatible(assets[i][1], assets[j][1]):
                linked += 1
                graph.add_edge(i, j)
    groups = [c for c in networkx.find_cliques(graph) if len(c) >= 2 and len({assets[k][2] for k in c}) >= 2]
    print("assets", len(assets), "close pairs", close, "linked pairs", linked, "groups", len(groups))
    print("by size", sorted(collections.Counter(len(c) for c in groups).items()))
    kinds = collections.Counter(tuple(sorted({assets[k][1] for k in c})) for c in groups)
    for kind, count in sorted(kinds.items()):
        print(" + ".join(kind), count)


if __name__ == "__main__":
    main()
