#!/usr/bin/python3
"""Independent reference for tests/integration/segmentation_derbyshire_test.cpp.

Builds the same matrix as pooled from testdata/derbyshire/derbyshire_zones.gpkg:oa21_pwc and
share/pooled/oac2021_variables.csv (percentages, asinh, range 0..1) with numpy, clusters it
with scikit-learn's KMeans (k = 8, Lloyd, n_init restarts) and prints the within-SS, the
sizes, and per segment the population-weighted index scores of a few variables and the
districts its zones lie in. Run from the repository root:
    /usr/bin/python3 tests/integration/segmentation_derbyshire_reference.py [n_init] [k] [gpkg]
(tests/cli/segment_cli_test.cpp uses it with 10 4 testdata/rutland/rutland_zones.gpkg.)
"""
import collections
import csv
import sys

import numpy as np
from osgeo import ogr
from sklearn.cluster import KMeans

n_init = int(sys.argv[1]) if len(sys.argv) > 1 else 20
k = int(sys.argv[2]) if len(sys.argv) > 2 else 8
gpkg = sys.argv[3] if len(sys.argv) > 3 else "testdata/derbyshire/derbyshire_zones.gpkg"
spec = [row for row in csv.DictReader(line for line in open("share/pooled/oac2021_variables.csv")
                                      if not line.startswith("#"))]
ds = ogr.Open(gpkg)
layer = ds.GetLayerByName("oa21_pwc")
rows, pop, lad = [], [], []
for f in layer:
    rows.append({k: f.GetField(k) for k in f.keys()})
    pop.append(float(f.GetField("ts0010001")))
    lad.append(f.GetField("lad22cd"))
pop = np.array(pop)
pct = np.zeros((len(rows), len(spec)))
for j, v in enumerate(spec):
    num = np.array([sum(float(r[c]) for c in v["numerator"].split("+")) for r in rows])
    if v["denominator"]:
        den = np.array([float(r[v["denominator"]]) for r in rows])
        pct[:, j] = np.where(den == 0, 0.0, 100.0 * num / np.where(den == 0, 1, den))
    else:
        pct[:, j] = num
t = np.arcsinh(pct)
x = (t - t.min(axis=0)) / (t.max(axis=0) - t.min(axis=0))
print("total_ss", ((x - x.mean(axis=0)) ** 2).sum())
km = KMeans(n_clusters=k, n_init=n_init, random_state=0, algorithm="lloyd", max_iter=300, tol=0).fit(x)
print("within_ss", km.inertia_)
labels = km.labels_
overall = (pop[:, None] * pct).sum(axis=0) / pop.sum()
names = [v["name"] for v in spec]
order = sorted(range(k), key=lambda s: -np.sum(labels == s))
for s in order:
    m = labels == s
    seg = (pop[m, None] * pct[m]).sum(axis=0) / pop[m].sum()
    idx = 100 * seg / overall
    top = collections.Counter(lad[i] for i in np.where(m)[0]).most_common(3)
    print(f"size {m.sum():4d} pop {pop[m].sum():8.0f}", " ".join(
        f"{n}={idx[names.index(n)]:.0f}" for n in ("full_time_student", "social_rented", "widowed",
                                                   "nssec_routine", "born_middle_east_asia", "level_4_qualification")),
          top)
