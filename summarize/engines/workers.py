"""The pipeline's per-article and per-event work as batch functions and worker factories, for any engine.

Each wraps a stage function without changing it. A factory is a small picklable object: an engine
sends it to a worker (this process, or a Ray actor) and calls it there once, so the models it loads
(embedder, contradiction detector, translator, summarizer) load once per worker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.claims.stage import event_claims
from summarize.config import Settings
from summarize.ingest.language import article_sentences, detect
from summarize.model import Article, Cleaned, Event, EventText, Sentence, Summary

ClaimsItem = tuple[Event, Mapping[str, Article], Mapping[str, Sequence[Sentence]]]


def detect_batch(articles: list[Article]) -> list[Article]:
    """Language stage over a batch."""
    return detect(articles)


def sentences_batch(items: list[tuple[Article, Cleaned]]) -> list[list[Sentence]]:
    """Sentence stage over a batch of (article, what the clean stage kept)."""
    return [article_sentences(a, c) for a, c in items]


@dataclass(frozen=True)
class EmbedWorker:
    """Document vectors (the embed stage), with the on-disk vector store."""

    embedder: str
    cache_dir: Path | None

    def __call__(self) -> Callable[[list[str]], list[Any]]:
        """Load the embedder; the returned function embeds a batch of texts."""
        from summarize.events.embed import get_embedder

        embedder = get_embedder(self.embedder, self.cache_dir)
        return lambda texts: list(embedder.encode(texts))


@dataclass(frozen=True)
class ClaimsWorker:
    """Claims, corroboration and claim translation of one event at a time."""

    settings: Settings

    def __call__(self) -> Callable[[list[ClaimsItem]], list[tuple[EventText, dict[str, tuple[str, ...]], int]]]:
        """Load the embedder, the contradiction detector and the translator once."""
        from summarize.contradiction import default_detector
        from summarize.events.embed import get_embedder
        from summarize.summary.backends.registry import CACHE_FILE
        from summarize.summary.translate import load_translator, translate_event

        s = self.settings
        embedder = get_embedder(s.embedder)  # statements: the run's memory cache (the disk keeps documents)
        detector = default_detector()
        translator = load_translator(s.translator, s.summarizer, s.cache_dir, CACHE_FILE)

        def run(items: list[ClaimsItem]) -> list[tuple[EventText, dict[str, tuple[str, ...]], int]]:
            out = []
            for event, by_id, sentences in items:
                text, copies = event_claims(event, by_id, sentences, embedder, detector)
                text, lost = translate_event(text, translator)
                out.append((text, copies, lost))
            return out

        return run


SummaryResult = tuple[dict[tuple[str, str], Summary], Counter[str], str, str | None]


@dataclass(frozen=True)
class SummaryWorker:
    """Summaries of a batch of events (batched generation where the backend is a seq2seq model)."""

    settings: Settings

    def __call__(self) -> Callable[[list[EventText]], list[SummaryResult]]:
        """Load the summarizer once; each batch returns per event its summaries (the batch's counts, the
        summarizer's name and why it fell back, if it did, ride on the batch's first event)."""
        from summarize.events.embed import get_embedder
        from summarize.summary.backends.registry import extractive_fallback, get_summarizer
        from summarize.summary.stage import write_summaries

        s = self.settings
        embedder = get_embedder(s.embedder)
        summarizer, why = get_summarizer(s.summarizer, s.model, cache_dir=s.cache_dir, embedder=embedder,
                                         summary_sentences=s.thresholds.summary_sentences)
        fallback = extractive_fallback(summarizer, embedder, s.thresholds.summary_sentences)

        def run(texts: list[EventText]) -> list[SummaryResult]:
            summaries, counts = write_summaries(texts, summarizer, fallback, embedder)
            return [({k: v for k, v in summaries.items() if k[0] == t.event.id}, counts if n == 0 else Counter(),
                     summarizer.name, why) for n, t in enumerate(texts)]

        return run
