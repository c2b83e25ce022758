"""Pipeline: sequences the stages. No stage logic lives here.

ingest → language → sentences → embed → cluster → claims → corroborate →
summarize → attribute → render (the renderers run in the CLI).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from . import language
from .claims import extract_claims
from .cluster import cluster_events
from .corroborate import corroborate
from .embed import Embedder, get_embedder
from .gencache import GenCache
from .ingest import IngestOptions, ingest
from .sentences import split_sentences
from .settings import Settings
from .stance import ContradictionDetector, default_detector
from .summaries import LANGS, EventText, write_summaries
from .summarizers.base import Summarizer
from .summarizers.extractive import ExtractiveSummarizer
from .summarizers.registry import CACHE_FILE, get_summarizer
from .syndication import find_syndication
from .textnorm import match_key
from .translate import ClaimTranslator, translated_texts
from .types import Article, Brief, Event, EventReport, Sentence, Skipped, SourceInfo, Summary

log = logging.getLogger(__name__)

Progress = Callable[[str], None]
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A large event (a story every outlet carries) is summarized from its most
# central articles only: it bounds per-event work on a 10,000-article crawl, and
# beyond a dozen reports of one event new sentences rarely add anything.
# Every article is still listed among the event's sources.
MAX_TEXT_ARTICLES = 16
# Likewise only an article's first sentences feed claims and summaries: news
# puts what matters first, and it bounds the work one huge article can cause.
MAX_SENTENCES_PER_ARTICLE = 60
TITLE_CHARS = 110
TITLE_MIN_WORDS = 5


class NothingToSummarize(RuntimeError):
    """No input could be used; the message says why."""


def run(paths: Iterable[str | Path], settings: Settings, progress: Progress | None = None) -> Brief:
    """Read the inputs and build the brief (raises NothingToSummarize when no article is usable)."""
    step = progress or (lambda _msg: None)
    step("reading inputs")
    got = ingest(paths, IngestOptions(settings.since, settings.outlets, settings.feed_timeout_s,
                                      settings.feed_max_bytes))
    step(f"detecting language of {len(got.articles)} articles")
    articles, skipped = _keep_languages(language.detect(got.articles), settings.languages)
    skipped = got.skipped + skipped
    if not articles:
        reasons = "; ".join(f"{s.input}: {s.reason}" for s in skipped[:5]) or "no input files found"
        raise NothingToSummarize(f"no usable article in the input ({reasons})")
    sentences = {a.id: _sentences(a) for a in articles}
    embedder = get_embedder(settings.embedder)
    step("grouping articles into events")
    events = cluster_events(articles, embedder, settings.cluster_threshold)
    furniture = _furniture(events, sentences)
    summarizer, fallback_reason = get_summarizer(
        settings.summarizer, settings.model, cache_dir=settings.cache_dir, embedder=embedder,
        summary_sentences=settings.summary_sentences,
    )
    extractive = summarizer if summarizer.name == "extractive" else ExtractiveSummarizer(
        embedder, settings.summary_sentences)
    translator = _translator(settings)
    detector = default_detector()
    by_id = {a.id: a for a in articles}
    texts: list[EventText] = []
    syndicated: dict[str, tuple[str, ...]] = {}
    rejected = 0
    for n, event in enumerate(events, 1):
        step(f"claims of event {n}/{len(events)}")
        text, copies = _event_text(event, by_id, sentences, furniture, embedder, detector)
        if translator is not None:
            claims, lost = translator.translate_claims(text.claims)
            text = dataclasses.replace(text, claims=tuple(claims), extra_sources=tuple(translated_texts(claims)))
            rejected += lost
        texts.append(text)
        syndicated.update(copies)
    step("writing summaries")
    summaries, counts = write_summaries(texts, summarizer, extractive, embedder)
    if translator is not None:
        counts["rejected_translations"] = rejected
    reports = tuple(_report(t, summaries) for t in texts)
    return Brief(
        date=settings.date or _brief_date(articles),
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        summarizer=summarizer.name,
        sources=tuple(SourceInfo(by_id[aid], syndicated.get(aid, ())) for r in reports for aid in r.sources),
        skipped=tuple(skipped),
        events=reports,
        notes=_notes(summarizer, fallback_reason),
        stats={"articles": len(articles), "skipped": len(skipped), "events": len(events), **counts},
    )


def _sentences(article: Article) -> list[Sentence]:
    """Split an article into sentences, each labelled with its own language (articles can mix)."""
    return [
        dataclasses.replace(s, lang=lang) if (lang := language.sentence_language(s.text, s.lang)) != s.lang else s
        for s in split_sentences(article.text, article.id, article.lang)
    ]


def _keep_languages(articles: Sequence[Article], wanted: tuple[str, ...]) -> tuple[list[Article], list[Skipped]]:
    """Split articles into those in a wanted language and skips for the rest."""
    keep, skip = [], []
    for a in articles:
        if a.lang in wanted:
            keep.append(a)
        else:
            what = "undetermined" if a.lang == "und" else f"'{a.lang}'"
            skip.append(Skipped(a.path or a.id, f"language {what} is not one of {', '.join(wanted)}"))
    return keep, skip


def _furniture(events: Sequence[Event], sentences: dict[str, list[Sentence]]) -> set[str]:
    """Sentences repeated verbatim in more than one event are site furniture, not news."""
    seen: Counter[str] = Counter()
    for event in events:
        seen.update({match_key(s.text) for aid in event.article_ids for s in sentences[aid]})
    return {key for key, n in seen.items() if n > 1}


def _translator(settings: Settings) -> ClaimTranslator | None:
    """The claim translator, loaded now so a missing model fails before any work (None when off)."""
    if not settings.translator:
        return None
    backend = "ct2" if settings.summarizer == "ct2" else "hf"
    translator = ClaimTranslator(settings.translator, backend=backend, cache_dir=settings.cache_dir,
                                 cache=GenCache(settings.cache_dir / CACHE_FILE))
    translator.load()
    return translator


def _notes(summarizer: Summarizer, fallback: str | None) -> tuple[str, ...]:
    """Header notes the reader must see."""
    if summarizer.name != "extractive":
        return (f"Summaries written by {summarizer.name}; sentences whose numbers or names are not in the "
                "sources were removed, and summaries left empty fall back to quoted source sentences.",)
    why = f" ({fallback})" if fallback else ""
    return (f"Summaries are extractive: sentences quoted from the sources{why}. "
            "A language with no source in an event has no summary.",)


def _event_text(
    event: Event, by_id: dict[str, Article], sentences: dict[str, list[Sentence]], furniture: set[str],
    embedder: Embedder, detector: ContradictionDetector,
) -> tuple[EventText, dict[str, tuple[str, ...]]]:
    """An event's text for the summarizer: its central articles, their sentences and its ranked claims."""
    keep = set(event.central[:MAX_TEXT_ARTICLES] or event.article_ids)
    articles = tuple(by_id[aid] for aid in event.article_ids if aid in keep)
    own = {a.id: [s for s in sentences[a.id] if match_key(s.text) not in furniture][:MAX_SENTENCES_PER_ARTICLE]
           for a in articles}
    copies = find_syndication(articles)
    claims = corroborate(extract_claims(articles, own), articles, copies, embedder, detector)
    claims = [dataclasses.replace(c, id=f"{event.id}-{c.id}") for c in claims]
    pool = tuple(s for a in articles for s in own[a.id])
    return EventText(event, articles, pool, tuple(claims)), copies


def _report(text: EventText, summaries: dict[tuple[str, str], Summary]) -> EventReport:
    """Assemble one event's section of the brief."""
    event = text.event
    mine = {lang: summaries[(event.id, lang)] for lang in LANGS}
    title = {lang: _title(text.articles, mine[lang], lang) for lang in LANGS}
    return EventReport(event.id, event.article_ids, title, mine, text.claims)


def _title(articles: Sequence[Article], summary: Summary, lang: str) -> str | None:
    """The event's title in `lang`: a source headline, else the summary's best sentence, shortened."""
    for a in articles:
        if a.lang == lang and a.title:
            return _clip(a.title)
    return _clip(summary.sentences[0].text) if summary.sentences else None


def _clip(text: str) -> str:
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


def _brief_date(articles: Sequence[Article]) -> str:
    """The brief's date: the latest publication date among the sources, else today (UTC)."""
    dates = [a.published[:10] for a in articles if a.published and _DATE.match(a.published)]
    return max(dates) if dates else dt.datetime.now(dt.UTC).date().isoformat()
