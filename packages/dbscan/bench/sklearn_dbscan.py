"""Peer for bench/run.ts: scikit-learn's DBSCAN on a float32 file, timed, with its peak memory.

usage: sklearn_dbscan.py DATA.f32 N D EPS MIN_SAMPLES LABELS_OUT.i32
Prints one JSON line: {"sklearn": version, "seconds": fit time, "maxrss_mb": peak resident memory}.
The data is widened to float64 first: scikit-learn computes in the input's dtype, and float64 is the reference.
"""
import json
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN

path, n, d, eps, min_samples, out = sys.argv[1:7]
X = np.fromfile(path, dtype=np.float32).reshape(int(n), int(d)).astype(np.float64)
start = time.perf_counter()
labels = DBSCAN(eps=float(eps), min_samples=int(min_samples), metric="cosine").fit(X).labels_
seconds = time.perf_counter() - start
labels.astype(np.int32).tofile(out)
maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"sklearn": sklearn.__version__, "seconds": seconds, "maxrss_mb": maxrss_mb}))
