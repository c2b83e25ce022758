"""Story cards and reading order: what an editor reads first.

A card's key points are source sentences, never rewritten: the lead statements of the event's
best-supported confirmed claims (single-source ones only where an event has too few confirmed), each
trimmed, if long, only at a clause boundary whose cut-off tail holds no negation and no denial and
whose kept head keeps the speaker. Events are ranked by independent origins, then languages, then
disputes, then reports, then recency.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from summarize.events.neighbours import components
from summarize.model import Article, ClaimGroup, EventReport, KeyPoint, SourceInfo
from summarize.text.lexicons import is_denial, negation_count
from summarize.text.tokens import tokens

# A key point longer than this is trimmed at a clause boundary (or passed over): two or three of them,
# a coverage line and a dispute line fit a card (render.md.CARD_WORDS).
KEY_POINT_WORDS = 22
KEY_POINT_MIN_WORDS = 6
KEY_POINTS = 3
_CLAUSE = re.compile(r"[,،;؛:]\s+|\s+[—–]\s+")


def trim_at_clause(text: str, speaker: str | None, max_words: int = KEY_POINT_WORDS) -> str | None:
    """`text` itself if short enough, else its longest head ending at a clause boundary within
    `max_words` whose tail has no negation or denial and whose head keeps `speaker`; None if none does."""
    text = " ".join(text.split())
    if len(text.split()) <= max_words:
        return text
    best = None
    for m in _CLAUSE.finditer(text):
        head, tail = text[: m.start()].rstrip(), text[m.end():]
        words = len(head.split())
        if words > max_words:
            break
        if words < KEY_POINT_MIN_WORDS or (speaker and speaker not in head):
            continue
        tail_tokens = tokens(tail)
        if negation_count(tail_tokens) or any(is_denial(t) for t in tail_tokens):
            continue
        best = head
    return f"{best} …" if best else None


def key_points(claims: Sequence[ClaimGroup], limit: int = KEY_POINTS) -> tuple[KeyPoint, ...]:
    """The card's key points: best-supported confirmed claims first, single-source ones only to reach two."""
    confirmed = sorted((c for c in claims if c.status == "confirmed"),
                       key=lambda c: (-c.independent_sources, -len(_sources(c)), c.id))
    single = [c for c in claims if c.status == "single_source"]
    points: list[KeyPoint] = []
    seen: set[str] = set()
    for pool, cap in ((confirmed, limit), (single, 2)):
        for claim in pool:
            if len(points) >= cap:
                break
            lead = claim.statements[0]
            text = trim_at_clause(lead.text, lead.attributed_to)
            if text is None or text in seen:
                continue
            seen.add(text)
            points.append(KeyPoint(text, lead.language, _sources(claim), claim.id, claim.independent_sources,
                                   claim.status == "confirmed"))
    return tuple(points)


def _sources(claim: ClaimGroup) -> tuple[str, ...]:
    """Every source of a claim, in order, once."""
    return tuple(dict.fromkeys(i for s in claim.statements for i in s.sources))


def independent_origins(source_ids: Sequence[str], sources: Mapping[str, SourceInfo]) -> int:
    """How many independent origins an event's reports come from: copies of one wire text, and articles
    crediting the same wire, count once (connected components of those links)."""
    index = {aid: k for k, aid in enumerate(source_ids)}
    links: list[tuple[int, int]] = []
    first_with: dict[str, int] = {}
    for aid, k in index.items():
        info = sources[aid]
        links += [(k, index[other]) for other in info.syndicated_with if other in index]
        if info.origin:
            links.append((first_with.setdefault(info.origin, k), k))
    rows, cols = (np.array(side, dtype=np.int64) for side in zip(*links, strict=True)) if links else (
        np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    return len(components(len(source_ids), rows, cols))


def coverage(report: EventReport, sources: Mapping[str, SourceInfo]) -> dict[str, int]:
    """Reports, independent origins and reports per language of one event."""
    langs: dict[str, int] = {}
    for aid in report.sources:
        lang = sources[aid].article.lang
        langs[lang] = langs.get(lang, 0) + 1
    return {"reports": len(report.sources), "origins": independent_origins(report.sources, sources), **langs}


def rank_events(reports: Sequence[EventReport], sources: Mapping[str, SourceInfo]) -> tuple[EventReport, ...]:
    """Events in reading order: independent origins, languages, disputes, reports, recency; ties by id."""

    def key(report: EventReport) -> tuple[int, int, int, int, float, str]:
        cov = coverage(report, sources)
        langs = len({sources[a].article.lang for a in report.sources})
        disputed = any(c.status == "disputed" for c in report.claims)
        return (-cov["origins"], -langs, -disputed, -len(report.sources),
                -_latest(sources[a].article for a in report.sources), report.id)

    return tuple(sorted(reports, key=key))


def _latest(articles: Iterable[Article]) -> float:
    """The latest publication time among articles, as a POSIX timestamp (0 when none is known)."""
    stamps = [0.0]
    for a in articles:
        if a.published:
            try:
                when = dt.datetime.fromisoformat(a.published)
            except ValueError:
                continue
            stamps.append((when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp())
    return max(stamps)
