"""Cluster stage: articles + document vectors → events.

Average-linkage agglomerative clustering cut at a similarity threshold proposes
events: no preset number, singletons kept, and because the embedder is
multilingual, Arabic and English reports of one event land together. The
embedding knows topics, not happenings, so every proposed event is then checked
(`check_merges`): articles whose headline and lead name different days, years or
identifying figures (`evidence`) are kept apart, and the parts are linked as
related events with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from summarize.events.evidence import Evidence, clash, evidence
from summarize.events.linkage import average_linkage, constrained_average_linkage
from summarize.events.neighbours import bounded_components, components, pairs_at_least
from summarize.model import Article, Cleaned, Embedder, Event

# Average-linkage cut and document length: bench/bench_cluster.py --sweep (history in bench/CALIBRATION.md).
EVENT_THRESHOLD = 0.50
DOC_CHARS = 1000
# Up to this many articles one dense n × n matrix is cheapest (2,000² float64 is 32 MB); above it the
# graph of pairs at or above the threshold is built block by block (events/neighbours.py).
EXACT_MAX = 2_000
# Beyond this a run stops with a clear message before any work is spent on it: the pair search is
# exact, so its time grows as n² (about 100,000 articles in ten minutes on 2 cores; bench/bench_load.py).
MAX_EXACT_ARTICLES = 200_000


class TooManyArticles(ValueError):
    """More articles than event clustering can hold; the message says what to do."""


def check_size(n_articles: int, limit: int | None = None) -> None:
    """Raise TooManyArticles when `n_articles` is above what the exact clustering path can hold."""
    limit = MAX_EXACT_ARTICLES if limit is None else limit
    if n_articles > limit:
        raise TooManyArticles(f"{n_articles:,} usable articles is more than event clustering handles in one run "
                              f"({limit:,}); split the input (by day, outlet or feed) and brief each part")


def document_text(article: Article, cleaned: Cleaned | None = None) -> str:
    """The text that stands for an article when clustering: its headline plus the head of its story text."""
    body = "\n".join(article.text[a:b] for a, b in cleaned.kept) if cleaned and cleaned.kept else article.text
    return f"{article.title}\n{body}"[:DOC_CHARS] if article.title else body[:DOC_CHARS]


def document_vectors(articles: Sequence[Article], cleaned: Mapping[str, Cleaned], embedder: Embedder) -> np.ndarray:
    """The vectors `cluster_events` takes: each article's `document_text`, embedded."""
    return embedder.encode([document_text(a, cleaned.get(a.id)) for a in articles])


def cluster_events(
    articles: Sequence[Article], cleaned: Mapping[str, Cleaned], vectors: np.ndarray,
    threshold: float = EVENT_THRESHOLD,
) -> list[Event]:
    """Group articles into events given their document vectors (`document_text`, embedded); events are
    numbered by size, then by first appearance."""
    if not articles:
        return []
    found = [evidence(a, cleaned.get(a.id)) for a in articles]
    groups, apart = check_merges(propose(vectors, threshold), vectors, found, threshold)
    order = sorted(range(len(groups)), key=lambda k: (-len(groups[k]), groups[k][0]))
    ids = {k: f"e{n}" for n, k in enumerate(order, 1)}
    return [
        Event(id=ids[k], article_ids=tuple(articles[i].id for i in groups[k]),
              central=tuple(articles[i].id for i in _by_centrality(groups[k], vectors)),
              related=tuple((ids[o], why) for o, why in sorted(apart.get(k, {}).items(), key=lambda r: ids[r[0]])))
        for k in order
    ]


def propose(vectors: np.ndarray, threshold: float, exact_max: int | None = None) -> list[list[int]]:
    """Average-linkage events: one dense matrix for a small input, else each connected component of the
    graph of pairs ≥ threshold on its own (the same partition, in memory that grows with the events)."""
    exact_max = EXACT_MAX if exact_max is None else exact_max
    if len(vectors) <= exact_max:
        return average_linkage(vectors @ vectors.T, threshold)
    rows, cols, _ = pairs_at_least(vectors, threshold)
    groups: list[list[int]] = []
    for component in components(len(vectors), rows, cols):
        for part in bounded_components(vectors, component, threshold):
            if len(part) == 1:
                groups.append(part)
                continue
            sub = vectors[part]
            groups += [[part[k] for k in g] for g in average_linkage(sub @ sub.T, threshold)]
    return sorted(groups, key=lambda g: g[0])


def check_merges(groups: list[list[int]], vectors: np.ndarray, found: Sequence[Evidence], threshold: float
                 ) -> tuple[list[list[int]], dict[int, dict[int, str]]]:
    """Split every proposed event whose articles clash (`evidence.clash`): its members are clustered again
    with the clashing pairs kept apart. Returns the events and, per event, the same-topic events it was split
    from with the reason (both directions)."""
    out: list[list[int]] = []
    apart: dict[int, dict[int, str]] = {}
    for group in groups:
        why = {(i, j): r for n, i in enumerate(group) for j in group[n + 1 :] if (r := clash(found[i], found[j]))}
        if not why:
            out.append(group)
            continue
        local = {g: k for k, g in enumerate(group)}
        sub = vectors[group]
        cannot = {(local[i], local[j]) for i, j in why}
        parts = [[group[k] for k in part] for part in constrained_average_linkage(sub @ sub.T, threshold, cannot)]
        first = len(out)
        out += parts
        for x in range(len(parts)):
            for y in range(x + 1, len(parts)):
                reason = next((r for (i, j), r in why.items()
                               if (i in parts[x] and j in parts[y]) or (j in parts[x] and i in parts[y])), None)
                if reason:
                    apart.setdefault(first + x, {})[first + y] = reason
                    apart.setdefault(first + y, {})[first + x] = reason
    return out, apart


def _by_centrality(group: list[int], vectors: np.ndarray) -> list[int]:
    """Members ordered by similarity to the group's mean vector (ties by input order)."""
    scores = vectors[group] @ vectors[group].mean(axis=0)
    return [group[i] for i in np.argsort(-scores, kind="stable")]
