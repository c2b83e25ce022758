"""Markdown brief, laid out as in DESIGN.md; all article text escaped."""

from __future__ import annotations

from summarize.model import LANG_NAMES, Brief, ClaimGroup, EventReport, SourceInfo, Statement, Summary
from summarize.render.text import cite, md_escape, outlets, safe_url, source_label

# How many claims of each status the Markdown shows before "and N more" (the
# JSON keeps all). Disputes are never cut: hiding a disagreement is worse than a long brief.
SHOWN_PER_SECTION = {"confirmed": 8, "single_source": 6}
SUMMARY_HEADINGS = {"en": "Summary (English)", "ar": "الملخص"}
DISPUTE_NAMES = {
    "denial": "Denied",
    "conflicting_figures": "Conflicting figures",
    "conflicting_reports": "Conflicting reports",
}


def render_markdown(brief: Brief, langs: tuple[str, ...] = ("en", "ar")) -> str:
    """Render the whole brief as Markdown."""
    n_events = len(brief.events)
    known, unknown = outlets(brief)
    unknown_note = f" (+ {unknown} source{'s' if unknown != 1 else ''} of unknown outlet)" if unknown else ""
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
    for n, event in enumerate(brief.events, 1):
        lines += _event(n, event, by_id, langs)
        lines[-1:-1] = _related(event, number) if event.related else []
    if brief.skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {md_escape(s.input)} — {md_escape(s.reason)}" for s in brief.skipped]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _event(n: int, event: EventReport, by_id: dict[str, SourceInfo], langs: tuple[str, ...]) -> list[str]:
    """Render one event section."""
    numbers = {aid: i for i, aid in enumerate(event.sources, 1)}
    titles = [md_escape(t) for t in (event.title.get("en"), event.title.get("ar")) if t]
    lines = [f"## {n}. {' · '.join(titles) or event.id}", ""]
    lines += ["Sources: " + " · ".join(_source_ref(aid, numbers, by_id) for aid in event.sources), ""]
    for lang in langs:
        if lang in event.summaries:
            lines += _summary(event.summaries[lang], numbers)
    lines += _claims(event.claims, numbers)
    lines += ["### Sources", ""]
    for aid in event.sources:
        lines.append(f"{numbers[aid]}. {_source_line(by_id[aid])}")
    lines.append("")
    return lines


def _related(event: EventReport, number: dict[str, int]) -> list[str]:
    """Same-topic events kept apart from this one, and why."""
    refs = [f"event {number[other]} ({md_escape(why)})" for other, why in event.related if other in number]
    return [f"*Related, kept apart as another event:* {'; '.join(refs)}", ""] if refs else []


def _source_ref(aid: str, numbers: dict[str, int], by_id: dict[str, SourceInfo]) -> str:
    """`[2] Outlet (same wire text as [3])`."""
    info = by_id[aid]
    ref = f"[{numbers[aid]}] {md_escape(source_label(info.article))}"
    copies = [o for o in info.syndicated_with if o in numbers]
    return ref + (f" (same wire text as {cite(copies, numbers)})" if copies else "")


def _source_line(info: SourceInfo) -> str:
    """`outlet — title — url — language` for the sources list."""
    a = info.article
    url = safe_url(a.url)
    parts = [md_escape(source_label(a)), md_escape(a.title) if a.title else None, f"<{url}>" if url else None]
    parts.append(LANG_NAMES.get(a.lang, a.lang))
    return " — ".join(p for p in parts if p)


def _summary(summary: Summary, numbers: dict[str, int]) -> list[str]:
    """Render one language's summary, each sentence followed by its sources."""
    lines = [f"### {SUMMARY_HEADINGS.get(summary.lang, summary.lang)}", ""]
    if summary.method == "unavailable":
        lines.append(f"*Not available: {md_escape(summary.unavailable_reason or 'no reason given')}.*")
    else:
        lines.append(" ".join(f"{md_escape(s.text)} {cite(s.sources, numbers)}" for s in summary.sentences))
    return [*lines, ""]


def _claims(claims: tuple[ClaimGroup, ...], numbers: dict[str, int]) -> list[str]:
    """Render the confirmed, disputed and single-source sections."""
    lines: list[str] = []
    for status, heading in (("confirmed", "Confirmed"), ("disputed", "Disputed"), ("single_source", "Single source")):
        group = [c for c in claims if c.status == status]
        if not group:
            continue
        limit = SHOWN_PER_SECTION.get(status, len(group))
        lines += [f"### {heading}", ""]
        for claim in group[:limit]:
            lines += _dispute(claim, numbers) if status == "disputed" else [_plain_claim(claim, numbers)]
        if len(group) > limit:
            lines.append(f"- … and {len(group) - limit} more (all are in the JSON brief)")
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


def _dispute(claim: ClaimGroup, numbers: dict[str, int]) -> list[str]:
    """A disputed claim: what kind of dispute, then every side with who says it and where."""
    kind = DISPUTE_NAMES.get(claim.dispute_kind or "", "Disputed")
    lines = [f"- **{kind}**"]
    sides: dict[int, list[Statement]] = {}
    for st in claim.statements:
        sides.setdefault(st.side if st.side is not None else 0, []).append(st)
    for side, statements in sorted(sides.items()):  # each side once: its first wording, every source
        lead = statements[0]
        speakers = list(dict.fromkeys(md_escape(s.attributed_to) for s in statements if s.attributed_to))
        who = " and ".join(speakers[:3]) if speakers else "unattributed"
        verb = "denies" if lead.stance == "deny" else "says"
        ids = tuple(i for s in statements for i in s.sources)
        lines.append(f"    - side {side + 1}: {who} {verb}: {_statement_text(lead)} {cite(ids, numbers)}"
                     f"{_via(statements)}")
    return lines


def _via(statements: tuple[Statement, ...] | list[Statement]) -> str:
    """" · via Reuters" when the statements relay a wire or another outlet's report."""
    wires = sorted({s.origin for s in statements if s.origin and s.origin[:1].isupper() and "." not in s.origin})
    return f" · via {', '.join(md_escape(w) for w in wires)}" if wires else ""


def _statement_text(st: Statement) -> str:
    """A statement's text, with its translation when there is one."""
    text = f"«{md_escape(st.text)}»"
    return text + (f" (*{md_escape(st.translation)}*)" if st.translation else "")
