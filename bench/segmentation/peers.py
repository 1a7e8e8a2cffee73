"""scikit-learn's side of the segmentation benchmark (Debian's python3-sklearn; run with
/usr/bin/python3): KMeans on a matrix written by make_matrix.py, the fit alone timed, in one
process whose peak memory run.sh measures.

  peers.py MATRIX.bin K N_INIT ALGORITHM [LABELS_OUT.bin]

ALGORITHM is lloyd or elkan; random_state=0, tol and max_iter at scikit-learn's defaults (1e-4,
300), threads as scikit-learn chooses (OpenMP, all cores). Prints RESULT {json}.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans


def read_matrix(path):
    with open(path, "rb") as f:
        if f.read(8) != b"PLDMATR1":
            raise SystemExit(f"not a matrix file: {path}")
        rows, cols = (int(v) for v in np.frombuffer(f.read(16), dtype="<u8"))
        return np.fromfile(f, dtype="<f8", count=rows * cols).reshape(rows, cols)


def main():
    path, k, n_init, algorithm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    x = read_matrix(path)
    start = time.perf_counter()
    km = KMeans(n_clusters=k, n_init=n_init, algorithm=algorithm, random_state=0).fit(x)
    seconds = time.perf_counter() - start
    if len(sys.argv) > 5:
        km.labels_.astype("<u4").tofile(sys.argv[5])
    sizes = sorted((int(s) for s in np.bincount(km.labels_, minlength=k)), reverse=True)
    print("RESULT " + json.dumps({"tool": "scikit-learn", "algorithm": algorithm, "version": sklearn.__version__, "restarts": n_init,
                                  "rows": x.shape[0], "cols": x.shape[1], "time_s": seconds,
                                  "within_ss": float(km.inertia_), "sizes": sizes, "iterations": int(km.n_iter_)}),
          flush=True)


main()
