#!/usr/bin/python3
"""Independent reference for testdata/scenario/rutland_small.toml (tests/cli/run_cli_test.cpp):
the same figures computed with geopandas/shapely (GEOS) and plain Python instead of pooled.

Run: /usr/bin/python3 tests/cli/run_rutland_small_check.py
- buffers: 32-gon circles (resolution=8 segments a quarter, as PostGIS ST_Buffer), people by the
  share of each LSOA's area inside;
- 2SFCA with a 10 km step on straight-line distances from each LSOA's representative point
  (GEOS PointOnSurface) to the libraries, supply 1 per library;
- p-median by brute force over every set of p libraries.
"""
import itertools
import math

import geopandas as gpd

ZONES = "testdata/rutland/rutland_zones.gpkg"
FACILITIES = "testdata/rutland/rutland_facilities.gpkg"

zones = gpd.read_file(ZONES, layer="lsoa21")
libraries = gpd.read_file(FACILITIES, layer="libraries_2016")
population = zones["ts0010001"].astype(float).tolist()
points = [g.representative_point() for g in zones.geometry]
sites = list(libraries.geometry)
print("libraries", len(sites), "zones", len(points), "population", sum(population))

for radius in (2000, 5000):
    counts = []
    for s in sites:
        circle = s.buffer(radius, resolution=8)
        counts.append(sum(p * z.intersection(circle).area / z.area for p, z in zip(population, zones.geometry)))
    print(f"buffer {radius} m: mean {sum(counts) / len(counts):.6f} max {max(counts):.6f}")

d = [[pt.distance(s) for s in sites] for pt in points]
cutoff = 10000.0
demand_at = [sum(population[i] for i in range(len(points)) if d[i][j] <= cutoff) for j in range(len(sites))]
ratio = [1.0 / demand_at[j] if demand_at[j] > 0 else 0.0 for j in range(len(sites))]
access = [sum(ratio[j] for j in range(len(sites)) if d[i][j] <= cutoff) for i in range(len(points))]
mean = sum(a * p for a, p in zip(access, population)) / sum(population)
print(f"2sfca: mean {mean:.12g} min {min(access):.12g} max {max(access):.12g}")
print("coverage: zones within 10 km of a library", sum(1 for i in range(len(points)) if min(d[i]) <= cutoff))

ids = [str(v) for v in libraries.iloc[:, 0]]
for p in (2, 3):
    best = min(itertools.combinations(range(len(sites)), p),
               key=lambda chosen: sum(population[i] * min(d[i][j] for j in chosen) for i in range(len(points))))
    objective = sum(population[i] * min(d[i][j] for j in best) for i in range(len(points)))
    print(f"p-median p={p}: objective {objective:.3f} sites (0-based) {list(best)}")
