#!/usr/bin/env python3
"""Reference cases for the drift engine, computed by scipy (and numpy for PSI, which scipy lacks).

Run with Debian's scipy (apt-get install -y python3-scipy):
    /usr/bin/python3 scripts/drift/generate_fixtures.py
It rewrites plugins/ai-platform-common/src/drift/__fixtures__/scipy-distances.json, which the
TypeScript tests match: statistics to 1e-9 relative. Samples are rounded to 6 significant digits
before scipy sees them, so both sides compute on the very same numbers.
"""
import json
import os

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance

rng = np.random.default_rng(20261123)
OUT = os.path.join(
    os.path.dirname(__file__), '..', '..',
    'plugins', 'ai-platform-common', 'src', 'drift', '__fixtures__', 'scipy-distances.json',
)


def rounded(values):
    return [float(f'{v:.6g}') for v in values]


def sample_pairs():
    """(name, reference, current) pairs: sizes from 5 up, ties, constants, disjoint supports."""
    for n, m in [(5, 5), (5, 9), (50, 80), (1000, 1000), (1000, 2500), (20000, 20000)]:
        yield f'normal {n}x{m} shifted', rng.normal(0, 1, n), rng.normal(0.3, 1.2, m)
    yield 'ties', rng.integers(0, 5, 200).astype(float), rng.integers(1, 6, 300).astype(float)
    yield 'constant columns', np.full(40, 3.0), np.full(60, 3.0)
    yield 'constant against spread', np.full(40, 3.0), rng.normal(3, 1, 60)
    yield 'disjoint supports', rng.uniform(0, 1, 100), rng.uniform(5, 6, 120)
    yield 'identical samples', *(lambda x: (x, x.copy()))(rng.exponential(2.0, 500))


def distribution_pairs():
    yield 'uniform vs skewed', [0.25, 0.25, 0.25, 0.25], [0.7, 0.1, 0.1, 0.1]
    yield 'unnormalised counts', [10, 20, 30], [30, 20, 10]
    yield 'a zero bin', [0.5, 0.5, 0.0], [0.2, 0.3, 0.5]
    yield 'identical', [0.1, 0.2, 0.7], [0.1, 0.2, 0.7]
    yield 'disjoint', [1, 0], [0, 1]


EMPTY_BIN = 1e-4  # the share an empty bin counts as, in both samples (as Evidently does)


def psi(reference, current, bins=10):
    """PSI over bins cut at the reference's quantiles (numpy's linear interpolation); repeated
    cut points (ties) merge bins; a value equal to a cut point falls in the bin below it."""
    edges = np.unique(np.quantile(reference, np.arange(1, bins) / bins))
    ref = np.bincount(np.searchsorted(edges, reference, side='left'), minlength=len(edges) + 1)
    cur = np.bincount(np.searchsorted(edges, current, side='left'), minlength=len(edges) + 1)
    r = ref / len(reference)
    c = cur / len(current)
    r = np.where(r == 0, EMPTY_BIN, r)
    c = np.where(c == 0, EMPTY_BIN, c)
    return float(np.sum((c - r) * np.log(c / r)))


cases = {'scipy': scipy.__version__, 'samples': [], 'jensenshannon': []}
for name, ref, cur in sample_pairs():
    ref, cur = rounded(ref), rounded(cur)
    std = float(np.std(ref))
    cases['samples'].append({
        'name': name,
        'reference': ref,
        'current': cur,
        'wasserstein': float(wasserstein_distance(ref, cur)),
        # Normalised by the reference's standard deviation, as Evidently does; none when it is 0.
        'normedWasserstein': float(wasserstein_distance(ref, cur) / std) if std > 0 else None,
        'psi': psi(ref, cur),
    })
for name, p, q in distribution_pairs():
    cases['jensenshannon'].append({
        'name': name, 'p': p, 'q': q,
        'distance': float(jensenshannon(p, q)),
        'distanceBase2': float(jensenshannon(p, q, base=2)),
    })

with open(OUT, 'w') as f:
    json.dump(cases, f, separators=(',', ':'))
    f.write('\n')
print(f'wrote {OUT}')
