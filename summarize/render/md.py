"""Markdown brief, laid out as in DESIGN.md from the shared view: contents, one story card per event,
then its details; all article text escaped.

`full=False` (the .md file) cuts long claim lists with a count; `full=True` keeps every claim.
"""

from __future__ import annotations

from summarize.model import Brief
from summarize.render.text import md_escape
from summarize.render.view import ClaimView, DisputeView, EventView, Said, SourceView, brief_view

DETAILS_HEADING = "Details"
ALSO_HEADING = "Also reported"


def render_markdown(brief: Brief, langs: tuple[str, ...] = ("en", "ar"), full: bool = False) -> str:
    """Render the whole brief as Markdown (`full`: no claim list is cut)."""
    view = brief_view(brief, langs, full)
    lines = [f"# Morning brief — {view.date}", "", md_escape(view.header), ""]
    for note in view.notes:  # one quote block each, so notes do not run together
        lines += [f"> {md_escape(note)}", ""]
    lines += _contents(view.stories, view.also)
    for event in view.stories:
        lines += _event(event)
    if view.also:
        lines += [f"## {ALSO_HEADING}", ""]
        for event in view.also:
            lines += _also(event, full)
        lines.append("")
    if view.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {md_escape(what)} — {md_escape(why)}" for what, why in view.skipped]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def cite(numbers: tuple[int, ...]) -> str:
    """`[1][4]`."""
    return "".join(f"[{n}]" for n in numbers)


def _contents(stories: tuple[EventView, ...], also: tuple[EventView, ...]) -> list[str]:
    """The linked table of contents, in reading order (the HTML gives each event the id `event-N`)."""
    if not stories and not also:
        return []
    lines = ["## Contents", ""]
    lines += [f"{e.number}. [{md_escape(e.short_title)}](#event-{e.number}) · {len(e.sources)} reports"
              for e in stories]
    if also:
        refs = ", ".join(f"[{e.number}](#event-{e.number})" for e in also)
        lines += ["", f"[{ALSO_HEADING}](#also-reported): {len(also)} single-report stor"
                      f"{'y' if len(also) == 1 else 'ies'} ({refs})"]
    return [*lines, ""]


def _event(event: EventView) -> list[str]:
    """One event: its heading, its story card, then the details and the sources."""
    lines = [f"## {event.number}. {md_escape(event.heading)}", ""]
    lines += story_card(event)
    if event.related:
        refs = "; ".join(f"event {n} ({md_escape(why)})" for n, why in event.related)
        lines += [f"*Related, kept apart as another event:* {refs}", ""]
    lines += [f"### {DETAILS_HEADING}", ""]
    for summary in event.summaries:
        lines += [f"#### {summary.heading}", ""]
        if summary.unavailable:
            lines.append(f"*Not available: {md_escape(summary.unavailable)}.*")
        else:
            lines.append(" ".join(f"{md_escape(text)} {cite(c)}" for text, c in summary.sentences))
        lines.append("")
    for section in event.sections:
        lines += [f"#### {section.heading}", ""]
        for claim in section.claims:
            lines += _dispute(claim) if isinstance(claim, DisputeView) else [f"- {_claim(claim)}"]
        if section.more:
            lines.append(f"- … and {section.more} more (all are in the HTML and JSON briefs)")
        lines.append("")
    lines += ["### Sources", ""]
    lines += [f"{s.number}. {source_line(s)}" for s in event.sources]
    return [*lines, ""]


def story_card(event: EventView) -> list[str]:
    """Key points, one line per dispute, coverage and what changed."""
    lines = [f"- {md_escape(k.text)} — {cite(k.cites)} · {k.support}" for k in event.key_points]
    tail = [f"**Disputed** ({kind}): {'; '.join(_said(p) for p in parties)}" for kind, parties in event.disputes]
    tail.append(f"Coverage: {event.coverage}")
    if event.change:
        tail.append(f"**{md_escape(event.change)}**")
    return [*lines, *([""] if lines else []), *[f"{t}  " for t in tail[:-1]], tail[-1], ""]


def _said(said: Said) -> str:
    """`Army says [1]`."""
    return f"{md_escape(said.who)} {said.verb} {cite(said.cites)}"


def _also(event: EventView, full: bool) -> list[str]:
    """One line for a single-report event; under it (`full`) its claims, else their count."""
    where = f" — {source_line(event.sources[0])}" if event.sources else ""
    line = f"- <a id=\"event-{event.number}\"></a>{event.number}. **{md_escape(event.heading)}**{where}"
    if not event.claim_count:
        return [line]
    if not full:
        return [f"{line} · {event.claim_count} claims (in the HTML and JSON briefs)"]
    claims = [c for s in event.sections for c in s.claims]
    return [line, *[f"    - {_claim(c)}" for c in claims if isinstance(c, ClaimView)],
            *[f"    {x}" for c in claims if isinstance(c, DisputeView) for x in _dispute(c)]]


def source_line(s: SourceView) -> str:
    """`outlet — its headline — time — language — link — via Reuters — same wire text as [m]`."""
    parts = [md_escape(s.label), md_escape(s.title) if s.title else None, md_escape(s.time) if s.time else None,
             s.language, f"<{s.url}>" if s.url else None, f"via {md_escape(s.via)}" if s.via else None,
             f"same wire text as {cite(s.copies)}" if s.copies else None]
    return " — ".join(p for p in parts if p)


def _claim(claim: ClaimView) -> str:
    """`«claim» (speaker) — [1][2] · 2 independent origins · via Reuters · earlier: 97 [4]`."""
    who = f" ({md_escape(claim.speaker)})" if claim.speaker else ""
    line = f"{_quoted(claim)}{who} — {cite(claim.cites)}"
    line += f" · {claim.support}" if claim.support else ""
    line += f" · via {', '.join(md_escape(w) for w in claim.via)}" if claim.via else ""
    earlier = [f"{md_escape(figure)} {cite(c)}" for figure, c in claim.earlier]
    return line + (f" · earlier: {'; '.join(earlier)}" if earlier else "")


def _dispute(dispute: DisputeView) -> list[str]:
    """A disputed claim: what kind, then every side with who says it and where."""
    lines = [f"- **{dispute.kind}**"]
    for side in dispute.sides:
        said = side.side or Said("unattributed", "says", side.cites)
        via = f" · via {', '.join(md_escape(w) for w in side.via)}" if side.via else ""
        lines.append(f"    - {md_escape(said.who)} {said.verb}: {_quoted(side)} {cite(side.cites)}{via}")
    return lines


def _quoted(claim: ClaimView) -> str:
    """A statement's text in quotes, with its translation when there is one."""
    text = f"«{md_escape(claim.text)}»"
    return text + (f" (*{md_escape(claim.translation)}*)" if claim.translation else "")


def render_event(brief: Brief, key: str, langs: tuple[str, ...] = ("en", "ar")) -> str | None:
    """One story of a brief as Markdown (its card, details and sources, no brief header), chosen by its
    number ("2", "e2") or words of its title; None if no story matches."""
    from summarize.text.normalize import match_key

    view = brief_view(brief, langs)
    wanted = key.strip().lower().removeprefix("e")
    folded = match_key(key)
    for event in (*view.stories, *view.also):
        if str(event.number) == wanted or (folded and folded in match_key(event.heading)):
            lines = _event(event) if event in view.stories else [f"## {event.number}. {md_escape(event.heading)}",
                                                                  "", *_also(event, full=True)]
            return "\n".join(lines).rstrip() + "\n"
    return None
