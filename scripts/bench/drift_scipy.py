"""The scipy side of `yarn bench:drift`: times scipy on the same raw float64 files."""
import json
import sys
import time

import numpy as np
from scipy.stats import ks_2samp, wasserstein_distance

statistic, reference_path, current_path, repeats = sys.argv[1:]
reference = np.fromfile(reference_path, dtype=np.float64)
current = np.fromfile(current_path, dtype=np.float64)
run = {
    'ks': lambda: ks_2samp(reference, current).pvalue,
    'wasserstein': lambda: wasserstein_distance(reference, current),
}[statistic]
times = []
for _ in range(int(repeats)):
    start = time.perf_counter()
    value = float(run())
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({'times': times, 'value': value}))
