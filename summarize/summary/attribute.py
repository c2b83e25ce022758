"""Attribute stage: summary sentences → the source articles that support them.

A summary sentence is supported by an article when one of that article's
sentences is close to it in the multilingual embedding space, so an English
sentence can be attributed to Arabic sources. Generated sentences with no
support are dropped and counted; extractive sentences always keep the article
they were taken from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarize.model import Embedder, Sentence, Summary, SummarySentence
from summarize.text.numbers import numbers_in

# A summary sentence is supported at this cosine: bench/bench_attribution.py (bench/CALIBRATION.md).
SUPPORT_THRESHOLD = 0.70


def numbers_agree(a: str, b: str) -> bool:
    """False when both texts state numbers and share none (23 arrests vs 26 arrests)."""
    na, nb = set(numbers_in(a)), set(numbers_in(b))
    return not (na and nb) or bool(na & nb)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A summary with sources filled in, and how many sentences lacked support."""

    summary: Summary
    dropped_unsupported: int = 0


def supporting_articles(
    texts: Sequence[str], sources: Sequence[Sentence], embedder: Embedder
) -> list[tuple[str, ...]]:
    """For each text, the ids of articles with a sentence at least SUPPORT_THRESHOLD similar (best first)."""
    if not texts or not sources:
        return [() for _ in texts]
    sims = embedder.encode(list(texts)) @ embedder.encode([s.text for s in sources]).T
    out: list[tuple[str, ...]] = []
    for text, row in zip(texts, sims, strict=True):
        best: dict[str, float] = {}
        for j in map(int, np.flatnonzero(row >= SUPPORT_THRESHOLD)):
            if not numbers_agree(text, sources[j].text):
                continue  # similar wording, different figure: not support
            aid = sources[j].article_id
            best[aid] = max(best.get(aid, -1.0), float(row[j]))
        out.append(tuple(sorted(best, key=lambda a: (-best[a], a))))
    return out


def attribute(summary: Summary, sources: Sequence[Sentence], embedder: Embedder) -> Attribution:
    """Fill in each summary sentence's sources; drop generated sentences that no source supports."""
    if summary.method == "unavailable" or not summary.sentences:
        return Attribution(summary)
    found = supporting_articles([s.text for s in summary.sentences], sources, embedder)
    kept: list[SummarySentence] = []
    dropped = 0
    for sentence, support in zip(summary.sentences, found, strict=True):
        own = tuple(a for a in sentence.sources if a not in support)
        ids = own + support
        if not ids:
            dropped += 1
            continue
        kept.append(SummarySentence(sentence.text, ids))
    if not kept:
        reason = "no generated sentence could be attributed to a source"
        return Attribution(Summary(summary.lang, "unavailable", (), reason), dropped)
    return Attribution(Summary(summary.lang, summary.method, tuple(kept)), dropped)
