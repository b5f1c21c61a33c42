"""Times scikit-learn on the same matrices as bench/run.ts (called by it once per measurement; prints one JSON object).

usage: sklearn_bench.py FOLDER N D M kmeans|silhouette THREADS
OMP_NUM_THREADS / OPENBLAS_NUM_THREADS come from the caller; threadpoolctl pins the same count again, so the figure is
for exactly THREADS threads. Other OpenBLAS settings of the environment are left as they are.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

folder, n, d, m, task, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6])

out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "threads": threads}
with threadpool_limits(limits=threads):
    if task == "kmeans":
        X = np.fromfile(f"{folder}/scaled.f64", dtype="<f8").reshape(n, d)
        # Warm-up on a slice (thread pools, lazy imports), then the timed fit.
        KMeans(n_clusters=5, n_init=1, random_state=0, algorithm="lloyd").fit(X[:2000])
        t, c = time.perf_counter(), time.process_time()
        km = KMeans(n_clusters=5, n_init=10, random_state=0, algorithm="lloyd").fit(X)
        out.update(seconds=time.perf_counter() - t, cpu_seconds=time.process_time() - c, inertia=float(km.inertia_),
                   iterations=int(km.n_iter_))
    else:
        S = np.fromfile(f"{folder}/subset.f64", dtype="<f8").reshape(m, d)
        labels = np.fromfile(f"{folder}/subset_labels.i32", dtype="<i4")
        t, c = time.perf_counter(), time.process_time()
        score = float(silhouette_score(S, labels, metric="euclidean"))
        out.update(seconds=time.perf_counter() - t, cpu_seconds=time.process_time() - c, score=score)
print(json.dumps(out))
