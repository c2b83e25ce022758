"""Pipeline: the stages in order, one line each; no stage logic lives here.

ingest → language → clean → sentences → embed → cluster → claims → corroborate →
summarize → attribute → render (the renderers run in the CLI).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from summarize.claims.origins import article_origin
from summarize.clean.stage import clean_articles
from summarize.config import Settings
from summarize.engines import Engine, get_engine
from summarize.engines.workers import ClaimsWorker, EmbedWorker, SummaryWorker, detect_batch, sentences_batch
from summarize.events.cluster import check_size, cluster_events, document_text
from summarize.events.embed import get_embedder
from summarize.ingest import IngestOptions, ingest
from summarize.ingest.common import brief_date
from summarize.ingest.language import keep_languages
from summarize.model import Brief, SourceInfo
from summarize.summary.card import rank_events
from summarize.summary.report import event_report, summary_notes

log = logging.getLogger(__name__)

# Progress events: (stage name, units done, units in all); total 0 when unknown.
Progress = Callable[[str, int, int], None]


class NothingToSummarize(RuntimeError):
    """No input could be used; the message says why."""


def run(paths: Iterable[str | Path], settings: Settings, progress: Progress | None = None,
        engine: Engine | None = None) -> Brief:
    """Read the inputs and build the brief (raises NothingToSummarize when no article is usable).

    `engine` decides where per-article and per-event work runs (default: this process).
    """
    def step(stage: str, done: int, total: int) -> None:
        """Report progress to the caller and to the log."""
        log.info("stage %s: %d of %d", stage, done, total)
        if progress is not None:
            progress(stage, done, total)

    engine = engine or get_engine(settings.engine, settings.ray_address, step)
    step("ingest", 0, 0)
    got = ingest(paths, IngestOptions(settings.since, settings.outlets, settings.feeds.timeout_s,
                                      settings.feeds.max_bytes, settings.feeds.allow_hosts))
    step("language", 0, len(got.articles))
    articles, off_language = keep_languages(engine.map_batches(detect_batch, got.articles, "language"),
                                            settings.languages)
    skipped = got.skipped + off_language
    if not articles:
        reasons = "; ".join(f"{s.input}: {s.reason}" for s in skipped[:5]) or "no input files found"
        raise NothingToSummarize(f"no usable article in the input ({reasons})")
    check_size(len(articles))  # before any costly stage: a clear stop, never a crash in clustering
    step("clean", 0, len(articles))
    articles, cleaned = clean_articles(articles, get_embedder(settings.embedder))  # run-wide: on the driver
    sentences = dict(zip((a.id for a in articles), engine.map_batches(
        sentences_batch, [(a, cleaned[a.id]) for a in articles], "sentences"), strict=True))
    step("embed", 0, len(articles))
    vectors = engine.map_with(EmbedWorker(settings.embedder, settings.cache_dir),
                              [document_text(a, cleaned[a.id]) for a in articles], "embed", batch_size=512)
    step("cluster", 0, len(articles))
    events = cluster_events(articles, cleaned, np.asarray(vectors, dtype=np.float32), settings.thresholds.cluster)
    by_id = {a.id: a for a in articles}
    claimed = engine.map_with(ClaimsWorker(settings), [
        (e, {a: by_id[a] for a in e.article_ids}, {a: sentences[a] for a in e.article_ids}) for e in events],
        "claims", batch_size=1)
    texts = [text for text, _, _ in claimed]
    syndicated = {aid: copies for _, found, _ in claimed for aid, copies in found.items()}
    step("summarize", 0, len(texts))
    written = engine.map_with(SummaryWorker(settings), texts, "summarize", batch_size=len(texts) or 1,
                              num_gpus=settings.ray_gpus)
    summaries = {k: v for found, _, _, _ in written for k, v in found.items()}
    counts: Counter[str] = Counter()
    for _, found_counts, _, _ in written:
        counts.update(found_counts)  # update, not +: a count of 0 is still reported
    name, fallback_reason = (written[0][2], written[0][3]) if written else (settings.summarizer, None)
    counts.update({"rejected_translations": sum(lost for _, _, lost in claimed)} if settings.translator else {})
    reports = tuple(event_report(t, summaries) for t in texts)
    sources = {aid: SourceInfo(by_id[aid], syndicated.get(aid, ()), cleaned[aid].furniture_chars,
                               article_origin(by_id[aid])) for r in reports for aid in r.sources}
    reports = rank_events(reports, sources)
    return Brief(
        date=settings.date or brief_date(articles),
        generated_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        summarizer=name,
        sources=tuple(sources[aid] for r in reports for aid in r.sources),
        skipped=tuple(skipped),
        events=reports,
        notes=summary_notes(name, fallback_reason),
        stats={"articles": len(articles), "skipped": len(skipped), "events": len(events), **counts},
    )
