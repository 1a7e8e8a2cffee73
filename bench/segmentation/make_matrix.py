"""Writes the segmentation benchmark's input matrices (float64, row-major) for pooled and the
peers to read: 8-byte magic "PLDMATR1", uint64 rows, uint64 cols, then rows x cols doubles.

  /usr/bin/python3 make_matrix.py OA_CSV VARIABLES_CSV OUT_DIR [SYNTHETIC_ROWS]

OA_CSV is the oa21_pwc layer of testdata/derbyshire/derbyshire_zones.gpkg as CSV (ogr2ogr);
VARIABLES_CSV a pooled variable spec (`name,numerator,denominator`, '#' comments; numerators
may join columns with '+'; an empty denominator takes the value as it is), or
`auto:DICTIONARY_CSV` (testdata/derbyshire/census2021_variables.csv): every top-level
category (no ':' in its name) of every table, over the table's total (its first column).

derbyshire.bin: per OA, each variable as a percentage (100 x numerator / denominator; 0 when
the denominator is 0), then the inverse hyperbolic sine, then range standardisation to 0..1
per column (a constant column becomes 0): the OAC recipe, simply.
synthetic.bin: SYNTHETIC_ROWS (DEFAULT 190,000, England's Output Areas) rows drawn with
replacement from derbyshire.bin plus N(0, 0.02^2) noise per value, numpy seed 20261129.
"""
import csv
import json
import sys
from pathlib import Path

import numpy as np


def read_spec(path):
    lines = [l for l in Path(path).read_text().splitlines() if l.strip() and not l.lstrip().startswith("#")]
    rows = list(csv.DictReader(lines))
    return [(r["name"], r["numerator"].split("+"), r["denominator"].strip()) for r in rows]


def auto_spec(dictionary):
    """Top-level categories of every table whose first column is its total."""
    with open(dictionary, newline="") as f:
        rows = list(csv.DictReader(f))
    spec, total = [], {}
    for r in rows:
        table = r["ons_table"]
        if table not in total:
            total[table] = r["column"]
            continue
        if ":" not in r["category"]:
            spec.append((r["column"], [r["column"]], total[table]))
    return spec


def write(path, x):
    with open(path, "wb") as f:
        f.write(b"PLDMATR1")
        f.write(np.array(x.shape, dtype="<u8").tobytes())
        f.write(np.ascontiguousarray(x, dtype="<f8").tobytes())


def main():
    oa_csv, spec_csv, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    synthetic_rows = int(sys.argv[4]) if len(sys.argv) > 4 else 190_000
    with open(oa_csv, newline="") as f:
        table = list(csv.DictReader(f))
    spec = auto_spec(spec_csv[5:]) if spec_csv.startswith("auto:") else read_spec(spec_csv)
    column = lambda name: np.array([float(r[name] or 0) for r in table])
    values = []
    for name, numerators, denominator in spec:
        num = sum(column(c.strip()) for c in numerators)
        if denominator:
            den = column(denominator)
            num = np.divide(100.0 * num, den, out=np.zeros_like(num), where=den > 0)
        values.append(num)
    x = np.arcsinh(np.column_stack(values))
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    x = (x - lo) / span
    out.mkdir(parents=True, exist_ok=True)
    write(out / "derbyshire.bin", x)
    rng = np.random.default_rng(20261129)
    rows = rng.integers(0, x.shape[0], synthetic_rows)
    write(out / "synthetic.bin", x[rows] + rng.normal(0.0, 0.02, (synthetic_rows, x.shape[1])))
    print(json.dumps({"derbyshire": list(x.shape), "synthetic": [synthetic_rows, x.shape[1]],
                      "variables": [s[0] for s in spec]}))


main()
