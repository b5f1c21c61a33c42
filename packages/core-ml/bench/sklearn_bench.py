"""Times scikit-learn on the same matrices as bench/run.ts (called by it; prints one JSON object)."""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

folder, n, d, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
kmeans_only = len(sys.argv) > 5 and sys.argv[5] == "kmeans"
X = np.fromfile(f"{folder}/scaled.f64", dtype="<f8").reshape(n, d)
S = np.fromfile(f"{folder}/subset.f64", dtype="<f8").reshape(m, d)
labels = np.fromfile(f"{folder}/subset_labels.i32", dtype="<i4")

runs = []
for repeat in range(2):
    t = time.perf_counter()
    km = KMeans(n_clusters=5, n_init=10, random_state=0, algorithm="lloyd").fit(X)
    runs.append(time.perf_counter() - t)

sil, sil_s = None, None
if not kmeans_only:
    t = time.perf_counter()
    sil = float(silhouette_score(S, labels, metric="euclidean"))
    sil_s = time.perf_counter() - t

print(json.dumps({
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "kmeans_seconds": min(runs),
    "kmeans_runs": runs,
    "kmeans_inertia": float(km.inertia_),
    "kmeans_iterations": int(km.n_iter_),
    "silhouette_seconds": sil_s,
    "silhouette": sil,
}))
