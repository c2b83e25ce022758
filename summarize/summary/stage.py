"""Summarize stage: every event's Arabic and English summary, guarded and attributed.

All events go to the backend in one call so a seq2seq model can batch them.
Generated text then passes the hallucination guard (numbers and names must be
in the sources); a summary the guard empties falls back to the extractive
one; finally every sentence is attributed to the articles that support it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from summarize.model import LANGS, Embedder, EventText, Summary
from summarize.summary.attribute import attribute
from summarize.summary.backends.base import Summarizer, SummaryRequest
from summarize.summary.guard import guard_summary


def write_summaries(
    items: Sequence[EventText], summarizer: Summarizer, fallback: Summarizer, embedder: Embedder
) -> tuple[dict[tuple[str, str], Summary], Counter[str]]:
    """Summaries keyed by (event id, language), and counts of what was removed or replaced."""
    requests = [SummaryRequest(it.event.id, lang, it.articles, it.sentences, it.claims)
                for it in items for lang in LANGS]
    extra = {it.event.id: it.extra_sources for it in items}
    stats: Counter[str] = Counter()
    out: dict[tuple[str, str], Summary] = {}
    for request, summary in zip(requests, summarizer.summarize(requests), strict=True):
        if summary.method == "generated":
            sources = [a.text for a in request.articles] + list(extra[request.event_id])
            summary, removed = guard_summary(summary, sources)
            stats["guard_removed_sentences"] += len(removed)
        if summary.method == "unavailable" and summarizer is not fallback:
            (summary,) = fallback.summarize([request])
            stats["extractive_fallbacks"] += summary.method == "extractive"
        attributed = attribute(summary, request.sentences, embedder)
        stats["dropped_unsupported_sentences"] += attributed.dropped_unsupported
        out[(request.event_id, request.target_lang)] = attributed.summary
    return out, stats
