"""Syndication: find articles that are copies of the same wire text.

Paragraphs are compared by character 5-gram shingles of their `match_key`
form. Two articles are syndicated when most of the shorter one's text lies in
paragraphs that also appear in the other (whole-article copies and shared wire
paragraphs alike). Syndicated copies count as one independent source.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence

from summarize.model import Article
from summarize.text.normalize import match_key
from summarize.text.tokens import tokens

log = logging.getLogger(__name__)

# Word 4-grams, not character n-grams: four words in a row rarely repeat by chance (bench/CALIBRATION.md).
SHINGLE = 4
# A paragraph shorter than this (in normalised characters) is a heading, byline
# or menu item: too generic to prove copying.
MIN_PARAGRAPH_CHARS = 80
# A paragraph appears in another article when most of its shingles occur there (bench/CALIBRATION.md).
PARAGRAPH_CONTAINMENT = 0.6
# Syndicated: copied paragraphs cover a third of the shorter article, or three are shared (bench/CALIBRATION.md).
ARTICLE_COVERAGE = 0.3
MIN_SHARED_PARAGRAPHS = 3

_PARA_SPLIT = re.compile(r"\n+")


def _shingles(text: str) -> set[str]:
    """Word n-gram shingles of a normalised text (word-for-word copying, not shared vocabulary)."""
    words = tokens(text)
    return {" ".join(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def _paragraphs(article: Article) -> list[str]:
    """Normalised paragraphs long enough to carry wire text."""
    paras = (match_key(p) for p in _PARA_SPLIT.split(article.text))
    return [p for p in paras if len(p) >= MIN_PARAGRAPH_CHARS]


def _copied_chars(paras: list[str], other_shingles: set[str]) -> tuple[int, int, int]:
    """Characters of `paras` found in `other_shingles`, total characters, and copied paragraph count."""
    copied = total = count = 0
    for p in paras:
        sh = _shingles(p)
        total += len(p)
        if sh and len(sh & other_shingles) / len(sh) >= PARAGRAPH_CONTAINMENT:
            copied += len(p)
            count += 1
    return copied, total, count


def wire_overlap(a: Article, b: Article) -> tuple[float, int]:
    """Share of either article's paragraph text copied from the other (the larger), and copied paragraphs."""
    pa, pb = _paragraphs(a), _paragraphs(b)
    if not pa or not pb:
        return 0.0, 0
    sa = set().union(*(_shingles(p) for p in pa))
    sb = set().union(*(_shingles(p) for p in pb))
    ca, ta, na = _copied_chars(pa, sb)
    cb, tb, nb = _copied_chars(pb, sa)
    return max(ca / ta, cb / tb), min(na, nb)


def shares_wire_text(a: Article, b: Article) -> bool:
    """True when two articles share enough paragraphs to be copies of one wire text."""
    coverage, shared = wire_overlap(a, b)
    return coverage >= ARTICLE_COVERAGE or shared >= MIN_SHARED_PARAGRAPHS


def find_syndication(articles: Sequence[Article]) -> dict[str, tuple[str, ...]]:
    """Map every article id to the sorted ids of the other articles sharing its wire text."""
    parent = {a.id: a.id for a in articles}

    def root(x: str) -> str:
        """Union-find root with path halving."""
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(articles):
        for b in articles[i + 1 :]:
            if root(a.id) != root(b.id) and shares_wire_text(a, b):
                log.debug("syndicated: %s ~ %s", a.id, b.id)
                parent[root(b.id)] = root(a.id)
    groups: dict[str, list[str]] = {}
    for a in articles:
        groups.setdefault(root(a.id), []).append(a.id)
    return {a.id: tuple(sorted(x for x in groups[root(a.id)] if x != a.id)) for a in articles}


def source_key(article_id: str, articles_by_id: Mapping[str, Article],
               syndication: Mapping[str, tuple[str, ...]]) -> str:
    """The independent-source key of an article: its outlet, or its wire group when the outlet is unknown."""
    group = sorted((article_id, *syndication.get(article_id, ())))
    outlets = sorted({o for x in group if (o := _outlet(x, articles_by_id))})
    if outlets:
        return "outlet:" + outlets[0]
    return "article:" + group[0]


def _outlet(article_id: str, articles_by_id: Mapping[str, Article]) -> str | None:
    """The normalised outlet name of an article, if known."""
    art = articles_by_id.get(article_id)
    return match_key(art.outlet) if art and art.outlet else None


def source_keys(article_ids: Iterable[str], articles_by_id: Mapping[str, Article],
                syndication: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Article id → its independent-source key among `article_ids` (same outlet or syndicated copies share one)."""
    ids = set(article_ids)
    keys = {x: source_key(x, articles_by_id, syndication) for x in sorted(ids)}
    # Two syndicated copies from different named outlets are still one wire source.
    return {x: min(keys[y] for y in (x, *syndication.get(x, ())) if y in keys) for x in ids}


def independent_count(article_ids: Iterable[str], articles_by_id: Mapping[str, Article],
                      syndication: Mapping[str, tuple[str, ...]]) -> int:
    """Number of independent sources among `article_ids` (same outlet or syndicated copies = one)."""
    return len(set(source_keys(article_ids, articles_by_id, syndication).values()))
