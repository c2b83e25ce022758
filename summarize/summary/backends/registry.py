"""Pick a summarizer backend by kind: auto | hf | ct2 | extractive.

`auto` uses the configured model (default preset mt0-base) if it can be
loaded from a local directory or the Hugging Face cache — through ct2 when
ctranslate2 is installed (about 3x faster on CPU), else hf — and otherwise
falls back to the extractive summarizer, returning the reason for the brief's
header.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

from summarize.summary.backends.base import Summarizer, SummarizerUnavailable
from summarize.summary.backends.generate import GenParams, Seq2SeqSummarizer
from summarize.summary.backends.presets import parse_model_spec
from summarize.summary.gencache import GenCache

log = logging.getLogger(__name__)

KINDS = ("auto", "hf", "ct2", "extractive")
CACHE_FILE = "generations.sqlite3"


def _extractive(embedder: Any, summary_sentences: int) -> Summarizer:
    """The foundation's extractive summarizer (imported lazily)."""
    from summarize.summary.backends.extractive import ExtractiveSummarizer

    if embedder is None:
        raise ValueError("the extractive summarizer needs an embedder")
    summarizer: Summarizer = ExtractiveSummarizer(embedder, summary_sentences)
    return summarizer


def _seq2seq(
    kind: str, model: str | None, cache_dir: Path, offline: bool, options: dict[str, Any]
) -> Seq2SeqSummarizer:
    """Build and load an hf or ct2 summarizer (raises SummarizerUnavailable)."""
    cache = GenCache(cache_dir / CACHE_FILE)
    summarizer: Seq2SeqSummarizer
    if kind == "ct2":
        from summarize.summary.backends.ct2 import CT2Summarizer

        summarizer = CT2Summarizer(model, cache_dir=cache_dir, offline=offline, cache=cache, **options)
    else:
        from summarize.summary.backends.hf import HFSummarizer

        summarizer = HFSummarizer(model, offline=offline, cache=cache, **options)
    summarizer.load()
    return summarizer


def get_summarizer(
    kind: str, model: str | None, *, cache_dir: Path, embedder: Any = None, offline: bool = True,
    summary_sentences: int = 4, params: GenParams | None = None, prompts_dir: Path | None = None,
    batch_size: int = 8,
) -> tuple[Summarizer, str | None]:
    """Return the backend for `kind`, and for an auto fallback the reason (else None).

    `hf` and `ct2` raise SummarizerUnavailable (with a fix hint) when the model
    cannot be loaded; `auto` never does, it falls back to extractive.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown summarizer {kind!r}; choose one of {', '.join(KINDS)}")
    if kind == "extractive":
        return _extractive(embedder, summary_sentences), None
    options: dict[str, Any] = {"params": params, "prompts_dir": prompts_dir, "batch_size": batch_size}
    if kind in ("hf", "ct2"):
        return _seq2seq(kind, model, cache_dir, offline, options), None
    label = parse_model_spec(model).label
    backends = (["ct2"] if importlib.util.find_spec("ctranslate2") else []) + ["hf"]
    reasons: list[str] = []
    for backend in backends:
        try:
            return _seq2seq(backend, model, cache_dir, offline, options), None
        except SummarizerUnavailable as exc:
            log.info("%s backend unavailable: %s", backend, exc)
            reasons.append(str(exc))
    reason = f"seq2seq model {label} could not be loaded: {reasons[-1]}"
    return _extractive(embedder, summary_sentences), reason


def extractive_fallback(summarizer: Summarizer, embedder: Any, summary_sentences: int) -> Summarizer:
    """The extractive summarizer that stands in for a summary a seq2seq backend could not write."""
    return summarizer if summarizer.name == "extractive" else _extractive(embedder, summary_sentences)
