"""The pair search of event clustering against approximate and exact library indexes.

On N random unit vectors of 512 dims (the embedder's size; random vectors have few close pairs, so
this times the search itself), it times `events.neighbours.pairs_at_least` (exact, blocked numpy) and,
where faiss is installed, faiss's HNSW index (build, then a k=30 search) and faiss's exact range search.

    python bench/bench_neighbours.py [--n 50000]     # faiss optional: pip install faiss-cpu
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from summarize.events.neighbours import pairs_at_least

from _common import REPO  # noqa: F401  (puts the repository on sys.path)


def main() -> int:
    """Time each method on the same vectors and print the seconds."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    x = rng.standard_normal((args.n, 512)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    start = time.perf_counter()
    rows, _, _ = pairs_at_least(x, args.threshold)
    print(f"blocked exact search (numpy): {time.perf_counter() - start:.1f} s, {len(rows)} pairs")
    try:
        import faiss
    except ImportError:
        print("faiss not installed: pip install faiss-cpu to compare")
        return 0
    faiss.omp_set_num_threads(2)
    start = time.perf_counter()
    index = faiss.IndexHNSWFlat(512, 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 64
    index.add(x)
    built = time.perf_counter() - start
    index.hnsw.efSearch = 64
    start = time.perf_counter()
    index.search(x, 30)
    print(f"faiss HNSW: build {built:.1f} s, k=30 search {time.perf_counter() - start:.1f} s")
    flat = faiss.IndexFlatIP(512)
    flat.add(x)
    start = time.perf_counter()
    flat.range_search(x, args.threshold)
    print(f"faiss exact range search: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
