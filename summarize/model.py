"""Pipeline data: frozen, slotted dataclasses passed between stages.

Validation happens only at trust boundaries (ingest records, settings, JSON
output); inside the pipeline these objects are trusted and immutable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    import numpy as np

Lang = str  # ISO 639-1 code ("ar", "en", ...) or "und"
Stance = Literal["assert", "deny"]
Status = Literal["confirmed", "disputed", "single_source"]
DisputeKind = Literal["denial", "conflicting_figures", "conflicting_reports"]
SummaryMethod = Literal["generated", "extractive", "unavailable"]
# The languages every event gets a summary in, and how they are named to readers of the brief.
LANGS = ("ar", "en")
LANG_NAMES = {"ar": "Arabic", "en": "English"}


class Embedder(Protocol):
    """Anything that maps texts to unit vectors of a fixed dimension (implementations: `events.embed`)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dim) with unit-length rows."""
        ...


@dataclass(frozen=True, slots=True)
class Article:
    """One input article; `lang` is the declared language until the language stage fills it."""

    id: str
    text: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    lang: Lang = "und"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What the clean stage found in an article: its story stretches, its headline, what it left out."""

    article_id: str
    kept: tuple[tuple[int, int], ...]  # story text, one stretch per sentence, offsets into `Article.text`
    headline: str | None = None
    furniture_chars: int = 0  # non-space characters left out as page furniture


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not used, and why."""

    input: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one article; `text == article.text[start:end]`."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    lang: Lang


@dataclass(frozen=True, slots=True)
class Event:
    """A group of articles reporting one event, in input order; `central` ranks them by centrality."""

    id: str
    article_ids: tuple[str, ...]
    central: tuple[str, ...] = ()
    related: tuple[tuple[str, str], ...] = ()  # (other event id, why they were kept apart): same topic


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a claim and what it counts ("killed", "villages", "km"), if known."""

    value: float
    raw: str
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence-level statement extracted from one article."""

    id: str
    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    lang: Lang
    attributed_to: str | None = None
    stance: Stance = "assert"
    quantities: tuple[Quantity, ...] = ()
    time_cues: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """A claim as shown in the brief: its text, who says it, which side, and where."""

    text: str
    language: Lang
    sources: tuple[str, ...]
    attributed_to: str | None = None
    stance: Stance | None = "assert"
    side: int | None = None
    translation: str | None = None
    spans: tuple[tuple[str, int, int], ...] = ()  # (source id, start, end): where in each source it stands
    origin: str | None = None  # the wire or outlet the statement's source cites as its origin


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An earlier figure of a count that changed over the day: what was said, the figure, when, by whom."""

    text: str
    figure: str | None
    published: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Aligned statements across sources with a corroboration status (the schema's `claim`)."""

    id: str
    status: Status
    statements: tuple[Statement, ...]
    independent_sources: int = 1
    dispute_kind: DisputeKind | None = None
    score: float = 0.0
    origins: tuple[str, ...] = ()  # the independent origins behind it (wires or outlets)
    timeline: tuple[TimelineEntry, ...] = ()  # earlier figures of a count that rose; statements hold the latest


@dataclass(frozen=True, slots=True)
class EventText:
    """What the summarizer sees of one event: its articles, candidate sentences and ranked claims."""

    event: Event
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    claims: tuple[ClaimGroup, ...] = ()
    extra_sources: tuple[str, ...] = ()  # e.g. claim translations the guard may accept


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One summary sentence and the source ids that support it."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """An event summary in one language."""

    lang: Lang
    method: SummaryMethod
    sentences: tuple[SummarySentence, ...] = ()
    unavailable_reason: str | None = None


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One key point of a story card: a source sentence (trimmed only at a clause), its sources and claim."""

    text: str
    language: Lang
    sources: tuple[str, ...]
    claim: str | None = None
    independent_sources: int = 1
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class EventReport:
    """Everything the brief says about one event."""

    id: str
    sources: tuple[str, ...]
    title: dict[str, str | None]
    summaries: dict[str, Summary]
    claims: tuple[ClaimGroup, ...] = ()
    related: tuple[tuple[str, str], ...] = ()  # (other event id, why they were kept apart)
    key_points: tuple[KeyPoint, ...] = ()  # the story card's, best-supported first
    change: str | None = None  # with --since-last: "New since …" / "Updated since …: reasons"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """An article as listed in the brief's sources."""

    article: Article
    syndicated_with: tuple[str, ...] = ()
    furniture_chars: int = 0
    origin: str | None = None  # the wire the article credits as its origin ("via Reuters"), if any


@dataclass(frozen=True, slots=True)
class Brief:
    """One morning brief: the output of the pipeline, input of every renderer."""

    date: str
    generated_at: str
    summarizer: str
    sources: tuple[SourceInfo, ...]
    skipped: tuple[Skipped, ...]
    events: tuple[EventReport, ...]
    notes: tuple[str, ...] = ()
    stats: dict[str, int] = field(default_factory=dict)
