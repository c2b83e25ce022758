"""The summarizer protocol every backend implements, and the request it receives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from summarize.model import Article, ClaimGroup, Sentence, Summary


@dataclass(frozen=True, slots=True)
class SummaryRequest:
    """What a backend needs to summarize one event in one target language.

    `sentences` are the event's candidate source sentences in every language,
    best-ranked first (ranked claims first when the claims stage ran).
    """

    event_id: str
    target_lang: str
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    claims: tuple[ClaimGroup, ...] = ()


class Summarizer(Protocol):
    """A summarizer backend: extractive, hf, ct2, or a test fake."""

    name: str

    def summarize(self, requests: Sequence[SummaryRequest]) -> list[Summary]:
        """Return one `Summary` per request, in order; never raise for one bad event."""
        ...


class SummarizerUnavailable(RuntimeError):
    """Raised when a backend cannot be loaded (missing model, package, or hub access)."""
