"""JSON brief following brief.schema.json (validated before it is written)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from summarize.model import (
    Article,
    Brief,
    ClaimGroup,
    EventReport,
    KeyPoint,
    Skipped,
    SourceInfo,
    Statement,
    Summary,
    SummarySentence,
    TimelineEntry,
)

SCHEMA_VERSION = "1.0"


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """Convert a brief to the schema's plain-data form."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": brief.generated_at,
        "date": brief.date,
        "summarizer": brief.summarizer,
        "notes": list(brief.notes),
        "stats": dict(sorted(brief.stats.items())),
        "sources": [_source(s) for s in brief.sources],
        "skipped": [{"input": s.input, "reason": s.reason} for s in brief.skipped],
        "events": [_event(e) for e in brief.events],
    }


def _source(info: SourceInfo) -> dict[str, Any]:
    """One source entry."""
    a = info.article
    return {
        "id": a.id, "outlet": a.outlet, "title": a.title, "url": a.url, "published": a.published,
        "language": a.lang, "path": a.path, "syndicated_with": list(info.syndicated_with),
        "furniture_chars": info.furniture_chars, "origin": info.origin,
    }


def _event(event: EventReport) -> dict[str, Any]:
    """One event entry."""
    return {
        "id": event.id,
        "title": {"ar": event.title.get("ar"), "en": event.title.get("en")},
        "sources": list(event.sources),
        "summary": {lang: _summary(event.summaries[lang]) for lang in ("ar", "en")},
        "claims": [_claim(c) for c in event.claims],
        "related": [{"event": other, "why": why} for other, why in event.related],
        **({"change": event.change} if event.change else {}),
        "key_points": [{"text": k.text, "language": k.language, "sources": list(k.sources), "claim": k.claim,
                        "independent_sources": k.independent_sources, "confirmed": k.confirmed}
                       for k in event.key_points],
    }


def _summary(summary: Summary) -> dict[str, Any]:
    """One summary entry."""
    return {
        "method": summary.method,
        "unavailable_reason": summary.unavailable_reason,
        "sentences": [{"text": s.text, "sources": list(s.sources)} for s in summary.sentences],
    }


def _claim(claim: ClaimGroup) -> dict[str, Any]:
    """One claim entry."""
    return {
        "id": claim.id, "status": claim.status, "independent_sources": claim.independent_sources,
        "dispute_kind": claim.dispute_kind, "score": round(claim.score, 4),
        "independent_origins": list(claim.origins),
        "timeline": [{"text": t.text, "figure": t.figure, "published": t.published, "sources": list(t.sources)}
                     for t in claim.timeline],
        "statements": [_statement(s) for s in claim.statements],
    }


def _statement(st: Statement) -> dict[str, Any]:
    """One statement entry."""
    return {
        "text": st.text, "language": st.language, "translation": st.translation,
        "attributed_to": st.attributed_to, "stance": st.stance, "side": st.side, "sources": list(st.sources),
        "spans": [{"source": s, "start": a, "end": b} for s, a, b in st.spans], "origin": st.origin,
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The brief JSON schema shipped inside the package."""
    data: dict[str, Any] = json.loads(resources.files("summarize").joinpath("brief.schema.json").read_text("utf-8"))
    return data


def validate(data: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` if `data` does not follow the brief schema."""
    import jsonschema

    jsonschema.validate(data, schema())


def render_json(brief: Brief) -> str:
    """Render and validate the JSON brief (UTF-8, Arabic kept as is, stable key order)."""
    data = brief_to_dict(brief)
    validate(data)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class BriefFileError(ValueError):
    """A JSON brief that cannot be read back; the message says why."""


def load_brief(path: Path) -> Brief:
    """Read a JSON brief written by `render_json` back into a `Brief` (for the terminal preview)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        validate(data)
        return _brief(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BriefFileError(f"{path} is not a readable JSON brief: {exc}") from exc
    except Exception as exc:  # jsonschema.ValidationError
        raise BriefFileError(f"{path} does not follow the brief schema: {str(exc).splitlines()[0]}") from exc


def _brief(d: dict[str, Any]) -> Brief:
    """The `Brief` of a schema-valid dict."""
    sources = tuple(SourceInfo(Article(s["id"], "", s.get("outlet"), s.get("title"), s.get("url"), s.get("published"),
                                       s.get("path"), s.get("language", "und")),
                               tuple(s.get("syndicated_with", ())), s.get("furniture_chars", 0), s.get("origin"))
                    for s in d["sources"])
    events = tuple(EventReport(
        e["id"], tuple(e["sources"]), dict(e["title"]),
        {lang: Summary(lang, v["method"], tuple(SummarySentence(x["text"], tuple(x["sources"]))
                                                for x in v["sentences"]), v.get("unavailable_reason"))
         for lang, v in e["summary"].items()},
        tuple(_claim_of(c) for c in e.get("claims", ())),
        tuple((r["event"], r["why"]) for r in e.get("related", ())),
        tuple(KeyPoint(k["text"], k.get("language", "und"), tuple(k["sources"]), k.get("claim"),
                       k.get("independent_sources", 1), k.get("confirmed", True)) for k in e.get("key_points", ())),
        e.get("change"),
    ) for e in d["events"])
    return Brief(d["date"], d["generated_at"], d["summarizer"], sources,
                 tuple(Skipped(s["input"], s["reason"]) for s in d.get("skipped", ())), events,
                 tuple(d.get("notes", ())), dict(d.get("stats", {})))


def _claim_of(c: dict[str, Any]) -> ClaimGroup:
    """A claim entry back as a `ClaimGroup`."""
    statements = tuple(Statement(s["text"], s["language"], tuple(s["sources"]), s.get("attributed_to"),
                                 s.get("stance"), s.get("side"), s.get("translation"),
                                 tuple((x["source"], x["start"], x["end"]) for x in s.get("spans", ())),
                                 s.get("origin")) for s in c["statements"])
    timeline = tuple(TimelineEntry(t["text"], t.get("figure"), t.get("published"), tuple(t["sources"]))
                     for t in c.get("timeline", ()))
    return ClaimGroup(c["id"], c["status"], statements, c.get("independent_sources", 1), c.get("dispute_kind"),
                      c.get("score", 0.0), tuple(c.get("independent_origins", ())), timeline)
