"""What the brief shows, decided once for every renderer: a `Brief` → a `BriefView` of plain strings.

The Markdown, the HTML template and the terminal preview all lay out the same view, so a story card, a
dispute line or a source entry reads the same everywhere; each renderer only escapes and styles. Text in
the view is untrusted article text, unescaped: escaping belongs to the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarize.model import LANG_NAMES, Brief, ClaimGroup, EventReport, KeyPoint, SourceInfo, Statement
from summarize.render.text import outlets, safe_url, source_label
from summarize.summary.card import coverage

# Five story cards and the contents read in about two minutes (600 words; bench/bench_reading.py): key
# points are dropped from the end (never the first, never a dispute line) until a card fits in 80 words.
CARD_WORDS = 80
# Words of the "Related, kept apart as another event:" label (render/md.py), counted against CARD_WORDS.
RELATED_WORDS = 6
# Contents lines stay one line each: the title is cut at a word near this many characters.
CONTENTS_CHARS = 48
# How many claims of each status the Markdown shows before "and N more". Disputes are never cut:
# hiding a disagreement is worse than a long brief. The HTML folds details away and shows them all.
SHOWN_PER_SECTION = {"confirmed": 8, "single_source": 6}
STATUS_HEADINGS = (("confirmed", "Confirmed"), ("disputed", "Disputed"), ("single_source", "Single source"))
SUMMARY_HEADINGS = {"en": "Summary (English)", "ar": "الملخص"}
DISPUTE_NAMES = {"denial": "Denied", "conflicting_figures": "Conflicting figures",
                 "conflicting_reports": "Conflicting reports"}

Cites = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Said:
    """One party in a dispute line or side: who, the verb, and where."""

    who: str
    verb: str
    cites: Cites


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A confirmed or single-source claim, or one side of a dispute."""

    text: str
    cites: Cites
    translation: str | None = None
    speaker: str | None = None
    support: str | None = None  # "3 independent origins"
    via: tuple[str, ...] = ()
    earlier: tuple[tuple[str, Cites], ...] = ()  # (figure, cites) of a count that changed over the day
    side: Said | None = None  # set for a dispute's side


@dataclass(frozen=True, slots=True)
class DisputeView:
    """A disputed claim: its kind and every side."""

    kind: str
    sides: tuple[ClaimView, ...]


@dataclass(frozen=True, slots=True)
class SourceView:
    """One entry of an event's source list."""

    number: int
    label: str
    title: str | None
    time: str | None
    language: str
    url: str | None
    via: str | None
    copies: Cites


@dataclass(frozen=True, slots=True)
class SummaryView:
    """One language's summary: sentences with their citations, or why there is none."""

    lang: str
    heading: str
    sentences: tuple[tuple[str, Cites], ...]
    unavailable: str | None


@dataclass(frozen=True, slots=True)
class SectionView:
    """The claims of one status, and how many more the Markdown leaves out."""

    status: str
    heading: str
    claims: tuple[ClaimView | DisputeView, ...]
    more: int


@dataclass(frozen=True, slots=True)
class EventView:
    """One event: heading, story card, details, sources."""

    number: int
    heading: str
    short_title: str
    key_points: tuple[ClaimView, ...]
    disputes: tuple[tuple[str, tuple[Said, ...]], ...]  # (kind, parties) per disputed claim
    coverage: str
    change: str | None
    related: tuple[tuple[int, str], ...]
    summaries: tuple[SummaryView, ...]
    sections: tuple[SectionView, ...]
    sources: tuple[SourceView, ...]

    @property
    def claim_count(self) -> int:
        """Claims in this event's sections (shown or not)."""
        return sum(len(s.claims) + s.more for s in self.sections)


@dataclass(frozen=True, slots=True)
class BriefView:
    """The whole brief, in reading order."""

    date: str
    header: str
    notes: tuple[str, ...]
    stories: tuple[EventView, ...]
    also: tuple[EventView, ...]  # single-report events
    skipped: tuple[tuple[str, str], ...]


def brief_view(brief: Brief, langs: tuple[str, ...] = ("en", "ar"), full: bool = False) -> BriefView:
    """The view of a brief (`full`: no claim list is cut)."""
    known, unknown = outlets(brief)
    unknown_note = f" (+ {unknown} source{'s' if unknown != 1 else ''} of unknown outlet)" if unknown else ""
    n = len(brief.events)
    header = (f"{len(brief.sources)} articles · {known} outlets{unknown_note} · {n} event{'' if n == 1 else 's'}"
              f" · summarizer: {brief.summarizer} · generated {brief.generated_at}")
    by_id = {s.article.id: s for s in brief.sources}
    number = {e.id: k for k, e in enumerate(brief.events, 1)}
    views = [event_view(number[e.id], e, by_id, number, langs, full) for e in brief.events]
    return BriefView(brief.date, header, brief.notes, tuple(v for v, e in zip(views, brief.events, strict=True)
                                                            if len(e.sources) > 1),
                     tuple(v for v, e in zip(views, brief.events, strict=True) if len(e.sources) <= 1),
                     tuple((s.input, s.reason) for s in brief.skipped))


def event_view(n: int, event: EventReport, by_id: dict[str, SourceInfo], number: dict[str, int],
               langs: tuple[str, ...], full: bool) -> EventView:
    """The view of one event."""
    numbers = {aid: i for i, aid in enumerate(event.sources, 1)}
    heading = " · ".join(t for t in (event.title.get("en"), event.title.get("ar")) if t) or event.id
    disputes = tuple((DISPUTE_NAMES.get(c.dispute_kind or "", "Disputed").lower(), _parties(c, numbers, 2))
                     for c in event.claims if c.status == "disputed")
    cov = coverage(event, by_id)
    langs_line = ", ".join(f"{lang} {k}" for lang, k in sorted(cov.items()) if lang not in ("reports", "origins"))
    only = "" if "en" in cov else " (Arabic only)" if "ar" in cov else ""
    cover = f"{cov['reports']} reports · {cov['origins']} independent origins · {langs_line}{only}"
    points = [_key_point(k, numbers) for k in event.key_points]
    related = tuple((number[o], why) for o, why in event.related if o in number)
    # Words as the Markdown card shows them: "## N. heading", "Disputed (kind): A says [1]; …", "Coverage: …",
    # "Related, kept apart as another event: event N (why)".
    fixed = 2 + len(heading.split()) + 1 + len(cover.split()) + len((event.change or "").split()) + sum(
        1 + len(kind.split()) + sum(len(p.who.split()) + 2 for p in parties) for kind, parties in disputes) + (
        RELATED_WORDS + sum(2 + len(why.split()) for _, why in related) if related else 0)
    while len(points) > 1 and fixed + sum(_words(p) for p in points) > CARD_WORDS:
        points.pop()
    sections = []
    for status, title in STATUS_HEADINGS:
        group = [c for c in event.claims if c.status == status]
        if group:
            limit = len(group) if full else SHOWN_PER_SECTION.get(status, len(group))
            shown = tuple(_dispute(c, numbers) if status == "disputed" else _claim(c, numbers) for c in group[:limit])
            sections.append(SectionView(status, title, shown, max(0, len(group) - limit)))
    return EventView(
        number=n, heading=heading, short_title=_short(event.title.get("en") or event.title.get("ar") or event.id),
        key_points=tuple(points), disputes=disputes, coverage=cover, change=event.change,
        related=related,
        summaries=tuple(_summary(event, lang, numbers) for lang in langs if lang in event.summaries),
        sections=tuple(sections),
        sources=tuple(_source(numbers[aid], by_id[aid], numbers) for aid in event.sources),
    )


def cites(ids: tuple[str, ...] | list[str], numbers: dict[str, int]) -> Cites:
    """Source ids as the event's citation numbers, in order, once (unknown ids left out)."""
    return tuple(sorted({numbers[i] for i in ids if i in numbers}))


def _words(claim: ClaimView) -> int:
    """Words a key point line takes: its bullet, its text, "—", the citations, "·" and the support label."""
    return 1 + len(claim.text.split()) + 3 + len((claim.support or "").split())


def _short(title: str) -> str:
    """A headline cut at a word near CONTENTS_CHARS."""
    title = " ".join(title.split())
    return title if len(title) <= CONTENTS_CHARS else title[:CONTENTS_CHARS].rsplit(" ", 1)[0] + " …"


def _key_point(point: KeyPoint, numbers: dict[str, int]) -> ClaimView:
    """A key point: its text, citations and support ("one origin": copies of one report)."""
    support = f"{point.independent_sources} independent origins" if point.confirmed else "one origin"
    return ClaimView(point.text, cites(point.sources, numbers), support=support)


def _parties(claim: ClaimGroup, numbers: dict[str, int], most: int) -> tuple[Said, ...]:
    """Who says what on each side of a dispute, with the side's sources."""
    out = []
    for side, statements in sides(claim):
        speakers = list(dict.fromkeys(s.attributed_to for s in statements if s.attributed_to))[:most]
        who = " and ".join(speakers) if speakers else f"side {side + 1}"
        out.append(Said(who, verb(statements[0].stance == "deny", len(speakers)),
                        cites([i for s in statements for i in s.sources], numbers)))
    return tuple(out)


def sides(claim: ClaimGroup) -> list[tuple[int, list[Statement]]]:
    """A dispute's statements grouped by side, in side order."""
    grouped: dict[int, list[Statement]] = {}
    for st in claim.statements:
        grouped.setdefault(st.side if st.side is not None else 0, []).append(st)
    return sorted(grouped.items())


def verb(denies: bool, speakers: int) -> str:
    """"says" / "denies", or "say" / "deny" for two or more speakers."""
    if speakers > 1:
        return "deny" if denies else "say"
    return "denies" if denies else "says"


def _via(statements: tuple[Statement, ...] | list[Statement]) -> tuple[str, ...]:
    """The wires or outlets the statements relay, if any."""
    return tuple(sorted({s.origin for s in statements
                         if s.origin and s.origin[:1].isupper() and "." not in s.origin}))


def _claim(claim: ClaimGroup, numbers: dict[str, int]) -> ClaimView:
    """A confirmed or single-source claim."""
    lead = claim.statements[0]
    support = f"{claim.independent_sources} independent origins" if claim.status == "confirmed" else None
    return ClaimView(lead.text, cites([i for s in claim.statements for i in s.sources], numbers), lead.translation,
                     lead.attributed_to, support, _via(claim.statements),
                     tuple((t.figure or "?", cites(t.sources, numbers)) for t in claim.timeline))


def _dispute(claim: ClaimGroup, numbers: dict[str, int]) -> DisputeView:
    """A disputed claim: each side once, with its first wording and every source."""
    views = []
    for side, statements in sides(claim):
        lead = statements[0]
        speakers = list(dict.fromkeys(s.attributed_to for s in statements if s.attributed_to))[:3]
        said = Said(" and ".join(speakers) if speakers else "unattributed",
                    verb(lead.stance == "deny", len(speakers)),
                    cites([i for s in statements for i in s.sources], numbers))
        views.append(ClaimView(lead.text, said.cites, lead.translation, via=_via(statements),
                               side=Said(f"side {side + 1}: {said.who}", said.verb, said.cites)))
    return DisputeView(DISPUTE_NAMES.get(claim.dispute_kind or "", "Disputed"), tuple(views))


def _summary(event: EventReport, lang: str, numbers: dict[str, int]) -> SummaryView:
    """One language's summary."""
    summary = event.summaries[lang]
    if summary.method == "unavailable":
        return SummaryView(lang, SUMMARY_HEADINGS.get(lang, lang), (), summary.unavailable_reason or "no reason given")
    return SummaryView(lang, SUMMARY_HEADINGS.get(lang, lang),
                       tuple((s.text, cites(s.sources, numbers)) for s in summary.sentences), None)


def _source(n: int, info: SourceInfo, numbers: dict[str, int]) -> SourceView:
    """One source entry: outlet, its headline, time, language, link, origin, copies."""
    a = info.article
    return SourceView(n, source_label(a), a.title, a.published[:16].replace("T", " ") if a.published else None,
                      LANG_NAMES.get(a.lang, a.lang), safe_url(a.url), info.origin,
                      cites(list(info.syndicated_with), numbers))
