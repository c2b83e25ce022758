"""Pipeline: the stages in order, one line each; no stage logic lives here.

ingest → language → clean → sentences → embed → cluster → claims → corroborate →
summarize → attribute → render (the renderers run in the CLI).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from summarize.claims.origins import article_origin
from summarize.claims.stage import event_claims
from summarize.clean.stage import clean_articles
from summarize.config import Settings
from summarize.contradiction import default_detector
from summarize.events.cluster import check_size, cluster_events
from summarize.events.embed import get_embedder
from summarize.ingest import IngestOptions, ingest
from summarize.ingest.common import brief_date
from summarize.ingest.language import article_sentences, detect, keep_languages
from summarize.model import Brief, SourceInfo
from summarize.summary.backends.registry import CACHE_FILE, extractive_fallback, get_summarizer
from summarize.summary.card import rank_events
from summarize.summary.report import event_report, summary_notes
from summarize.summary.stage import write_summaries
from summarize.summary.translate import load_translator, translate_event

log = logging.getLogger(__name__)

# Progress events: (stage name, units done, units in all); total 0 when unknown.
Progress = Callable[[str, int, int], None]


class NothingToSummarize(RuntimeError):
    """No input could be used; the message says why."""


def run(paths: Iterable[str | Path], settings: Settings, progress: Progress | None = None) -> Brief:
    """Read the inputs and build the brief (raises NothingToSummarize when no article is usable)."""
    def step(stage: str, done: int, total: int) -> None:
        """Report progress to the caller and to the log."""
        log.info("stage %s: %d of %d", stage, done, total)
        if progress is not None:
            progress(stage, done, total)

    step("ingest", 0, 0)
    got = ingest(paths, IngestOptions(settings.since, settings.outlets, settings.feeds.timeout_s,
                                      settings.feeds.max_bytes, settings.feeds.allow_hosts))
    step("language", 0, len(got.articles))
    articles, off_language = keep_languages(detect(got.articles), settings.languages)
    skipped = got.skipped + off_language
    if not articles:
        reasons = "; ".join(f"{s.input}: {s.reason}" for s in skipped[:5]) or "no input files found"
        raise NothingToSummarize(f"no usable article in the input ({reasons})")
    check_size(len(articles))  # before any costly stage: a clear stop, never a crash in clustering
    step("clean", 0, len(articles))
    articles, cleaned = clean_articles(articles)
    sentences = {a.id: article_sentences(a, cleaned[a.id]) for a in articles}
    embedder = get_embedder(settings.embedder, settings.cache_dir)
    step("cluster", 0, len(articles))
    events = cluster_events(articles, cleaned, embedder, settings.thresholds.cluster)
    summarizer, fallback_reason = get_summarizer(
        settings.summarizer, settings.model, cache_dir=settings.cache_dir, embedder=embedder,
        summary_sentences=settings.thresholds.summary_sentences)
    translator = load_translator(settings.translator, settings.summarizer, settings.cache_dir, CACHE_FILE)
    detector = default_detector()
    by_id = {a.id: a for a in articles}
    texts, syndicated, rejected = [], {}, 0
    for n, event in enumerate(events, 1):
        step("claims", n - 1, len(events))
        text, copies = event_claims(event, by_id, sentences, embedder, detector)
        text, lost = translate_event(text, translator)
        texts.append(text)
        syndicated.update(copies)
        rejected += lost
    step("summarize", 0, len(texts))
    fallback = extractive_fallback(summarizer, embedder, settings.thresholds.summary_sentences)
    summaries, counts = write_summaries(texts, summarizer, fallback, embedder)
    counts.update({"rejected_translations": rejected} if translator is not None else {})
    reports = tuple(event_report(t, summaries) for t in texts)
    sources = {aid: SourceInfo(by_id[aid], syndicated.get(aid, ()), cleaned[aid].furniture_chars,
                               article_origin(by_id[aid])) for r in reports for aid in r.sources}
    reports = rank_events(reports, sources)
    return Brief(
        date=settings.date or brief_date(articles),
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        summarizer=summarizer.name,
        sources=tuple(sources[aid] for r in reports for aid in r.sources),
        skipped=tuple(skipped),
        events=reports,
        notes=summary_notes(summarizer.name, fallback_reason),
        stats={"articles": len(articles), "skipped": len(skipped), "events": len(events), **counts},
    )
