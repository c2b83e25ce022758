"""Cluster stage: articles + document vectors → events.

Average-linkage agglomerative clustering cut at a similarity threshold: no preset
number of events, singletons kept. Because the embedder is multilingual, Arabic
and English reports of one event land together. The nearest-neighbour-chain
algorithm makes it O(n²) in time, so a large crawl stays tractable.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarize.clean.boilerplate import boilerplate_lines
from summarize.events.embed import Embedder
from summarize.events.linkage import average_linkage
from summarize.model import Article, Event
from summarize.text.normalize import match_key

# Average-linkage cut and document length: bench/bench_cluster.py --sweep (history in bench/CALIBRATION.md).
EVENT_THRESHOLD = 0.50
DOC_CHARS = 1000


def document_text(article: Article, boilerplate: set[str]) -> str:
    """The text that stands for an article when clustering: title plus its non-boilerplate head."""
    lines = [ln for ln in article.text.splitlines() if ln.strip() and match_key(ln) not in boilerplate]
    body = "\n".join(lines) or article.text
    return f"{article.title}\n{body}"[:DOC_CHARS] if article.title else body[:DOC_CHARS]


def cluster_events(
    articles: Sequence[Article], embedder: Embedder, threshold: float = EVENT_THRESHOLD
) -> list[Event]:
    """Group articles into events; events are numbered by size, then by first appearance."""
    if not articles:
        return []
    boiler = boilerplate_lines(articles)
    vectors = embedder.encode([document_text(a, boiler) for a in articles])
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
