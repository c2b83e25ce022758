"""Markdown brief, laid out as in DESIGN.md: contents, one story card per event, then its details; all
article text escaped.

`full=False` (the .md file) cuts long claim lists with a count; `full=True` (the source of the HTML,
where details fold away) keeps every claim, so nothing is only in the JSON.
"""

from __future__ import annotations

from summarize.claims.origins import article_origin
from summarize.model import LANG_NAMES, Brief, ClaimGroup, EventReport, KeyPoint, SourceInfo, Statement, Summary
from summarize.render.text import cite, md_escape, outlets, safe_url, source_label
from summarize.summary.card import coverage

# How many claims of each status the Markdown shows before "and N more". Disputes are never cut:
# hiding a disagreement is worse than a long brief.
SHOWN_PER_SECTION = {"confirmed": 8, "single_source": 6}
# Five story cards and the contents read in about two minutes (600 words; bench/bench_reading.py): key
# points are dropped from the end (never the first, never a dispute line) until a card fits in 80 words.
CARD_WORDS = 80
# Contents lines stay one line each: the title is cut at a word near this many characters.
CONTENTS_CHARS = 48
SUMMARY_HEADINGS = {"en": "Summary (English)", "ar": "الملخص"}
DETAILS_HEADING = "Details"
ALSO_HEADING = "Also reported"
DISPUTE_NAMES = {
    "denial": "Denied",
    "conflicting_figures": "Conflicting figures",
    "conflicting_reports": "Conflicting reports",
}


def render_markdown(brief: Brief, langs: tuple[str, ...] = ("en", "ar"), full: bool = False) -> str:
    """Render the whole brief as Markdown (`full`: no claim list is cut)."""
    known, unknown = outlets(brief)
    unknown_note = f" (+ {unknown} source{'s' if unknown != 1 else ''} of unknown outlet)" if unknown else ""
    n_events = len(brief.events)
    lines = [
        f"# Morning brief — {brief.date}",
        "",
        f"{len(brief.sources)} articles · {known} outlets{unknown_note} · {n_events} event"
        f"{'' if n_events == 1 else 's'} · summarizer: {md_escape(brief.summarizer)}"
        f" · generated {brief.generated_at}",
        "",
    ]
    for note in brief.notes:  # one quote block each, so notes do not run together
        lines += [f"> {md_escape(note)}", ""]
    by_id = {s.article.id: s for s in brief.sources}
    number = {e.id: n for n, e in enumerate(brief.events, 1)}
    stories = [e for e in brief.events if len(e.sources) > 1]
    also = [e for e in brief.events if len(e.sources) <= 1]
    lines += _contents(stories, also, number, by_id)
    for event in stories:
        lines += _event(number[event.id], event, by_id, number, langs, full)
    if also:
        lines += [f"## {ALSO_HEADING}", ""]
        for event in also:
            lines += _also(number[event.id], event, by_id, full)
        lines.append("")
    if brief.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {md_escape(s.input)} — {md_escape(s.reason)}" for s in brief.skipped]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def event_heading(event: EventReport) -> str:
    """An event's title line: English and Arabic headlines where sources give them."""
    titles = [md_escape(t) for t in (event.title.get("en"), event.title.get("ar")) if t]
    return " · ".join(titles) or event.id


def _short_title(event: EventReport) -> str:
    """One headline for the contents (English where there is one), cut at a word near CONTENTS_CHARS."""
    title = " ".join((event.title.get("en") or event.title.get("ar") or event.id).split())
    if len(title) > CONTENTS_CHARS:
        title = title[:CONTENTS_CHARS].rsplit(" ", 1)[0] + " …"
    return md_escape(title)


def _contents(stories: list[EventReport], also: list[EventReport], number: dict[str, int],
              by_id: dict[str, SourceInfo]) -> list[str]:
    """The linked table of contents, in reading order (the HTML gives each event the id `event-N`)."""
    if not stories and not also:
        return []
    lines = ["## Contents", ""]
    for event in stories:
        lines.append(f"{number[event.id]}. [{_short_title(event)}](#event-{number[event.id]}) · "
                     f"{len(event.sources)} reports")
    if also:
        refs = ", ".join(f"[{number[e.id]}](#event-{number[e.id]})" for e in also)
        lines += ["", f"[{ALSO_HEADING}](#also-reported): {len(also)} single-report stor"
                      f"{'y' if len(also) == 1 else 'ies'} ({refs})"]
    return [*lines, ""]


def _event(n: int, event: EventReport, by_id: dict[str, SourceInfo], number: dict[str, int],
           langs: tuple[str, ...], full: bool) -> list[str]:
    """One event: its heading, its story card, then the details."""
    numbers = {aid: i for i, aid in enumerate(event.sources, 1)}
    lines = [f"## {n}. {event_heading(event)}", ""]
    lines += story_card(event, by_id, numbers, budget=CARD_WORDS - len(lines[0].split()))
    lines += _related(event, number) if event.related else []
    lines += [f"### {DETAILS_HEADING}", ""]
    for lang in langs:
        if lang in event.summaries:
            lines += _summary(event.summaries[lang], numbers)
    lines += _claims(event.claims, numbers, full)
    lines += ["### Sources", ""]
    lines += [f"{numbers[aid]}. {_source_line(by_id[aid], numbers)}" for aid in event.sources]
    return [*lines, ""]


def story_card(event: EventReport, by_id: dict[str, SourceInfo], numbers: dict[str, int],
               budget: int = CARD_WORDS) -> list[str]:
    """Key points, one line per dispute, coverage and what changed: at most `budget` words where it can."""
    tail = [_dispute_line(c, numbers) for c in event.claims if c.status == "disputed"]
    tail.append(_coverage_line(event, by_id))
    if event.change:
        tail.append(f"**{md_escape(event.change)}**")
    points = [_key_point(k, numbers) for k in event.key_points]
    while len(points) > 1 and _words(points + tail) > budget:
        points.pop()
    lines = [f"- {p}" for p in points]
    return [*lines, *([""] if lines else []), *[f"{t}  " for t in tail[:-1]], tail[-1], ""]


def _words(lines: list[str]) -> int:
    """Words a reader reads in these lines (citations and markup count as words too)."""
    return sum(len(line.split()) for line in lines)


def _key_point(point: KeyPoint, numbers: dict[str, int]) -> str:
    """`point — [1][4] · 3 independent origins` (or `· one origin`: copies of one report)."""
    support = f"{point.independent_sources} independent origins" if point.confirmed else "one origin"
    return f"{md_escape(point.text)} — {cite(point.sources, numbers)} · {support}"


def _dispute_line(claim: ClaimGroup, numbers: dict[str, int]) -> str:
    """`**Disputed** (denial): Army says [1]; Ministry denies [5]` — the sides are in the details."""
    kind = DISPUTE_NAMES.get(claim.dispute_kind or "", "Disputed").lower()
    parts = []
    for side, statements in _sides(claim):
        speakers = list(dict.fromkeys(md_escape(s.attributed_to) for s in statements if s.attributed_to))
        who = " and ".join(speakers[:2]) if speakers else f"side {side + 1}"
        verb = _verb(statements[0].stance == "deny", len(speakers[:2]))
        parts.append(f"{who} {verb} {cite(tuple(i for s in statements for i in s.sources), numbers)}")
    return f"**Disputed** ({kind}): {'; '.join(parts)}"


def _coverage_line(event: EventReport, by_id: dict[str, SourceInfo]) -> str:
    """`Coverage: 7 reports · 4 independent origins · ar 5, en 2` (+ which summary languages lack sources)."""
    cov = coverage(event, by_id)
    langs = ", ".join(f"{lang} {n}" for lang, n in sorted(cov.items()) if lang not in ("reports", "origins"))
    only = "" if "en" in cov else " (Arabic only)" if "ar" in cov else ""
    return f"Coverage: {cov['reports']} reports · {cov['origins']} independent origins · {langs}{only}"


def _related(event: EventReport, number: dict[str, int]) -> list[str]:
    """Same-topic events kept apart from this one, and why."""
    refs = [f"event {number[other]} ({md_escape(why)})" for other, why in event.related if other in number]
    return [f"*Related, kept apart as another event:* {'; '.join(refs)}", ""] if refs else []


def _also(n: int, event: EventReport, by_id: dict[str, SourceInfo], full: bool) -> list[str]:
    """One line for a single-report event; under it (`full`) its claims, else their count."""
    info = by_id[event.sources[0]] if event.sources else None
    where = f" — {_source_line(info, {})}" if info else ""
    line = f"- <a id=\"event-{n}\"></a>{n}. **{event_heading(event)}**{where}"
    if not event.claims:
        return [line]
    if not full:
        return [f"{line} · {len(event.claims)} claims (in the HTML and JSON briefs)"]
    numbers = {aid: i for i, aid in enumerate(event.sources, 1)}
    return [line, *[f"    {_plain_claim(c, numbers)}" for c in event.claims]]


def _source_line(info: SourceInfo, numbers: dict[str, int]) -> str:
    """`outlet — its headline — time — language — link — via Reuters / same wire text as [m]`."""
    a = info.article
    url = safe_url(a.url)
    parts = [md_escape(source_label(a)), md_escape(a.title) if a.title else None,
             md_escape(a.published[:16].replace("T", " ")) if a.published else None,
             LANG_NAMES.get(a.lang, a.lang), f"<{url}>" if url else None]
    origin = article_origin(a)
    if origin:
        parts.append(f"via {md_escape(origin)}")
    copies = [o for o in info.syndicated_with if o in numbers]
    if copies:
        parts.append(f"same wire text as {cite(copies, numbers)}")
    return " — ".join(p for p in parts if p)


def _summary(summary: Summary, numbers: dict[str, int]) -> list[str]:
    """Render one language's summary, each sentence followed by its sources."""
    lines = [f"#### {SUMMARY_HEADINGS.get(summary.lang, summary.lang)}", ""]
    if summary.method == "unavailable":
        lines.append(f"*Not available: {md_escape(summary.unavailable_reason or 'no reason given')}.*")
    else:
        lines.append(" ".join(f"{md_escape(s.text)} {cite(s.sources, numbers)}" for s in summary.sentences))
    return [*lines, ""]


def _claims(claims: tuple[ClaimGroup, ...], numbers: dict[str, int], full: bool) -> list[str]:
    """Render the confirmed, disputed and single-source sections."""
    lines: list[str] = []
    for status, heading in (("confirmed", "Confirmed"), ("disputed", "Disputed"), ("single_source", "Single source")):
        group = [c for c in claims if c.status == status]
        if not group:
            continue
        limit = len(group) if full else SHOWN_PER_SECTION.get(status, len(group))
        lines += [f"#### {heading}", ""]
        for claim in group[:limit]:
            lines += _dispute(claim, numbers) if status == "disputed" else [_plain_claim(claim, numbers)]
        if len(group) > limit:
            lines.append(f"- … and {len(group) - limit} more (all are in the HTML and JSON briefs)")
        lines.append("")
    return lines


def _plain_claim(claim: ClaimGroup, numbers: dict[str, int]) -> str:
    """`claim — [1][2] · 2 independent outlets`."""
    lead = claim.statements[0]
    ids = tuple(i for s in claim.statements for i in s.sources)
    who = f" ({md_escape(lead.attributed_to)})" if lead.attributed_to else ""
    count = f" · {claim.independent_sources} independent origins" if claim.status == "confirmed" else ""
    line = f"- {_statement_text(lead)}{who} — {cite(ids, numbers)}{count}{_via(claim.statements)}"
    earlier = [f"{md_escape(t.figure or '?')} {cite(t.sources, numbers)}" for t in claim.timeline]
    return line + (f" · earlier: {'; '.join(earlier)}" if earlier else "")


def _sides(claim: ClaimGroup) -> list[tuple[int, list[Statement]]]:
    """A dispute's statements grouped by side, in side order."""
    sides: dict[int, list[Statement]] = {}
    for st in claim.statements:
        sides.setdefault(st.side if st.side is not None else 0, []).append(st)
    return sorted(sides.items())


def _dispute(claim: ClaimGroup, numbers: dict[str, int]) -> list[str]:
    """A disputed claim: what kind of dispute, then every side with who says it and where."""
    lines = [f"- **{DISPUTE_NAMES.get(claim.dispute_kind or '', 'Disputed')}**"]
    for side, statements in _sides(claim):  # each side once: its first wording, every source
        lead = statements[0]
        speakers = list(dict.fromkeys(md_escape(s.attributed_to) for s in statements if s.attributed_to))
        who = " and ".join(speakers[:3]) if speakers else "unattributed"
        verb = _verb(lead.stance == "deny", len(speakers[:3]))
        ids = tuple(i for s in statements for i in s.sources)
        lines.append(f"    - side {side + 1}: {who} {verb}: {_statement_text(lead)} {cite(ids, numbers)}"
                     f"{_via(statements)}")
    return lines


def _verb(denies: bool, speakers: int) -> str:
    """"says" / "denies", or "say" / "deny" for two or more speakers."""
    if speakers > 1:
        return "deny" if denies else "say"
    return "denies" if denies else "says"


def _via(statements: tuple[Statement, ...] | list[Statement]) -> str:
    """" · via Reuters" when the statements relay a wire or another outlet's report."""
    wires = sorted({s.origin for s in statements if s.origin and s.origin[:1].isupper() and "." not in s.origin})
    return f" · via {', '.join(md_escape(w) for w in wires)}" if wires else ""


def _statement_text(st: Statement) -> str:
    """A statement's text, with its translation when there is one."""
    text = f"«{md_escape(st.text)}»"
    return text + (f" (*{md_escape(st.translation)}*)" if st.translation else "")
