"""One event's section of the brief (title, summaries, claims), and the header notes about the summarizer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from summarize.model import LANGS, Article, EventReport, EventText, Summary
from summarize.summary.card import key_points
from summarize.text.detokenize import detokenize

TITLE_CHARS = 110
TITLE_MIN_WORDS = 5


def event_report(text: EventText, summaries: Mapping[tuple[str, str], Summary]) -> EventReport:
    """Assemble one event's section of the brief."""
    event = text.event
    mine = {lang: summaries[(event.id, lang)] for lang in LANGS}
    order = {aid: n for n, aid in enumerate(event.central or event.article_ids)}
    central_first = sorted(text.articles, key=lambda a: order.get(a.id, len(order)))
    title = {lang: event_title(central_first, mine[lang], lang) for lang in LANGS}
    return EventReport(event.id, event.article_ids, title, mine, text.claims, event.related, key_points(text.claims))


def event_title(articles: Sequence[Article], summary: Summary, lang: str) -> str | None:
    """The event's title in `lang`: the headline of its most central source in that language, else the
    summary's best sentence cut at a clause (`articles` come most central first)."""
    for a in articles:
        if a.lang == lang and a.title:
            return clip_title(detokenize(a.title))
    return clip_title(summary.sentences[0].text) if summary.sentences else None


def clip_title(text: str) -> str:
    """Shorten a title: its first clause if that is long enough, else TITLE_CHARS at a word boundary."""
    text = " ".join(text.split())
    for mark in ("،", ",", "؛", ";", ":"):
        head = text.split(mark, 1)[0]
        if head != text and len(head.split()) >= TITLE_MIN_WORDS:
            text = head
            break
    if len(text) <= TITLE_CHARS:
        return text
    return text[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


def summary_notes(summarizer_name: str, fallback: str | None) -> tuple[str, ...]:
    """Header notes the reader must see about how the summaries were written."""
    if summarizer_name != "extractive":
        return (f"Summaries written by {summarizer_name}; sentences whose numbers or names are not in the "
                "sources were removed, and summaries left empty fall back to quoted source sentences.",)
    why = f" ({fallback})" if fallback else ""
    return (f"Summaries are extractive: sentences quoted from the sources{why}. "
            "A language with no source in an event has no summary.",)
