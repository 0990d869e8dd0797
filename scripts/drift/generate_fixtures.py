#!/usr/bin/env python3
"""Reference cases for the drift engine, computed by scipy (and numpy for PSI, which scipy lacks).

Run with Debian's scipy (apt-get install -y python3-scipy):
    /usr/bin/python3 scripts/drift/generate_fixtures.py
It rewrites plugins/ai-platform-common/src/drift/__fixtures__/scipy-distances.json, which the
TypeScript tests match: statistics to 1e-9 relative, p-values to 1e-6 relative. Small samples are
stored, rounded to 6 significant digits before scipy sees them, so both sides compute on the very
same numbers. Large ones (up to 100 000 values) are stored as a spec for `seeded_sample`, the twin
of `seededSample` in plugins/ai-platform-common/src/drift/seeded.ts: both build the same floats
from an xorshift32 stream with + − × ÷ only, which IEEE 754 rounds the same way everywhere.
"""
import json
import os
import warnings

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2, chisquare, ks_2samp, wasserstein_distance

rng = np.random.default_rng(20261123)
OUT = os.path.join(
    os.path.dirname(__file__), '..', '..',
    'plugins', 'ai-platform-common', 'src', 'drift', '__fixtures__', 'scipy-distances.json',
)


def rounded(values):
    return [float(f'{v:.6g}') for v in values]


TWO_24 = 16777216


def xorshift32(seed):
    x = (seed * 0x9E3779B1) & 0xFFFFFFFF or 1
    emitted = -16  # the first 16 are run-in, as in seeded.ts
    while True:
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        emitted += 1
        if emitted > 0:
            yield x >> 8


def seeded_sample(spec):
    """The twin of seededSample in seeded.ts; the order of operations matters and is the same."""
    stream = xorshift32(spec['seed'])
    out = np.empty(spec['n'])
    for i in range(spec['n']):
        if spec['shape'] == 'bell':
            total = next(stream) + next(stream) + next(stream) + next(stream)
            out[i] = spec['centre'] + (spec['scale'] * (total - 2 * TWO_24)) / TWO_24
        elif spec['shape'] == 'uniform':
            out[i] = spec['low'] + (spec['width'] * next(stream)) / TWO_24
        else:
            out[i] = spec['low'] + next(stream) % spec['count']
    return out


def bell(n, seed, centre=0.0, scale=1.0):
    return {'shape': 'bell', 'n': n, 'seed': seed, 'centre': centre, 'scale': scale}


def generated_pairs():
    """Large and edge-of-mode cases for KS, described by seeded specs (name, reference, current)."""
    yield 'bell 100000x100000 slight shift', bell(100000, 1), bell(100000, 2, 0.01)
    yield 'bell 100000x100000 shifted', bell(100000, 3), bell(100000, 4, 0.25, 1.25)
    yield 'bell 10000x10000 same (exact, equal sizes)', bell(10000, 5), bell(10000, 6)
    yield 'bell 3000x10000 (exact, unequal sizes)', bell(3000, 7), bell(10000, 8, 0.03)
    yield 'bell 10001x10001 (asymptotic)', bell(10001, 9), bell(10001, 10, 0.02)
    yield 'bell 15000x100 (asymptotic, small n)', bell(15000, 11), bell(100, 12, 0.1)
    yield 'bell 12000x30 (asymptotic, far tail)', bell(12000, 13), bell(30, 14, 1.5)
    yield 'bell 12000x60 (asymptotic, small n, n·d² > 4)', bell(12000, 19), bell(60, 20, 0.75)
    yield 'bell 20000x20000 same (Pelz-Good)', bell(20000, 25), bell(20000, 26)
    yield 'bell 100000x100000 same (Pelz-Good)', bell(100000, 27), bell(100000, 28)
    yield ('uniform 50000x40000 disjoint',
           {'shape': 'uniform', 'n': 50000, 'seed': 15, 'low': 0, 'width': 1},
           {'shape': 'uniform', 'n': 40000, 'seed': 16, 'low': 2, 'width': 1})
    yield ('integers 60000x50000 ties',
           {'shape': 'integers', 'n': 60000, 'seed': 17, 'low': 0, 'count': 7},
           {'shape': 'integers', 'n': 50000, 'seed': 18, 'low': 0, 'count': 8})


def categorical_pairs():
    """(name, reference counts, current counts) over category labels."""
    def counts(spec):
        values, tallies = np.unique(seeded_sample(spec), return_counts=True)
        return {f'c{int(v)}': int(t) for v, t in zip(values, tallies)}

    def ints(n, seed, count, low=0):
        return {'shape': 'integers', 'n': n, 'seed': seed, 'low': low, 'count': count}

    yield 'same categories', counts(ints(900, 21, 5)), counts(ints(700, 22, 5))
    yield 'shifted shares', {'a': 500, 'b': 300, 'c': 200}, {'a': 300, 'b': 300, 'c': 400}
    yield 'unseen category in current', {'a': 50, 'b': 50}, {'a': 40, 'b': 45, 'new': 15}
    yield 'category gone from current', {'a': 10, 'b': 20, 'c': 30}, {'a': 25, 'b': 35}
    yield 'many categories, 100000 rows', counts(ints(100000, 23, 40)), counts(ints(100000, 24, 41))


def category_shares(reference, current):
    """Shares over the union of categories (sorted), and chi-squared's expected counts: a
    category the reference never saw is expected at EMPTY_BIN of it, then shares renormalise."""
    keys = sorted(set(reference) | set(current))
    n_ref = sum(reference.values())
    n_cur = sum(current.values())
    ref = np.array([reference.get(k, 0) / n_ref for k in keys])
    cur = np.array([current.get(k, 0) / n_cur for k in keys])
    observed = np.array([current.get(k, 0) for k in keys], dtype=float)
    smoothed = np.where(ref == 0, EMPTY_BIN, ref)
    expected = n_cur * smoothed / smoothed.sum()
    return keys, ref, cur, observed, expected


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


def share_psi(ref, cur):
    r = np.where(ref == 0, EMPTY_BIN, ref)
    c = np.where(cur == 0, EMPTY_BIN, cur)
    return float(np.sum((c - r) * np.log(c / r)))


def ks(ref, cur, method='auto'):
    # scipy warns and falls back to asymptotic where its exact computation fails; the TypeScript
    # port does the same, and the fixture records which mode scipy ended in.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        result = ks_2samp(ref, cur, method={'asymptotic': 'asymp'}.get(method, method))
    fell_back = any('Switching to method=asymp' in str(w.message) for w in caught)
    exact = method == 'exact' or (method == 'auto' and max(len(ref), len(cur)) <= 10000)
    return {'statistic': float(result.statistic), 'pValue': float(result.pvalue),
            'mode': 'exact' if exact and not fell_back else 'asymptotic'}


cases = {'scipy': scipy.__version__, 'samples': [], 'jensenshannon': [], 'generated': [],
         'forcedModes': [], 'categorical': [], 'chi2': []}
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
        'ks': ks(ref, cur),
    })
for name, ref_spec, cur_spec in generated_pairs():
    ref, cur = seeded_sample(ref_spec), seeded_sample(cur_spec)
    std = float(np.std(ref))
    cases['generated'].append({
        'name': name, 'reference': ref_spec, 'current': cur_spec,
        'ks': ks(ref, cur),
        'wasserstein': float(wasserstein_distance(ref, cur)),
        'normedWasserstein': float(wasserstein_distance(ref, cur) / std) if std > 0 else None,
        'psi': psi(ref, cur),
    })
# Small samples through the other mode, so every branch of the Kolmogorov distribution is hit.
for case in cases['samples'][:4]:
    for method in ['exact', 'asymptotic']:
        cases['forcedModes'].append({
            'name': f"{case['name']} ({method})", 'sample': case['name'], 'mode': method,
            'ks': ks(case['reference'], case['current'], method),
        })
for name, reference, current in categorical_pairs():
    keys, ref, cur, observed, expected = category_shares(reference, current)
    result = chisquare(observed, expected)
    cases['categorical'].append({
        'name': name, 'reference': reference, 'current': current,
        'chiSquared': {'statistic': float(result.statistic), 'pValue': float(result.pvalue)},
        'jensenShannon': float(jensenshannon(ref, cur)),
        'psi': share_psi(ref, cur),
    })
# The chi-squared survival function alone, far into the tails.
for x, dof in [(0.5, 1), (3.84, 1), (10.0, 4), (150.0, 9), (1e-3, 30), (900.0, 120), (5000.0, 40)]:
    cases['chi2'].append({'x': x, 'dof': dof, 'sf': float(chi2.sf(x, dof))})
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
