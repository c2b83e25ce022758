"""The similarity graph of many articles without an n × n matrix: every pair at or above a threshold.

Average linkage cut at a threshold t never joins two articles that are not connected by a path of
pairs at least t similar: if every pair across two groups is below t, so is their average. So the
connected components of the graph of pairs ≥ t can be clustered one at a time, each with the exact
dense path, and the result is the same partition the whole dense matrix gives (`tests/test_events.py`
checks it on dev). The pairs come from an exact blocked search: one block of rows against the rows
after it, a block × n slice of memory at a time. Exact and deterministic (no order or thread effects),
and on 2 cores it measured faster than building an HNSW index for the sizes of a day's news
(bench/bench_load.py; see the README).
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger(__name__)

# Rows per block of the search: a block × n float32 slice (512 × 50,000 = 100 MB).
BLOCK_ROWS = 512
# A component larger than this is not clustered densely (its matrix would pass 500 MB in float64): it is
# cut into smaller components by raising the edge threshold in COMPONENT_STEP steps, an approximation
# logged when it happens. Topic chains this large did not occur in the load corpus.
MAX_COMPONENT = 8_000
COMPONENT_STEP = 0.02


def pairs_at_least(vectors: np.ndarray, threshold: float, block: int = BLOCK_ROWS
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs i < j with vectors[i] · vectors[j] ≥ threshold: (i, j, similarity), sorted by (i, j)."""
    n = len(vectors)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    for start in range(0, n, block):
        stop = min(start + block, n)
        part = vectors[start:stop] @ vectors[start:].T  # this block against itself and every later row
        i, j = np.nonzero(part >= threshold)
        keep = j > i  # j counts from `start`, as i does
        i, j = i[keep], j[keep]
        rows.append(i + start)
        cols.append(j + start)
        sims.append(part[i, j])
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)


def components(n: int, rows: np.ndarray, cols: np.ndarray) -> list[list[int]]:
    """Connected components of the graph on 0..n-1 with edges (rows[k], cols[k]), each sorted, ordered by
    their smallest member."""
    parent = np.arange(n)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return int(root)

    for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return sorted(groups.values(), key=lambda g: g[0])


def bounded_components(vectors: np.ndarray, members: list[int], threshold: float) -> list[list[int]]:
    """`members` (one component) cut into components of at most MAX_COMPONENT articles by raising the edge
    threshold; exact when it is already small enough."""
    if len(members) <= MAX_COMPONENT:
        return [members]
    raised = threshold + COMPONENT_STEP
    if raised >= 1.0:
        return [members[k:k + MAX_COMPONENT] for k in range(0, len(members), MAX_COMPONENT)]
    log.warning("a topic of %d articles is larger than %d: split at similarity %.2f (approximate)",
                len(members), MAX_COMPONENT, raised)
    sub = vectors[members]
    r, c, _ = pairs_at_least(sub, raised)
    out: list[list[int]] = []
    for part in components(len(members), r, c):
        out += bounded_components(vectors, [members[k] for k in part], raised)
    return out
