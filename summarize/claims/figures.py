# ruff: noqa: SIM905  (word lists are easier to read and review as split strings)
"""Figures across statements: the same claim with another number, and tolls that rise through the day.

Two statements give conflicting figures only when they say the same thing once their numbers are masked
(near-paraphrase in the multilingual space): "seven died in a strike on a house" and "a strike on a car
killed five" are two facts, "the toll is 327" and "the toll is 343" one. When either statement says the
figure rose ("rose to", «ارتفع إلى»), the two are a timeline of one count, shown latest first with the
earlier figures and their sources, not a dispute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize.model import Article, Claim, Embedder, TimelineEntry
from summarize.text.detokenize import detokenize
from summarize.text.lexicons import CASUALTY_UNITS
from summarize.text.normalize import match_key
from summarize.text.tokens import tokens

# Masked statements at least this similar say the same thing (the extractive summarizer's near-paraphrase
# cut, by reasoning; bench/bench_claims.py measures the disputes it lets through).
MASKED_SIM = 0.8
RISE_WORDS = frozenset(
    [match_key(w) for w in (
        "ارتفع ارتفعت ارتفاع يرتفع ترتفع لارتفاع وارتفع وارتفعت تجاوز تجاوزت زاد ازداد").split()]
    + "rose risen rises climbed climbs climbing increased jumped mounted surged".split()
)
# A reading marked provisional comes before the others of its count, one marked revised or final after them
# (a preliminary magnitude and the revised one; a market's intraday move and its close): a timeline too.
PROVISIONAL_WORDS = frozenset(
    [match_key(w) for w in "أولية أولي مبدئية مبدئي".split()] + "preliminary initial".split())
# ("final" and «النهائية» are left out: "fears the final toll will double" is no final reading.)
FINAL_WORDS = frozenset("revised closed closing".split())
_NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")


def masked(text: str) -> str:
    """A statement with its numbers replaced by one placeholder."""
    return _NUMBER.sub("#", text)


def same_claim_but_figures(pairs: Sequence[tuple[Claim, Claim]], embedder: Embedder) -> list[bool]:
    """For each pair (already giving different figures for one quantity): do they say the same thing?"""
    if not pairs:
        return []
    vec = embedder.encode([masked(c.text) for pair in pairs for c in pair])
    return [bool(float(vec[2 * k] @ vec[2 * k + 1]) >= MASKED_SIM) for k in range(len(pairs))]


def rises(claim: Claim) -> bool:
    """Whether a statement reports its figure as having risen, or as a provisional or final reading."""
    return any(t in RISE_WORDS or t in PROVISIONAL_WORDS or t in FINAL_WORDS for t in tokens(claim.text))


def _stage(claim: Claim) -> int:
    """0 for a reading marked provisional, 2 for one marked revised or final, else 1."""
    words = set(tokens(claim.text))
    return 0 if words & PROVISIONAL_WORDS else 2 if words & FINAL_WORDS else 1


def _figure(claim: Claim) -> float | None:
    """The statement's main count (a toll when it gives one, else its first unit-bearing figure)."""
    tolls = [q.value for q in claim.quantities if q.unit in CASUALTY_UNITS]
    other = [q.value for q in claim.quantities if q.unit not in (None, "year")]
    found = tolls or other
    return max(found) if found else None


def timeline(members: Sequence[Claim], articles: dict[str, Article]) -> tuple[list[Claim], list[TimelineEntry]]:
    """Members with the latest figure first, and the earlier figures as timeline entries (oldest first).

    Later means published later where publication times are known, else marked revised or final rather than
    provisional, else a larger toll (tolls rise)."""
    def when(c: Claim) -> tuple[str, int, float]:
        return (articles[c.article_id].published or "", _stage(c), _figure(c) or 0.0)

    ordered = sorted(members, key=when, reverse=True)
    latest = _figure(ordered[0])
    earlier: dict[float, list[Claim]] = {}
    for c in ordered[1:]:
        value = _figure(c)
        if value is not None and value != latest:
            earlier.setdefault(value, []).append(c)
    entries = [TimelineEntry(detokenize(cs[0].text), f"{value:g}",
                             articles[cs[0].article_id].published, tuple(sorted({c.article_id for c in cs})))
               for value, cs in sorted(earlier.items(), key=lambda kv: when(kv[1][0]))]
    return ordered, entries


def update_pairs(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """Of conflicting-figure pairs, those that are a rise of one count (either statement says it rose)."""
    return {(i, j) for i, j in pairs if rises(claims[i]) or rises(claims[j])}


def masked_gate(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], embedder: Embedder) -> list[tuple[int, int]]:
    """The figure pairs whose statements say the same thing with their numbers masked."""
    keep = same_claim_but_figures([(claims[i], claims[j]) for i, j in pairs], embedder)
    return [p for p, ok in zip(pairs, keep, strict=True) if ok]

