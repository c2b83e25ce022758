"""Cluster stage: articles + document vectors → events.

Average-linkage agglomerative clustering cut at a similarity threshold: no preset
number of events, singletons kept. Because the embedder is multilingual, Arabic
and English reports of one event land together. The nearest-neighbour-chain
algorithm makes it O(n²) in time, so a large crawl stays tractable.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from summarize.events.embed import Embedder
from summarize.events.linkage import average_linkage
from summarize.model import Article, Cleaned, Event

# Average-linkage cut and document length: bench/bench_cluster.py --sweep (history in bench/CALIBRATION.md).
EVENT_THRESHOLD = 0.50
DOC_CHARS = 1000


def document_text(article: Article, cleaned: Cleaned | None = None) -> str:
    """The text that stands for an article when clustering: its headline plus the head of its story text."""
    body = "\n".join(article.text[a:b] for a, b in cleaned.kept) if cleaned and cleaned.kept else article.text
    return f"{article.title}\n{body}"[:DOC_CHARS] if article.title else body[:DOC_CHARS]


def cluster_events(
    articles: Sequence[Article], cleaned: Mapping[str, Cleaned], embedder: Embedder, threshold: float = EVENT_THRESHOLD
) -> list[Event]:
    """Group articles into events; events are numbered by size, then by first appearance."""
    if not articles:
        return []
    vectors = embedder.encode([document_text(a, cleaned.get(a.id)) for a in articles])
    groups = average_linkage(vectors @ vectors.T, threshold)
    groups.sort(key=lambda g: (-len(g), g[0]))
    return [
        Event(id=f"e{n}", article_ids=tuple(articles[i].id for i in group),
              central=tuple(articles[i].id for i in _by_centrality(group, vectors)))
        for n, group in enumerate(groups, 1)
    ]


def _by_centrality(group: list[int], vectors: np.ndarray) -> list[int]:
    """Members ordered by similarity to the group's mean vector (ties by input order)."""
    scores = vectors[group] @ vectors[group].mean(axis=0)
    return [group[i] for i in np.argsort(-scores, kind="stable")]
